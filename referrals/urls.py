"""/referrals/: the referrer's list, the provider inbox, one referral and what can be done to it."""

from django.urls import path

from referrals import views_inbox, views_referral, views_signposting

app_name = "referrals"

urlpatterns = [
    # The referrer's "My referrals" and the provider inbox (referrals/views_inbox.py).
    path("", views_inbox.sent_list, name="list"),
    path("inbox/", views_inbox.inbox, name="inbox"),
    path("inbox/capacity/<slug:slug>/", views_inbox.update_capacity, name="capacity"),
    # Signposting records (referrals/views_signposting.py).
    path("signposting/", views_signposting.signposting_list, name="signposting_list"),
    path("signposting/new/", views_signposting.signposting_new, name="signposting_new"),
    # One referral (referrals/views_referral.py).
    path("<uuid:referral_uuid>/", views_referral.detail, name="detail"),
    path("<uuid:referral_uuid>/act/<slug:action>/", views_referral.act, name="act"),
    path("<uuid:referral_uuid>/decline/", views_referral.decline, name="decline"),
    path("<uuid:referral_uuid>/complete/", views_referral.complete, name="complete"),
    path("<uuid:referral_uuid>/contact-attempts/", views_referral.contact_attempt, name="contact_attempt"),
    path("<uuid:referral_uuid>/messages/", views_referral.post_message, name="message"),
    path("<uuid:referral_uuid>/refer-on/", views_referral.refer_on, name="refer_on"),
    path("<uuid:referral_uuid>/withdraw-consent/", views_referral.withdraw_consent, name="withdraw_consent"),
]
