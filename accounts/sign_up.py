"""Writes for sign-up and confirming an email address.

The link that confirms an address is signed (django.core.signing) with the account and the
address it was sent to, and expires after EMAIL_VERIFICATION_DAYS: nothing is stored, and a link
stops working when the account's address changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from supportmap.notify import notify, site_url

VERIFY_SALT = "accounts.verify-email"


def verification_token(user) -> str:
    return signing.dumps({"user": user.pk, "email": user.email.lower()}, salt=VERIFY_SALT)


def verification_link(user) -> str:
    return site_url(reverse("accounts:verify_email", kwargs={"token": verification_token(user)}))


@transaction.atomic
def user_sign_up(*, email: str, full_name: str, password: str):
    """A new account, and an email with the link that confirms its address.

    When the address already has an account, nothing is created and its owner is emailed how to
    sign in or reset the password instead: the page says the same either way, so the sign-up
    form never tells a stranger who has an account here. Returns the new user, or None.
    """
    User = get_user_model()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        notify(
            to=existing.email,
            template="emails/account_exists.txt",
            context={
                "login_link": site_url(reverse("login")),
                "reset_link": site_url(reverse("accounts:password_reset")),
            },
        )
        return None
    user = User.objects.create_user(email=email, password=password, full_name=full_name)
    user_send_verification(user=user)
    return user


def user_send_verification(*, user) -> None:
    notify(
        to=user.email,
        template="emails/verify_email.txt",
        context={
            "user": user,
            "link": verification_link(user),
            "days": settings.EMAIL_VERIFICATION_DAYS,
        },
    )


class VerificationError(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "expired" or "invalid"


@dataclass
class Verified:
    user: object
    already: bool


@transaction.atomic
def user_verify_email(*, token: str) -> Verified:
    """Mark the account's address as confirmed, from the link's token. Raises VerificationError."""
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=settings.EMAIL_VERIFICATION_DAYS * 86400)
    except signing.SignatureExpired:
        raise VerificationError("expired") from None
    except signing.BadSignature:
        raise VerificationError("invalid") from None
    user = (
        get_user_model()
        .objects.select_for_update()
        .filter(pk=data.get("user"), email__iexact=data.get("email", ""), is_active=True)
        .first()
    )
    if user is None:
        raise VerificationError("invalid")
    if user.email_verified_at is not None:
        return Verified(user=user, already=True)
    user.email_verified_at = timezone.now()
    user.full_clean(exclude=["password"])
    user.save(update_fields=["email_verified_at"])
    return Verified(user=user, already=False)


def resend_verification(*, email: str) -> None:
    """A new link for an account whose address is not yet confirmed (silently nothing otherwise)."""
    user = (
        get_user_model()
        .objects.filter(email__iexact=email, is_active=True, email_verified_at__isnull=True)
        .first()
    )
    if user is not None:
        user_send_verification(user=user)
