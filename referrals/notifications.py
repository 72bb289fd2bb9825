"""Emails about referrals, through the task queue (supportmap.notify).

They carry no personal or health details: no name, no reason, no message text. Only the service,
a short reference and a link to the referral page, where the reader signs in (with a second
factor) to see the rest. Called from referrals/services.py after the transaction commits.
"""

from __future__ import annotations

from django.urls import reverse

from supportmap.notify import notify, organisation_emails, site_url


def _context(referral) -> dict:
    return {
        "reference": referral.reference,
        "service_name": referral.service.name,
        "link": site_url(reverse("referrals:detail", args=[referral.uuid])),
    }


def _provider(referral) -> list[str]:
    return organisation_emails(referral.provider_organisation)


def _referrer(referral) -> list[str]:
    """The person who referred, if they are still active; their organisation's address otherwise."""
    if referral.referrer and referral.referrer.is_active:
        return [referral.referrer.email]
    if referral.referrer_organisation:
        return [referral.referrer_organisation.email]
    return []


# Which emails each move sends: (recipients, template).
_ON_MOVE = {
    "send": [(_provider, "emails/referrals/new_referral.txt")],
    "accept": [(_referrer, "emails/referrals/accepted.txt")],
    "decline": [(_referrer, "emails/referrals/declined.txt")],
    "complete": [(_referrer, "emails/referrals/completed.txt")],
    "expire": [
        (_provider, "emails/referrals/expired_provider.txt"),
        (_referrer, "emails/referrals/expired_referrer.txt"),
    ],
}


def referral_moved(referral, *, action: str) -> None:
    for recipients, template in _ON_MOVE.get(action, []):
        if referral.is_self_referral and recipients is _referrer:
            continue  # nobody signed in to tell: the provider contacts the person
        notify(to=recipients(referral), template=template, context=_context(referral))


def referral_nudged(referral, *, days_waiting: int, days_left: int) -> None:
    notify(
        to=_provider(referral),
        template="emails/referrals/nudge.txt",
        context={**_context(referral), "days_waiting": days_waiting, "days_left": days_left},
    )


def message_posted(message) -> None:
    """Tell the other side: the referrer when the provider writes, and the provider when the referrer does."""
    referral = message.referral
    if message.author_organisation_id == referral.provider_organisation_id:
        to = [] if referral.is_self_referral else _referrer(referral)
    else:
        to = _provider(referral)
    to = [address for address in to if address != getattr(message.author, "email", None)]
    notify(to=to, template="emails/referrals/message.txt", context=_context(referral))


def consent_withdrawn(referral) -> None:
    notify(
        to=_provider(referral), template="emails/referrals/consent_withdrawn.txt", context=_context(referral)
    )
