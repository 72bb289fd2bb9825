"""Sign-in protection: who is asking, how often, and the pages that say when to try again.

Two guards work together (settings.py, "Sign-in protection"):

- django-axes counts wrong passwords for one email address from one network address, and after
  LOGIN_FAILURE_LIMIT of them refuses that pair for LOGIN_COOLOFF_MINUTES. Keying on the pair means
  one person's mistakes never lock out a whole GP practice behind one NHS address.
- LoginRateLimitMiddleware caps sign-in attempts from one network address (LOGIN_RATE_LIMIT), and
  answers before the session, the form or the password hasher run: each password check costs a
  third of a second of CPU, so a flood of guesses must be turned away before it starts one. A
  second, site-wide cap (LOGIN_SITE_RATE_LIMIT) bounds the CPU that password checks can take
  when the flood comes from many addresses at once, so the directory stays up for everyone.

Both take the client's address from client_ip(), so they always agree on who is asking.
"""

from __future__ import annotations

import ipaddress
import logging
import math
from datetime import timedelta

from axes.helpers import get_cool_off
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django_ratelimit.core import get_usage
from redis.exceptions import RedisError

logger = logging.getLogger("supportmap.signin")

# Used when the app server gives no usable address (a Unix socket with no proxy header): every such
# client then shares one allowance, which is strict but never an error.
UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 (a placeholder value, nothing listens on it)


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def client_ip(request) -> str:
    """The address of whoever sent this request, for the lockout and the rate limit alike.

    Without a trusted proxy it is REMOTE_ADDR: anything the client wrote in X-Forwarded-For is
    ignored, or one attacker could claim a new address with every guess. Behind our own proxy
    (BEHIND_TLS_PROXY=1, read here as settings.TRUST_X_FORWARDED_FOR) REMOTE_ADDR is the proxy, and
    the client is the LAST X-Forwarded-For entry: the one the proxy itself appended. Entries before
    it came from the client and prove nothing.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if _is_ip(last):
            return last
    return remote_addr if _is_ip(remote_addr) else UNKNOWN_ADDRESS


def login_username(request, credentials: dict | None) -> str | None:
    """The email address axes counts failures against, as the sign-in itself matches it.

    People sign in with their email in any case (UserManager.get_by_natural_key matches without
    regard to case, and the form trims spaces), so 'GP@example.org' and 'gp@example.org ' are one
    account: they must share one count, or changing the case would buy another ten guesses.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    value = credentials.get(field) if credentials else request.POST.get(field)
    if value is None:
        return None
    return str(value).strip().lower() or None


def _wait_phrase(seconds: int) -> str:
    """'in 40 seconds', 'in 1 minute', 'in 15 minutes': how long, in words people use."""
    if seconds < 60:
        return f"in {seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"in {minutes} minute{'s' if minutes != 1 else ''}"


def cool_off(request=None) -> timedelta:
    """AXES_COOLOFF_TIME: how long a locked-out email address and network address wait."""
    return timedelta(minutes=settings.LOGIN_COOLOFF_MINUTES)


