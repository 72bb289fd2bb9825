"""Account pages under /accounts/ (namespace "accounts"). Sign-in and sign-out themselves are
/accounts/login/ and /accounts/logout/, named "login" and "logout" in supportmap/urls.py."""

from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views_password, views_second_factor, views_signup

app_name = "accounts"

urlpatterns = [
    path("", views_signup.account, name="account"),
    path("signed-in/", views_signup.signed_in, name="signed_in"),
    path("signup/", views_signup.signup, name="signup"),
    path("signup/check-your-email/", views_signup.signup_done, name="signup_done"),
    # Before verify/<token>/, which would otherwise take "resend" for a token.
    path("verify/resend/", views_signup.resend_verification_page, name="resend_verification"),
    path("verify/<str:token>/", views_signup.verify_email, name="verify_email"),
    path(
        "password_reset/",
        views_password.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(template_name="registration/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        views_password.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path(
        "password_change/",
        views_password.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="registration/password_change_done.html"),
        name="password_change_done",
    ),
    path("two-factor/set-up/", views_second_factor.enrol, name="otp_enrol"),
    path("two-factor/verify/", views_second_factor.verify, name="otp_verify"),
    path("two-factor/backup-codes/", views_second_factor.backup_codes, name="backup_codes"),
    path("two-factor/recovery/", views_second_factor.recovery, name="otp_recovery"),
]
