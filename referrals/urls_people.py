"""/people/<uuid>/: one person's record, their journey through services, and who looked at it."""

from django.urls import path

from referrals import views_people

app_name = "people"

urlpatterns = [
    path("<uuid:person_uuid>/", views_people.detail, name="detail"),
    path("<uuid:person_uuid>/edit/", views_people.edit, name="edit"),
    path("<uuid:person_uuid>/export/", views_people.export, name="export"),
]
