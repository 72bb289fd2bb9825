"""/shortlist/: services collected by anyone, kept in the session; print, email, text, refer."""

from django.urls import path

from referrals import views_shortlist

app_name = "shortlist"

urlpatterns = [
    path("", views_shortlist.shortlist, name="show"),
    path("add/<slug:slug>/", views_shortlist.add, name="add"),
    path("remove/<slug:slug>/", views_shortlist.remove, name="remove"),
    path("clear/", views_shortlist.clear, name="clear"),
    path("email/", views_shortlist.email, name="email"),
    path("refer/", views_shortlist.refer, name="refer"),
]
