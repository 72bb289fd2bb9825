from django.urls import path

from accounts import views_onboarding

app_name = "onboarding"

urlpatterns = [
    path("list-your-service/", views_onboarding.list_your_service, name="list_your_service"),
]
