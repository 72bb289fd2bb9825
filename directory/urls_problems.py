from django.urls import path

from directory import views_problems

app_name = "problems"

urlpatterns = [
    path("", views_problems.report_list, name="report_list"),
    path("<int:pk>/", views_problems.report_detail, name="report_detail"),
]
