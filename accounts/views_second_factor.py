"""The second factor's pages: set up an app, give a code after signing in, backup codes, recovery."""

from __future__ import annotations

from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_safe
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from accounts.forms import AppCodeForm, SecondFactorForm
from accounts.second_factor import (
    app_device_for_setup,
    backup_codes_replace,
    has_second_factor,
    second_factor_confirm_app,
    secret_for_people,
    unused_backup_codes,
    verify_code,
    wait_seconds,
)
from accounts.sign_in_log import record_sign_in_event
from supportmap.models import SignInEvent

NEW_CODES_KEY = "accounts.new_backup_codes"
FEW_CODES_LEFT = 3


def _next_url(request) -> str:
    """Where to go once the second factor is given: `next` if it is a page on this site."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _with_next(name: str, next_url: str) -> str:
    url = reverse(name)
    if next_url:
        url += "?" + urlencode({"next": next_url})
    return url


def _private(response):
    # Secrets and codes must not be kept by the browser's or a proxy's cache.
    add_never_cache_headers(response)
    return response


def _qr_svg(device) -> str:
    """The set-up key as a QR code: inline SVG, drawn by a path, with no style or script."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=4, svgclass="qr-code", lineclass=None)
    label = escape("QR code to scan with your authenticator app. The same key is written out below.")
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))  # noqa: S308


def _sign_in_second_factor(request, device) -> None:
    # A new session key now that the person has proved more: a key seen before this point (on a
    # shared computer, say) is worth nothing after it.
    request.session.cycle_key()
    otp_login(request, device)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def enrol(request):
    user = request.user
    next_url = _next_url(request)
    # Someone who already has a second factor proves it before adding another: otherwise a
    # stolen password alone could set up the thief's own app.
    if has_second_factor(user) and not user.is_verified():
        return redirect(_with_next("accounts:otp_verify", next_url or reverse("accounts:otp_enrol")))
    device = app_device_for_setup(user)
    form = AppCodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            if device.verify_token(form.cleaned_data["code"]):
                codes = second_factor_confirm_app(user=user, device=device)
                _sign_in_second_factor(request, device)
                request.session[NEW_CODES_KEY] = codes
                return redirect(_with_next("accounts:backup_codes", next_url))
            form.add_error(
                "code",
                "That code is not right. Type the code your app shows now; if it still fails, check "
                "that the time on your phone is set automatically.",
            )
    context = {
        "form": form,
        "next": next_url,
        "secret": secret_for_people(device),
        "qr_svg": _qr_svg(device),
        "replacing": has_second_factor(user),
    }
    return _private(render(request, "accounts/otp_enrol.html", context, status=status))


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def verify(request):
    user = request.user
    next_url = _next_url(request)
    if not has_second_factor(user):
        return redirect(_with_next("accounts:otp_enrol", next_url))
    if user.is_verified():
        return redirect(next_url or "home")
    form = SecondFactorForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            device, throttled = verify_code(user, form.cleaned_data["code"])
            if device is not None:
                _sign_in_second_factor(request, device)
                if isinstance(device, StaticDevice):
                    left = unused_backup_codes(user)
                    messages.warning(
                        request,
                        f"You used a backup code; it will not work again. You have {left} left."
                        + (" Make new ones on the backup codes page." if left <= FEW_CODES_LEFT else ""),
                    )
                return redirect(next_url or "home")
            record_sign_in_event(kind=SignInEvent.Kind.SECOND_FACTOR_FAILED, request=request, user=user)
            if throttled:
                status = 429
                seconds = max(wait_seconds(user), 1)
                form.add_error(
                    "code",
                    f"Too many wrong codes in a row. Wait {seconds} second{'s' if seconds != 1 else ''}, "
                    "then type the code your app shows at that moment.",
                )
            else:
                form.add_error(
                    "code", "That code is not right. Type the code your app shows now, or a backup code."
                )
    return render(request, "accounts/otp_verify.html", {"form": form, "next": next_url}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def backup_codes(request):
    user = request.user
    next_url = _next_url(request)
    if request.method == "POST":
        if not user.is_verified():
            return redirect(_with_next("accounts:otp_enrol", next_url))
        request.session[NEW_CODES_KEY] = backup_codes_replace(user=user)
        return redirect(_with_next("accounts:backup_codes", next_url))
    codes = request.session.pop(NEW_CODES_KEY, None)
    context = {
        "codes": codes,
        "left": unused_backup_codes(user),
        "verified": user.is_verified(),
        "next": next_url,
    }
    return _private(render(request, "accounts/backup_codes.html", context))


@require_safe
def recovery(request):
    return render(request, "accounts/otp_recovery.html")
