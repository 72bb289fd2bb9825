from django.urls import path

from accounts import views_claims

app_name = "claims"

urlpatterns = [
    path("", views_claims.claim_list, name="claim_list"),
    path("<int:pk>/", views_claims.claim_decide, name="claim_decide"),
]
