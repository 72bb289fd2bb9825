"""Sign-up, confirming an email address, and "Your account"."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from accounts.forms import EmailForm, SignUpForm
from accounts.second_factor import has_app, needs_second_factor, unused_backup_codes
from accounts.sign_up import VerificationError, resend_verification, user_sign_up, user_verify_email
from supportmap.models import SignInEvent

SIGNUP_EMAIL_KEY = "accounts.signup_email"
RECENT_SIGN_INS = 10


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:account")
    form = SignUpForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            user_sign_up(
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
            request.session[SIGNUP_EMAIL_KEY] = form.cleaned_data["email"]
            return redirect("accounts:signup_done")
        return render(request, "accounts/signup.html", {"form": form}, status=400)
    return render(request, "accounts/signup.html", {"form": form})


@require_safe
def signup_done(request):
    return render(
        request,
        "accounts/signup_done.html",
        {"email": request.session.get(SIGNUP_EMAIL_KEY, ""), "days": settings.EMAIL_VERIFICATION_DAYS},
    )


@require_safe
def verify_email(request, token):
    try:
        result = user_verify_email(token=token)
    except VerificationError as error:
        return render(
            request,
            "accounts/verify_email_failed.html",
            {"expired": error.reason == "expired", "form": EmailForm()},
            status=400,
        )
    return render(
        request,
        "accounts/verify_email_done.html",
        {"already": result.already, "signed_in_as_owner": request.user == result.user},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def resend_verification_page(request):
    initial = {"email": request.user.email} if request.user.is_authenticated else {}
    form = EmailForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            resend_verification(email=form.cleaned_data["email"])
            request.session[SIGNUP_EMAIL_KEY] = form.cleaned_data["email"]
            return redirect("accounts:signup_done")
        return render(request, "accounts/resend_verification.html", {"form": form}, status=400)
    return render(request, "accounts/resend_verification.html", {"form": form})


@require_safe
@login_required
def signed_in(request):
    """Where a password sign-in lands without a `next`: a member's organisation, an editor's queue,
    or, for someone in no organisation yet (just signed up to list a service), the step that finds
    or adds theirs. On the way, SecondFactorMiddleware asks for the second factor (this page is
    private), and comes back here once it is given."""
    user = request.user
    if user.memberships.exists():
        return redirect("manage:dashboard")
    if user.is_editor:
        return redirect("review:queue")
    if user.claims.exists():
        return redirect("onboarding:my_requests")
    return redirect("onboarding:organisation_start")


@require_safe
@login_required
def account(request):
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "has_app": has_app(user),
            "backup_codes_left": unused_backup_codes(user),
            "needs_second_factor": needs_second_factor(user),
            "memberships": list(user.memberships.select_related("organisation")),
            "sign_ins": list(SignInEvent.objects.filter(user=user)[:RECENT_SIGN_INS]),
        },
    )
