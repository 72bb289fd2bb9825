from django.urls import path

from accounts import views_onboarding

app_name = "onboarding"

urlpatterns = [
    path("list-your-service/", views_onboarding.list_your_service, name="list_your_service"),
    path("list-your-service/organisation/", views_onboarding.organisation_start, name="organisation_start"),
    path("list-your-service/organisation/new/", views_onboarding.organisation_new, name="organisation_new"),
    path(
        "list-your-service/organisation/<slug:slug>/claim/",
        views_onboarding.claim_create,
        name="claim_create",
    ),
    path("list-your-service/requests/", views_onboarding.my_requests, name="my_requests"),
    path("accounts/invitations/<str:token>/", views_onboarding.accept_invitation, name="accept_invitation"),
]
