"""Retention: anonymise the people whose story with SupportMap ended long ago.

`anonymise_people()` runs from `manage.py purge_personal_data` (daily). A person is anonymised when
their record was made more than REFERRAL_RETENTION_MONTHS (24) months ago and
- every referral of theirs is closed (declined, expired, completed, ..., entered in error), each
  more than that long ago, and none is open or a draft; and
- no signposting linked to them was recorded within that time.
So people with no referrals at all go once their record (and any signposting) is that old.
Before that, draft referrals untouched for REFERRAL_DRAFT_RETENTION_DAYS (30) are deleted, with the
person if they were recorded only for that draft.

What goes: everything that names or describes them (name, preferred name, date of birth, contact
details, CHI number, their own words), the free text of their referrals (reason, hopes, contact
times, risk notes, decline note, outcome), the messages on those referrals, the notes of their
timelines and signpostings, and every simple-history row of the person and their referrals (the
history keeps old values). What stays, for reports: the elements sought, topics, carer flag and
caring relationship, age band (worked out from the date of birth first), the postcode district
("DD3"), statuses, dates, services and organisations. Audit events stay (they hold no personal
details) and one more, ANONYMISE, is written. Running it again changes nothing.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from referrals.choices import CLOSED_STATUSES, AgeBand, AuditAction, Status
from referrals.models import AuditEvent, Message, Person, Referral, ReferralEvent, Signposting

# A completed referral must keep an outcome (a database constraint): this replaces it.
OUTCOME_REMOVED = "Removed when the record was anonymised."

_OUTWARD = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)(?:[0-9][A-Z]{2})?$")


@dataclass
class Anonymised:
    people: int = 0
    referrals: int = 0
    messages: int = 0
    history_rows: int = 0
    drafts: int = 0
    draft_people: int = 0

    def __str__(self) -> str:
        return (
            f"Anonymised {self.people} people ({self.referrals} referrals; deleted {self.messages} messages "
            f"and {self.history_rows} history rows). Deleted {self.drafts} abandoned draft referrals and "
            f"{self.draft_people} people recorded only for them."
        )


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the 31st becomes the month's last day)."""
    month_index = moment.year * 12 + (moment.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def postcode_district(postcode: str) -> str:
    """'DD3' for 'DD3 6HH' (the outward code: a district of thousands of homes), '' if unclear."""
    squashed = re.sub(r"\s+", "", postcode or "").upper()
    match = _OUTWARD.match(squashed)
    return match.group(1) if match else ""


def age_band_for(date_of_birth: date, on: date) -> str:
    age = on.year - date_of_birth.year - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day))
    bands = [
        (16, AgeBand.UNDER_16),
        (25, AgeBand.A16_24),
        (35, AgeBand.A25_34),
        (45, AgeBand.A35_44),
        (55, AgeBand.A45_54),
        (65, AgeBand.A55_64),
        (75, AgeBand.A65_74),
    ]
    for below, band in bands:
        if age < below:
            return band.value
    return AgeBand.A75_PLUS.value


def due_for_anonymising(now: datetime | None = None):
    """People past retention (see the module's docstring), not yet anonymised."""
    now = now or timezone.now()
    cutoff = months_before(now, settings.REFERRAL_RETENTION_MONTHS)
    unfinished_or_recent = Referral.objects.filter(person=OuterRef("pk")).filter(
        ~Q(status__in=CLOSED_STATUSES) | Q(closed_at__isnull=True) | Q(closed_at__gte=cutoff)
    )
    recent_signposting = Signposting.objects.filter(person=OuterRef("pk"), created__gte=cutoff)
    return (
        Person.objects.filter(anonymised_at__isnull=True, created__lt=cutoff)
        .exclude(Exists(unfinished_or_recent))
        .exclude(Exists(recent_signposting))
    )


def delete_abandoned_drafts(*, now: datetime, counts: Anonymised) -> None:
    """A draft nobody touched for REFERRAL_DRAFT_RETENTION_DAYS was never sent and never will be:
    it goes, with its history; so does its person, if they were recorded only for it (no other
    referral, no signposting). Otherwise an abandoned draft would keep someone's details for ever."""
    cutoff = now - timedelta(days=settings.REFERRAL_DRAFT_RETENTION_DAYS)
    drafts = Referral.objects.filter(status=Status.DRAFT, last_activity_at__lt=cutoff)
    for referral_id, person_id in list(drafts.values_list("pk", "person_id")):
        with transaction.atomic():
            locked = Referral.objects.select_for_update().filter(pk=referral_id, status=Status.DRAFT).first()
            if locked is None or locked.last_activity_at >= cutoff:
                continue  # sent or edited a moment ago
            locked.delete()
            # After the delete: simple-history writes a last row as a record goes.
            Referral.history.filter(id=referral_id).delete()
            counts.drafts += 1
            alone = not (
                Referral.objects.filter(person_id=person_id).exists()
                or Signposting.objects.filter(person_id=person_id).exists()
            )
            if alone:
                Person.objects.filter(pk=person_id).delete()
                Person.history.filter(id=person_id).delete()
                counts.draft_people += 1


def anonymise_people(now: datetime | None = None) -> Anonymised:
    """Delete abandoned drafts, then anonymise everyone past retention, one person per transaction.
    Returns what was done."""
    now = now or timezone.now()
    counts = Anonymised()
    delete_abandoned_drafts(now=now, counts=counts)
    for person_id in list(due_for_anonymising(now).values_list("pk", flat=True)):
        _anonymise(person_id, now=now, counts=counts)
    return counts


def _anonymise(person_id: int, *, now: datetime, counts: Anonymised) -> None:
    with transaction.atomic():
        # Lock the person, then check again: a referral made a moment ago keeps them as they are.
        person = Person.objects.select_for_update().filter(pk=person_id).first()
        if person is None or not due_for_anonymising(now).filter(pk=person_id).exists():
            return
        referrals = Referral.objects.filter(person_id=person_id)
        referral_ids = list(referrals.values_list("pk", flat=True))

        age_band = person.age_band
        if not age_band and person.date_of_birth:
            first = referrals.order_by("created").values_list("created", flat=True).first()
            age_band = age_band_for(person.date_of_birth, (first or person.created).date())

        # Queryset updates: no new history row with the old values, and the constraints still hold.
        Person.objects.filter(pk=person_id).update(
            name="",
            preferred_name="",
            date_of_birth=None,
            age_band=age_band,
            postcode=postcode_district(person.postcode),
            phone="",
            email="",
            safe_to_leave_message=False,
            chi_number="",
            own_words="",
            anonymised_at=now,
        )
        counts.referrals += referrals.update(
            reason="", hopes="", contact_method="", contact_times="", risk_notes="", decline_note=""
        )
        referrals.exclude(outcome_summary="").update(outcome_summary=OUTCOME_REMOVED)
        deleted, _ = Message.objects.filter(referral_id__in=referral_ids).delete()
        counts.messages += deleted
        ReferralEvent.objects.filter(referral_id__in=referral_ids).exclude(note="").update(note="")
        Signposting.objects.filter(person_id=person_id).exclude(note="").update(note="")
        deleted, _ = Person.history.filter(id=person_id).delete()
        counts.history_rows += deleted
        deleted, _ = Referral.history.filter(id__in=referral_ids).delete()
        counts.history_rows += deleted

        # The system did this: no user. referrals/audit.py needs one, so the event is made here.
        AuditEvent.objects.create(
            user=None,
            organisation_id=person.organisation_id,
            action=AuditAction.ANONYMISE,
            person_uuid=person.uuid,
        )
        counts.people += 1
