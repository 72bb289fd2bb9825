"""Freshness: organisations confirm each published listing every LISTING_CONFIRM_MONTHS.

`manage.py check_freshness`, run daily, works out each published listing's freshness from the
date it was last checked (Service.last_reviewed), stores it on the listing and sends reminders:

- current: checked less than LISTING_REMIND_MONTHS (5) ago;
- due: LISTING_REMIND_MONTHS ago or more. A reminder goes to the organisation, once;
- overdue: more than LISTING_CONFIRM_MONTHS (6) ago. A second reminder goes, once. The public
  page and result card say "This listing may be out of date", and search ranks it lower;
- lapsed: more than LISTING_LAPSE_MONTHS (12) ago. It leaves public search; its page stays,
  marked as not confirmed for over a year.

"Once" means once for each time the listing was checked: a reminder sent before the listing's
last_reviewed date belongs to an earlier round. Running the command twice on a day sends nothing
twice. Confirming a listing (last_reviewed = today, in /my-organisation/) makes it current again.
"""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from directory.choices import Freshness
from directory.models import Service
from supportmap.notify import notify, organisation_emails, site_url

# The one-click "still correct" confirmation lives in the provider area.
CONFIRM_PATH = "/my-organisation/"


def months_before(day: date, months: int) -> date:
    """The same day of the month, `months` earlier (the month's last day if it has no such day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def freshness_on(last_reviewed: date | None, today: date) -> Freshness:
    """How fresh a listing checked on `last_reviewed` is on `today`."""
    if last_reviewed is None or last_reviewed < months_before(today, settings.LISTING_LAPSE_MONTHS):
        return Freshness.LAPSED
    if last_reviewed < months_before(today, settings.LISTING_CONFIRM_MONTHS):
        return Freshness.OVERDUE
    if last_reviewed <= months_before(today, settings.LISTING_REMIND_MONTHS):
        return Freshness.DUE
    return Freshness.CURRENT


def _sent_this_round(sent_on: date | None, last_reviewed: date | None) -> bool:
    return sent_on is not None and (last_reviewed is None or sent_on >= last_reviewed)


@dataclass
class Summary:
    checked: int = 0
    changed: int = 0
    reminders: int = 0
    overdue_notices: int = 0
    states: Counter = field(default_factory=Counter)

    def __str__(self) -> str:
        states = ", ".join(f"{self.states[state]} {state.value}" for state in Freshness)
        return (
            f"Checked {self.checked} published listings ({states}); {self.changed} changed freshness; "
            f"sent {self.reminders} reminders and {self.overdue_notices} overdue notices."
        )


def freshness_check(*, today: date | None = None) -> Summary:
    """Bring every published listing's freshness up to date and send the reminders that are due."""
    today = today or timezone.localdate()
    summary = Summary()
    listings = Service.objects.published().listings().select_related("organisation").order_by("pk")
    for service in listings.iterator(chunk_size=500):
        state = freshness_on(service.last_reviewed, today)
        summary.checked += 1
        summary.states[state] += 1
        changes: dict = {}
        if state != service.freshness:
            changes["freshness"] = state
            summary.changed += 1
        reminded = _sent_this_round(service.reminder_sent_on, service.last_reviewed)
        noticed = _sent_this_round(service.overdue_notice_sent_on, service.last_reviewed)
        with transaction.atomic():
            if state == Freshness.DUE and not reminded:
                _send(service, "emails/listing_check_due.txt", state, today)
                changes["reminder_sent_on"] = today
                summary.reminders += 1
            elif state in (Freshness.OVERDUE, Freshness.LAPSED) and not noticed:
                # Also for a listing that skipped "due" (the job did not run, or an old import).
                _send(service, "emails/listing_check_overdue.txt", state, today)
                changes["overdue_notice_sent_on"] = today
                summary.overdue_notices += 1
            if changes:
                # update(), not save(): the listing's content has not changed, so no history entry.
                Service.objects.filter(pk=service.pk).update(**changes)
    return summary


def _send(service: Service, template: str, state: Freshness, today: date) -> None:
    notify(
        to=organisation_emails(service.organisation),
        template=template,
        context={
            "service": service,
            "organisation": service.organisation,
            "lapsed": state == Freshness.LAPSED,
            "confirm_by": _confirm_by(service.last_reviewed),
            "lapses_on": _lapses_on(service.last_reviewed),
            "confirm_url": site_url(CONFIRM_PATH),
            "service_url": site_url(service.get_absolute_url()),
            "confirm_months": settings.LISTING_CONFIRM_MONTHS,
        },
    )


def _months_after(day: date, months: int) -> date:
    return months_before(day, -months)


def _confirm_by(last_reviewed: date | None) -> date | None:
    return _months_after(last_reviewed, settings.LISTING_CONFIRM_MONTHS) if last_reviewed else None


def _lapses_on(last_reviewed: date | None) -> date | None:
    # The first day on which it counts as lapsed.
    if last_reviewed is None:
        return None
    return _months_after(last_reviewed, settings.LISTING_LAPSE_MONTHS) + timedelta(days=1)
