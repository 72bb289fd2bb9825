from django.urls import path

from directory import views_review

app_name = "review"

urlpatterns = [
    path("", views_review.queue, name="queue"),
    path("services/<slug:slug>/", views_review.service_review, name="service_review"),
    path("services/<slug:slug>/approve/", views_review.service_approve, name="service_approve"),
    path("services/<slug:slug>/send-back/", views_review.service_send_back, name="service_send_back"),
    path("services/<slug:slug>/history/", views_review.service_history, name="service_history"),
]
