"""/services/<slug>/refer/ (staff) and /services/<slug>/self-refer/ (the public)."""

from django.urls import path

from referrals import views_refer

app_name = "refer"

urlpatterns = [
    path("services/<slug:slug>/refer/", views_refer.refer, name="staff"),
    path("services/<slug:slug>/self-refer/", views_refer.self_refer, name="self"),
    path("services/<slug:slug>/self-refer/sent/", views_refer.self_refer_sent, name="self_sent"),
    # A draft the referrer saved, opened again to finish and send.
    path("referrals/<uuid:referral_uuid>/edit/", views_refer.edit_draft, name="edit_draft"),
]