def locked_out(request, original_response=None, credentials=None):
    """The page axes shows once an email address and network address are locked out.

    429 Too Many Requests, not 403 Forbidden: the refusal is temporary and says when to come back
    (Retry-After), where 403 would tell people and their software that they may never sign in.
    Every refused try restarts the wait (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT), so the
    wait is counted from this attempt, and the page says so.
    """
    cool_off = get_cool_off(request) or timedelta(0)
    attempted_at = getattr(request, "axes_attempt_time", None) or timezone.now()
    seconds = max(math.ceil(cool_off.total_seconds()), 1)
    response = render(
        request,
        "registration/locked_out.html",
        {
            "wait": _wait_phrase(seconds),
            "retry_at": attempted_at + cool_off,
            "cool_off_minutes": math.ceil(seconds / 60),
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


def rate_usage(request, *, group: str, key, rate: str, increment: bool, what: str) -> dict | None:
    """django-ratelimit's count of this request's POSTs (get_usage, which also says when the window
    ends), or None when the cache does not answer: a limit whose cache is down lets people through
    rather than refuse everyone, and logs an error naming `what` it skipped."""
    try:
        return get_usage(request, group=group, key=key, rate=rate, method="POST", increment=increment)
    except (RedisError, OSError):
        logger.exception("%s rate limit skipped: the cache did not answer.", what)
        return None


def over_limit(request, usage: dict | None, template: str, context: dict):
    """The 429 page (with Retry-After and "try again in N minutes") when `usage`, read from
    rate_usage(increment=False), is at its limit; None when the request may go on."""
    if usage is None or usage["count"] < usage["limit"]:
        return None
    seconds = max(usage["time_left"], 1)
    minutes = math.ceil(seconds / 60)
    wait = f"{minutes} minute{'s' if minutes != 1 else ''}"
    response = render(request, template, {**context, "wait": wait}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def _limited(usage: dict | None) -> bool:
    return usage is not None and usage["should_limit"]


def _whole_site(group, request) -> str:
    """The site-wide allowance's key: every address shares it."""
    return "all"


# Every page that checks a password or a second-factor code, or sends an account email, by URL
# name, so the guard follows the pages if their addresses ever change: the two sign-in pages, the
# second-factor code, sign-up, password reset (the request and the new password) and change, and
# the email confirmation resend.
SIGN_IN_URL_NAMES = frozenset(
    {
        "login",
        "admin:login",
        "accounts:otp_verify",
        "accounts:signup",
        "accounts:password_reset",
        "accounts:password_reset_confirm",
        "accounts:password_change",
        "accounts:resend_verification",
    }
)


def _login_paths() -> set[str]:
    return {reverse("login"), reverse("admin:login")}


def is_sign_in_path(path: str) -> bool:
    if path in _login_paths():
        return True
    try:
        return resolve(path).view_name in SIGN_IN_URL_NAMES
    except Resolver404:
        return False


class LoginRateLimitMiddleware:
    """Answer 429 to sign-in POSTs beyond LOGIN_RATE_LIMIT from one address, before any hashing.

    It sits before the session and authentication middleware, so a refused attempt costs a cache
    increment and a small page: no session, no database, no password hasher. The count lives in
    the default cache: Redis when REDIS_URL is set, shared by every app server; otherwise each
    process's own memory.
    """

    group = "supportmap.signin"

    def __init__(self, get_response):
        self.get_response = get_response
        # The refusal is answered here, outside the middleware that adds the Content-Security-
        # Policy and frame headers, so it passes through those two on its own way out.
        self.refuse = CSPMiddleware(XFrameOptionsMiddleware(self.too_many_attempts))

    def __call__(self, request):
        if request.method == "POST" and is_sign_in_path(request.path_info):
            # One address's allowance first: a flood from one address then never spends the
            # site's, and everyone else can still sign in.
            usage = self.usage(request, "ip", settings.LOGIN_RATE_LIMIT)  # client_ip()
            request.signin_site_busy = False
            if not _limited(usage):
                usage = self.usage(request, _whole_site, settings.LOGIN_SITE_RATE_LIMIT)
                request.signin_site_busy = _limited(usage)
            if _limited(usage):
                request.signin_wait_seconds = max(usage["time_left"], 1)
                return self.refuse(request)
        return self.get_response(request)

    def usage(self, request, key, rate: str) -> dict | None:
        # A shared cache that is down must not stop everyone signing in: the attempt goes on to
        # axes, which still locks out an email and address after repeated failures.
        return rate_usage(
            request,
            group=self.group if key == "ip" else f"{self.group}.site",
            key=key,
            rate=rate,
            increment=True,
            what="Sign-in",
        )

    @staticmethod
    def too_many_attempts(request):
        seconds = request.signin_wait_seconds
        response = render(
            request,
            "429.html",
            {"wait": _wait_phrase(seconds), "site_busy": request.signin_site_busy},
            status=429,
        )
        response["Retry-After"] = str(seconds)
        return response
