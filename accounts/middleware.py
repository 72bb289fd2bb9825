"""Two guards on every signed-in request: how long the session may last, and the second factor.

Both sit after django-otp's OTPMiddleware and Django's MessageMiddleware (settings.py, the
sign-in block), so they know who is signed in, whether they gave a second factor this session,
and can leave a message for the next page.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from accounts.second_factor import has_second_factor, is_private_path, needs_second_factor

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN_AT = "last_seen_at"
# The last-seen time is written at most once a minute, not on every request: the idle timeout is
# then up to a minute late, and a busy page costs no session write per click.
LAST_SEEN_GRANULARITY_SECONDS = 60


def _with_next(url: str, request) -> str:
    return f"{url}?{urlencode({'next': request.get_full_path()})}"


class SessionTimeoutMiddleware:
    """Sign people out after SESSION_IDLE_MINUTES without a request, or SESSION_ABSOLUTE_HOURS
    after they signed in, whichever comes first, and send them to the sign-in page with a message.

    A shared computer in a GP practice or a library must not stay signed in to referral data.
    The times are kept in the session itself (seconds since the epoch), so every app server
    agrees on them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            session = request.session
            signed_in_at = session.get(SIGNED_IN_AT)
            last_seen_at = session.get(LAST_SEEN_AT)
            if signed_in_at is None or last_seen_at is None:
                # Signed in before this guard existed, or by a path that did not stamp the
                # session: the clock starts now.
                session[SIGNED_IN_AT] = signed_in_at or now
                session[LAST_SEEN_AT] = now
            else:
                reason = self.expired(now, signed_in_at, last_seen_at)
                if reason:
                    logout(request)
                    messages.info(request, reason)
                    return redirect(_with_next(reverse("login"), request))
                if now - last_seen_at >= LAST_SEEN_GRANULARITY_SECONDS:
                    session[LAST_SEEN_AT] = now
        return self.get_response(request)

    @staticmethod
    def expired(now: float, signed_in_at: float, last_seen_at: float) -> str:
        idle_minutes = settings.SESSION_IDLE_MINUTES
        absolute_hours = settings.SESSION_ABSOLUTE_HOURS
        if now - signed_in_at >= absolute_hours * 3600:
            return (
                f"You were signed out because you signed in more than {absolute_hours} hours ago. "
                "Please sign in again."
            )
        if now - last_seen_at >= idle_minutes * 60:
            return f"You were signed out after {idle_minutes} minutes without activity. Please sign in again."
        return ""


def stamp_session(request) -> None:
    """Start the session clocks at sign-in (called from the user_logged_in receiver)."""
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now


class SecondFactorMiddleware:
    """Hold every private URL to a second factor for everyone who can see personal data.

    Private: the prefixes in SECOND_FACTOR_PRIVATE_PREFIXES (/my-organisation/, /review/,
    /referrals/, /admin/ and /accounts/), except the pages needed to sign in, sign up, reset a
    password and give or set up the second factor (accounts.second_factor.OPEN_URL_NAMES). Someone
    who must give one and has not this session is sent to give it (or, with no app yet, to set one
    up), and comes back to where they were going afterwards. Public pages stay public.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and is_private_path(request.path_info)
            and needs_second_factor(user)
        ):
            target = "accounts:otp_verify" if has_second_factor(user) else "accounts:otp_enrol"
            return redirect(_with_next(reverse(target), request))
        return self.get_response(request)
