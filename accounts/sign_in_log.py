"""The sign-in log (supportmap.SignInEvent): successes, failures, lockouts and sign-outs.

Django and django-axes announce these with signals, the only place they can be heard; wrong
second-factor codes are recorded by the page that checks them (record_sign_in_event). Each row
keeps the email as typed (trimmed, lower case), the account when there is one, and the client's
address as the lockout and rate limit see it (supportmap.signin.client_ip).
"""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from supportmap.models import SignInEvent
from supportmap.signin import client_ip


def _tidy(email) -> str:
    return str(email or "").strip().lower()[:254]


def record_sign_in_event(*, kind: str, request=None, email: str = "", user=None) -> SignInEvent:
    if user is not None and not getattr(user, "pk", None):
        user = None
    if user is None and email:
        user = get_user_model().objects.filter(email__iexact=_tidy(email)).first()
    event = SignInEvent(
        kind=kind,
        email=_tidy(email or (user.email if user else "")),
        user=user,
        ip_address=client_ip(request) if request is not None else None,
    )
    event.full_clean()
    event.save()
    return event


@receiver(user_logged_in, dispatch_uid="accounts.sign_in_log.signed_in")
def _signed_in(sender, request, user, **kwargs):
    from accounts.middleware import stamp_session

    if request is not None and hasattr(request, "session"):
        stamp_session(request)
    record_sign_in_event(kind=SignInEvent.Kind.SIGNED_IN, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="accounts.sign_in_log.failed")
def _failed(sender, credentials, request=None, **kwargs):
    record_sign_in_event(
        kind=SignInEvent.Kind.FAILED,
        request=request,
        email=(credentials or {}).get("username") or (credentials or {}).get("email", ""),
    )


@receiver(user_locked_out, dispatch_uid="accounts.sign_in_log.locked_out")
def _locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    record_sign_in_event(kind=SignInEvent.Kind.LOCKED_OUT, request=request, email=username or "")


@receiver(user_logged_out, dispatch_uid="accounts.sign_in_log.signed_out")
def _signed_out(sender, request=None, user=None, **kwargs):
    if user is not None:
        record_sign_in_event(kind=SignInEvent.Kind.SIGNED_OUT, request=request, user=user)
