"""The provider area, mounted at /my-organisation/ (namespace "manage")."""

from django.urls import path

from directory import views_manage, views_members

app_name = "manage"

urlpatterns = [
    path("", views_manage.dashboard, name="dashboard"),
    # Listings, by their slug (a working copy is reached through its published listing).
    path("services/<slug:slug>/edit/", views_manage.service_edit, name="service_edit"),
    path("services/<slug:slug>/submit/", views_manage.service_submit, name="service_submit"),
    path("services/<slug:slug>/capacity/", views_manage.service_capacity, name="service_capacity"),
    path("services/<slug:slug>/confirm/", views_manage.service_confirm, name="service_confirm"),
    # One organisation: its listings, a new listing, its people.
    path("<slug:org_slug>/", views_manage.organisation, name="organisation"),
    path("<slug:org_slug>/services/new/", views_manage.service_create, name="service_create"),
    path("<slug:org_slug>/members/", views_members.members, name="members"),
    path("<slug:org_slug>/members/invite/", views_members.invite, name="invite"),
    path("<slug:org_slug>/members/<int:pk>/role/", views_members.member_role, name="member_role"),
    path("<slug:org_slug>/members/<int:pk>/remove/", views_members.member_remove, name="member_remove"),
    path(
        "<slug:org_slug>/invitations/<int:pk>/withdraw/",
        views_members.invitation_withdraw,
        name="invitation_withdraw",
    ),
]
