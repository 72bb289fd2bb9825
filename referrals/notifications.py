"""Emails about referrals, through the task queue (supportmap.notify).

They carry no personal or health details: no name, no reason, no message text, no outcome, not
even how a referral ended. Only the service, a short reference and a link to the referral page,
where the reader signs in (with a second factor) to see the rest. Called from
referrals/services.py and referrals/reminders.py inside the transaction of the change; the
database task backend commits the email with it, so a change that is rolled back sends nothing.

Who is told (issue 9, point 6):
- the provider organisation (its address and its active members'): a new referral, each nudge,
  expiry, a withdrawal or withdrawn consent (if the referral had reached them), and a message
  from the referrer's side;
- the referrer (or their organisation's address if they are no longer active there): accepted,
  declined, completed or otherwise closed by the provider, expired, and a message from the
  provider's side. A self-referral has no referrer to tell.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from referrals.choices import Status
from supportmap.notify import notify, organisation_emails, site_url


def _context(referral) -> dict:
    return {
        "reference": referral.reference,
        "service_name": referral.service.name,
        "link": site_url(reverse("referrals:detail", args=[referral.uuid])),
        "expiry_days": settings.REFERRAL_EXPIRY_DAYS,
    }


def _provider(referral) -> list[str]:
    return organisation_emails(referral.provider_organisation)


def _referrer(referral) -> list[str]:
    """The person who referred, while they are active and still in the referring organisation
    (the link only works for them then); the organisation's own address otherwise."""
    if referral.is_self_referral:
        return []  # nobody signed in to tell: the provider contacts the person
    referrer = referral.referrer
    if (
        referrer is not None
        and referrer.is_active
        and referrer.memberships.filter(organisation_id=referral.referrer_organisation_id).exists()
    ):
        return [referrer.email]
    return [referral.referrer_organisation.email]  # never empty for a referral made by someone


# Which emails each move sends: (recipients, template).
_ON_MOVE = {
    "send": [(_provider, "emails/referrals/new_referral.txt")],
    "accept": [(_referrer, "emails/referrals/accepted.txt")],
    "decline": [(_referrer, "emails/referrals/declined.txt")],
    "complete": [(_referrer, "emails/referrals/completed.txt")],
    "unable_to_contact": [(_referrer, "emails/referrals/closed.txt")],
    "person_declined": [(_referrer, "emails/referrals/closed.txt")],
    "refer_on": [(_referrer, "emails/referrals/closed.txt")],
    "withdraw": [(_provider, "emails/referrals/withdrawn.txt")],
    "expire": [
        (_provider, "emails/referrals/expired_provider.txt"),
        (_referrer, "emails/referrals/expired_referrer.txt"),
    ],
}


def referral_moved(referral, *, action: str, from_status: str | None = None) -> None:
    for recipients, template in _ON_MOVE.get(action, []):
        if recipients is _provider and action != "send" and from_status == Status.DRAFT:
            continue  # a draft never reached the provider (they cannot see it): nothing to tell
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
        to = _referrer(referral)
    else:
        to = _provider(referral)
    to = [address for address in to if address != getattr(message.author, "email", None)]
    notify(to=to, template="emails/referrals/message.txt", context=_context(referral))


def consent_withdrawn(referral) -> None:
    notify(
        to=_provider(referral), template="emails/referrals/consent_withdrawn.txt", context=_context(referral)
    )
