"""Nudges and expiry of referrals nobody answers: `manage.py referral_reminders`, run daily.

A referral still `sent` (nobody accepted or declined it):
- is nudged at each of REFERRAL_NUDGE_DAYS (5 and 10) after it was sent: one email to the
  provider organisation and a NUDGE line on its timeline, once per nudge day (Referral.nudges_sent
  counts them). If the command missed a day, it sends one catching-up nudge, never two at once;
- expires REFERRAL_EXPIRY_DAYS (14) after it was sent (services.referral_expire): the provider
  and the referrer are emailed. An expiring referral is not nudged as well.

Days are whole periods of 24 hours from `sent_at`, so a referral always has its full 14 days.
Running it twice sends nothing twice; two runs at once cannot both nudge one referral (each
referral is locked while it is looked at).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from referrals import notifications, services
from referrals.choices import EventKind, Status
from referrals.models import Referral


@dataclass
class Summary:
    waiting: int = 0
    nudged: int = 0
    expired: int = 0

    def __str__(self) -> str:
        return (
            f"{self.waiting} referrals waiting for an answer for {min(settings.REFERRAL_NUDGE_DAYS)} days "
            f"or more: sent {self.nudged} nudges to providers and expired {self.expired}."
        )


def nudges_due(sent_at: datetime, now: datetime) -> int:
    """How many of the nudge days have passed since `sent_at`."""
    return sum(1 for day in settings.REFERRAL_NUDGE_DAYS if sent_at + timedelta(days=day) <= now)


def _nudge(referral: Referral, now: datetime) -> bool:
    """Nudge one referral if a nudge is due and not yet sent; under its row lock."""
    with transaction.atomic():
        locked = (
            Referral.objects.select_for_update(of=("self",))
            .select_related("service", "provider_organisation")
            .get(pk=referral.pk)
        )
        due = nudges_due(locked.sent_at, now)
        if locked.status != Status.SENT or locked.consent_withdrawn or due <= locked.nudges_sent:
            return False
        days_waiting = (now - locked.sent_at).days
        locked.nudges_sent = due
        locked.save(update_fields=["nudges_sent"])
        services._event(
            locked,
            kind=EventKind.NUDGE,
            note=(
                f"Reminder {due} of {len(settings.REFERRAL_NUDGE_DAYS)} sent to the provider after "
                f"{days_waiting} days without an answer."
            ),
        )
        notifications.referral_nudged(
            locked,
            days_waiting=days_waiting,
            days_left=max(settings.REFERRAL_EXPIRY_DAYS - days_waiting, 1),
        )
    return True


def run_reminders(now: datetime | None = None) -> Summary:
    """Nudge and expire every sent referral that is due; returns the counts."""
    now = now or timezone.now()
    summary = Summary()
    first_nudge = now - timedelta(days=min(settings.REFERRAL_NUDGE_DAYS))
    expiry = now - timedelta(days=settings.REFERRAL_EXPIRY_DAYS)
    waiting = (
        Referral.objects.filter(status=Status.SENT, sent_at__lte=first_nudge)
        .only("pk", "sent_at", "nudges_sent")
        .order_by("sent_at", "pk")
    )
    for referral in waiting.iterator(chunk_size=500):
        summary.waiting += 1
        if referral.sent_at <= expiry:
            try:
                services.referral_expire(referral=referral, now=now)
            except services.TransitionNotAllowed:
                continue  # answered (or withdrawn) since the list was read
            summary.expired += 1
        elif referral.nudges_sent < nudges_due(referral.sent_at, now) and _nudge(referral, now):
            summary.nudged += 1
    return summary
