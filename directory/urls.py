from django.urls import path

from directory import views, views_problems

app_name = "directory"

urlpatterns = [
    path("services/", views.service_list, name="service_list"),
    path("services/<slug:slug>/report/", views_problems.report_problem, name="report_problem"),
    path("services/<slug:slug>/", views.service_detail, name="service_detail"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
]
