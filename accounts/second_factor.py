"""The second factor: who must give one, where, and the writes that set one up or take it away.

Everyone who can or will see personal data signs in with a password AND a code from an
authenticator app (TOTP, django-otp's otp_totp), or one of their single-use backup codes
(otp_static). That is: members of any organisation, directory editors, administrators and staff.
SecondFactorMiddleware (accounts/middleware.py) holds every private URL to it, the admin included.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import transaction
from django.urls import Resolver404, resolve
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"

# Pages under a private prefix that a person must reach BEFORE giving a second factor: signing
# in and out, signing up, confirming an email address, resetting a forgotten password, and the
# second-factor pages themselves. By URL name, so they follow the pages if their addresses move.
OPEN_URL_NAMES = frozenset(
    {
        "login",
        "logout",
        "admin:login",
        "admin:logout",
        "accounts:signup",
        "accounts:signup_done",
        "accounts:verify_email",
        "accounts:resend_verification",
        "accounts:password_reset",
        "accounts:password_reset_done",
        "accounts:password_reset_confirm",
        "accounts:password_reset_complete",
        # The set-up pages check for themselves that nobody adds an app to an account that
        # already has one without first giving its code (accounts/views_second_factor.py).
        "accounts:otp_enrol",
        "accounts:otp_verify",
        "accounts:otp_recovery",
    }
)


def needs_second_factor(user) -> bool:
    """Can this person see personal data now, or have they chosen a second factor anyway?"""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser or user.site_role:
        return True
    return user.memberships.exists() or has_app(user) or has_backup_codes(user)


def is_private_path(path: str) -> bool:
    """A URL that needs the second factor of anyone who must give one."""
    under_prefix = any(path.startswith(prefix) for prefix in settings.SECOND_FACTOR_PRIVATE_PREFIXES)
    try:
        match = resolve(path)
    except Resolver404:
        return under_prefix
    if match.view_name in settings.SECOND_FACTOR_PRIVATE_URL_NAMES:
        return True
    return under_prefix and match.view_name not in OPEN_URL_NAMES


def has_app(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def has_backup_codes(user) -> bool:
    return StaticDevice.objects.filter(user=user, confirmed=True).exists()


def has_second_factor(user) -> bool:
    return has_app(user) or has_backup_codes(user)


def unused_backup_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def app_device_for_setup(user) -> TOTPDevice:
    """The unconfirmed app being set up: the same one each visit, so a scanned code stays good."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def secret_for_people(device: TOTPDevice) -> str:
    """The key in base32, as authenticator apps take it typed, in groups of four."""
    from base64 import b32encode

    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def tidy_code(raw: str) -> str:
    """Codes as people type them: spaces and hyphens dropped, backup codes in lower case."""
    return re.sub(r"[\s-]+", "", raw or "").lower()


def is_app_code(code: str) -> bool:
    return len(code) == 6 and code.isascii() and code.isdigit()


@transaction.atomic
def second_factor_confirm_app(*, user, device: TOTPDevice) -> list[str]:
    """The app gave a good code: it becomes the person's only app, with new backup codes."""
    device.confirmed = True
    device.full_clean()
    device.save()
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return backup_codes_replace(user=user)


@transaction.atomic
def backup_codes_replace(*, user, count: int = BACKUP_CODE_COUNT) -> list[str]:
    """New single-use backup codes; any earlier ones stop working. Returns them, to show once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes: list[str] = []
    while len(codes) < count:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def second_factor_reset(*, user) -> int:
    """Remove every app and backup code (an administrator's fix when both are lost).

    At their next sign-in the person sets up an app again. Returns the devices removed.
    """
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    static_removed = StaticDevice.objects.filter(user=user).count()
    StaticDevice.objects.filter(user=user).delete()
    return removed + static_removed


def verify_code(user, raw: str):
    """The device that accepts this code, or None; and whether a device refused to check it now.

    A six-digit code is checked against the app, anything else against the backup codes, so a
    wrong guess at one never slows the other. Each device throttles itself (django-otp's
    ThrottlingMixin): after each wrong code it refuses every code, right or wrong, for twice
    as long as the time before.
    """
    code = tidy_code(raw)
    model = TOTPDevice if is_app_code(code) else StaticDevice
    throttled = False
    with transaction.atomic():
        for device in model.objects.filter(user=user, confirmed=True).select_for_update():
            allowed, _ = device.verify_is_allowed()
            if not allowed:
                throttled = True
                continue
            if device.verify_token(code):
                return device, False
    return None, throttled


def wait_seconds(user) -> int:
    """How long until the person's devices accept a code again after wrong ones (0: now)."""
    from django.utils import timezone

    longest = 0
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user=user, confirmed=True):
            allowed, info = device.verify_is_allowed()
            if not allowed and info and info.get("locked_until"):
                longest = max(longest, int((info["locked_until"] - timezone.now()).total_seconds()) + 1)
    return longest
