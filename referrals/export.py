"""Subject access: everything SupportMap holds about one person, as plain JSON.

`person_export(person, user)` gathers the person's record (every field), the history of their
record, their referrals (every field, with each one's timeline, messages and history), the
signpostings linked to them, and every audit event about them (who looked, changed, exported).

Referrals come from the exporting organisation's view (Referral.objects.visible_to): a referral
between two other organisations (a provider referring the person on to a third) is theirs to
export. The export names those organisations under `not_included`, so the person knows whom to ask.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils import timezone

from referrals.models import AuditEvent, Person, Referral, Signposting

FORMAT_VERSION = 1


def _value(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    return value


def _related(obj) -> dict | None:
    if obj is None:
        return None
    label = obj.get_full_name() if hasattr(obj, "get_full_name") else str(obj)
    return {"id": obj.pk, "name": label}


def _fields(obj, *, skip: tuple[str, ...] = ()) -> dict:
    """Every concrete field of `obj`: plain values, and a foreign key as {id, name} (its label)."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in skip:
            continue
        if isinstance(field, models.ForeignKey):
            related_id = getattr(obj, field.attname)
            try:
                data[field.name] = _related(getattr(obj, field.name)) if related_id is not None else None
            except ObjectDoesNotExist:  # a history row can name a user deleted since
                data[field.name] = {"id": related_id, "name": None}
        else:
            data[field.name] = _value(field.value_from_object(obj))
    return data


def _history(rows) -> list[dict]:
    return [
        _fields(row, skip=("history_user",)) | {"history_user": _related(row.history_user)} for row in rows
    ]


def person_export(person: Person, user) -> dict:
    visible = Referral.objects.visible_to(user).values("pk")
    all_referrals = Referral.objects.filter(person=person).select_related(
        "service",
        "provider_organisation",
        "referrer_organisation",
        "referrer",
        "previous",
        "consent_recorded_by",
        "consent_withdrawn_by",
    )
    referrals = list(all_referrals.filter(pk__in=visible).order_by("created", "pk"))
    elsewhere = all_referrals.exclude(pk__in=visible).order_by("created", "pk")
    referral_history = {}
    for row in Referral.history.filter(id__in=[r.pk for r in referrals]).select_related("history_user"):
        referral_history.setdefault(row.id, []).append(row)

    exported_referrals = []
    for referral in referrals:
        events = referral.events.select_related("actor", "actor_organisation")
        messages = referral.messages.select_related("author", "author_organisation")
        exported_referrals.append(
            _fields(referral, skip=("previous",))
            | {
                "previous": str(referral.previous.uuid) if referral.previous_id else None,
                "reference": referral.reference,
                "timeline": [_fields(event, skip=("referral",)) for event in events],
                "messages": [_fields(message, skip=("referral",)) for message in messages],
                "history": _history(
                    sorted(referral_history.get(referral.pk, []), key=lambda row: row.history_date)
                ),
            }
        )

    signpostings = (
        Signposting.objects.visible_to(user)
        .filter(person=person)
        .select_related("organisation", "recorded_by")
        .prefetch_related("services")
        .order_by("created")
    )
    audit_events = AuditEvent.objects.filter(person_uuid=person.uuid).select_related("user", "organisation")

    return {
        "format": "SupportMap subject access export",
        "format_version": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "exported_by": _related(user),
        "person": _fields(person)
        | {
            "topics": [topic.name for topic in person.topics.all()],
            "elements_sought": person.elements_sought(),
        },
        "person_history": _history(person.history.select_related("history_user").order_by("history_date")),
        "referrals": exported_referrals,
        "signpostings": [
            _fields(signposting, skip=("person",))
            | {
                "person": str(person.uuid),
                "services": [service.name for service in signposting.services.all()],
            }
            for signposting in signpostings
        ],
        "audit_events": [
            _fields(event) | {"action_label": event.get_action_display()}
            for event in audit_events.order_by("created", "pk")
        ],
        "not_included": [
            {
                "referral_reference": referral.reference,
                "ask": sorted(
                    {
                        organisation.name
                        for organisation in (referral.referrer_organisation, referral.provider_organisation)
                        if organisation is not None
                    }
                ),
            }
            for referral in elsewhere
        ],
    }
