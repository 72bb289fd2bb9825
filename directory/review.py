"""The editors' review of new and changed listings: the diff, approving and sending back.

A new listing is a Service waiting for review with no `draft_of`. A change to a published listing
is a working copy (`draft_of` = the published row): the public keeps seeing the published row until
an editor approves, when the copy's content replaces the published content and the copy goes.

The diff compares the latest historical records (django-simple-history's `diff_against`) of the
working copy and the published row, plus the opening times, locations and areas, which are rows of
their own and are compared as lists of plain descriptions.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from simple_history.utils import get_m2m_reverse_field_name

from directory.choices import Freshness, ServiceStatus
from directory.models import Audience, Organisation, Service, Topic
from supportmap.notify import notify, organisation_emails, site_url

M2M_FIELDS = ("audiences", "topics")
M2M_TARGETS = {"audiences": Audience, "topics": Topic}
NOT_GIVEN = "Not given"
# history_change_reason is a CharField(max_length=100).
REASON_MAX = 100


class NotPendingReview(Exception):
    """The listing is not waiting for review (already approved, sent back, or never submitted)."""


@dataclass
class DiffRow:
    """One line of a diff: a field's label, its old and new values as lists of plain strings."""

    name: str
    label: str
    old: list[str]
    new: list[str]
    is_list: bool = False
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.old != self.new


# --- Human values ------------------------------------------------------------------------------


def field_label(name: str) -> str:
    if name in ("opening_times", "locations", "areas"):
        return {"opening_times": "Opening times", "locations": "Locations", "areas": "Areas covered"}[name]
    return capfirst(Service._meta.get_field(name).verbose_name)


def display_value(name: str, value) -> list[str]:
    """A field's value as people read it: choice labels, Yes/No, dates; [] when not given."""
    model_field = Service._meta.get_field(name)
    if isinstance(model_field, models.BooleanField):
        return ["Yes" if value else "No"]
    if value is None or value == "":
        return []
    if model_field.choices:
        return [str(dict(model_field.flatchoices).get(value, value))]
    if isinstance(value, datetime.datetime):
        return [timezone.localtime(value).strftime("%-d %B %Y, %H:%M")]
    if isinstance(value, datetime.date):
        return [value.strftime("%-d %B %Y")]
    return [str(value)]


def describe_opening_time(opening_time) -> str:
    text = opening_time.describe()
    if opening_time.location_id:
        text += f" at {opening_time.location}"
    if opening_time.note:
        text += f" ({opening_time.note})"
    return text


def related_lists(service: Service | None) -> dict[str, list[str]]:
    """Opening times, locations and areas of a service as sorted lists of plain descriptions."""
    if service is None:
        return {"opening_times": [], "locations": [], "areas": []}
    return {
        "opening_times": [describe_opening_time(o) for o in service.opening_times.select_related("location")],
        "locations": sorted(str(location) for location in service.locations.all()),
        "areas": sorted(area.name for area in service.areas.all()),
    }


def _list_row(name: str, old: list[str], new: list[str]) -> DiffRow:
    return DiffRow(
        name=name,
        label=field_label(name),
        old=old,
        new=new,
        is_list=True,
        added=[item for item in new if item not in old],
        removed=[item for item in old if item not in new],
    )


def _m2m_names(name: str, rows) -> list[str]:
    """Names of the audiences or topics in a historical record's through rows."""
    target = get_m2m_reverse_field_name(Service._meta.get_field(name))
    ids = [row[target] for row in rows]
    names = M2M_TARGETS[name].objects.in_bulk(ids)
    return sorted(str(names[pk]) for pk in ids if pk in names)


def _field_order() -> list[str]:
    return [*Service.content_field_names(), *M2M_FIELDS]


# --- The review diff ---------------------------------------------------------------------------


def review_diff(service: Service) -> list[DiffRow]:
    """What an editor checks: for a working copy, the fields that differ from the published
    listing; for a new listing, every field, as new."""
    if service.draft_of_id is None:
        return _new_listing_rows(service)
    published = service.draft_of
    new_record = service.history.order_by("-history_id").first()
    old_record = published.history.order_by("-history_id").first()
    rows: dict[str, DiffRow] = {}
    if new_record is not None and old_record is not None:
        delta = new_record.diff_against(old_record, excluded_fields=Service.NOT_CONTENT_FIELDS)
        for change in delta.changes:
            if change.field in M2M_FIELDS:
                old, new = _m2m_names(change.field, change.old), _m2m_names(change.field, change.new)
                # The through rows name their own service, which always differs between a copy
                # and the published row: only the audiences or topics themselves count.
                if old != new:
                    rows[change.field] = _list_row(change.field, old, new)
            else:
                rows[change.field] = DiffRow(
                    change.field,
                    field_label(change.field),
                    display_value(change.field, change.old),
                    display_value(change.field, change.new),
                )
    else:
        # No history to compare (rows written around the ORM): compare the live rows instead.
        rows = {row.name: row for row in _live_rows(published, service) if row.changed}
    ordered = [rows[name] for name in _field_order() if name in rows]
    old_lists, new_lists = related_lists(published), related_lists(service)
    for name in ("opening_times", "locations", "areas"):
        row = _list_row(name, old_lists[name], new_lists[name])
        if row.changed:
            ordered.append(row)
    return ordered


def _live_rows(old: Service | None, new: Service) -> list[DiffRow]:
    rows = [
        DiffRow(
            name,
            field_label(name),
            display_value(name, getattr(old, name)) if old is not None else [],
            display_value(name, getattr(new, name)),
        )
        for name in Service.content_field_names()
    ]
    for name in M2M_FIELDS:
        old_names = sorted(str(item) for item in getattr(old, name).all()) if old is not None else []
        rows.append(_list_row(name, old_names, sorted(str(item) for item in getattr(new, name).all())))
    return rows


def _new_listing_rows(service: Service) -> list[DiffRow]:
    rows = _live_rows(None, service)
    for name, items in related_lists(service).items():
        rows.append(_list_row(name, [], items))
    return rows


# --- Approving and sending back ----------------------------------------------------------------


def _locked_pending(service: Service) -> Service:
    # Lock only the listing itself: its draft_of is an outer join, which PostgreSQL will not lock.
    locked = (
        Service.objects.select_for_update(of=("self",))
        .select_related("organisation", "draft_of")
        .get(pk=service.pk)
    )
    if locked.status != ServiceStatus.PENDING_REVIEW:
        raise NotPendingReview(
            f"“{locked.name}” is not waiting for review: it is {locked.get_status_display().lower()}."
        )
    return locked


def _submitter_name(service: Service) -> str:
    return service.submitted_by.get_full_name() if service.submitted_by_id else "its organisation"


def _reason(text: str) -> str:
    return text if len(text) <= REASON_MAX else text[: REASON_MAX - 1] + "…"


@transaction.atomic
def service_approve(*, service: Service, editor) -> Service:
    """Publish a new listing, or apply a working copy to its published listing and delete the copy.

    Returns the published service. Raises NotPendingReview if the listing is not waiting.
    """
    service = _locked_pending(service)
    submitter = _submitter_name(service)
    today = timezone.localdate()
    if service.draft_of_id is None:
        published = service
        published._change_reason = _reason(f"Approved new listing submitted by {submitter}")
    else:
        copy = service
        published = Service.objects.select_for_update().get(pk=copy.draft_of_id)
        for name in Service.content_field_names():
            setattr(published, name, getattr(copy, name))
        _replace_related(published=published, copy=copy, editor=editor)
        published._change_reason = _reason(f"Approved changes submitted by {submitter}")
    if published.draft_of_id is None and published.status == ServiceStatus.PENDING_REVIEW:
        published.status = ServiceStatus.PUBLISHED
    published.last_reviewed = today
    published.freshness = Freshness.CURRENT
    # Just checked: the freshness reminders start again from today.
    published.reminder_sent_on = None
    published.overdue_notice_sent_on = None
    published.review_note = ""
    published._history_user = editor
    published.full_clean()
    published.save()
    if service.pk != published.pk:
        service._history_user = editor
        service._change_reason = _reason(f"Approved and applied to {published.name}")
        service.delete()
    _email_organisation(
        service=published,
        template="emails/listing_approved.txt",
        context={
            "service": published,
            "is_edit": service.pk != published.pk,
            "link": site_url(published.get_absolute_url()),
        },
    )
    return published


def _replace_related(*, published: Service, copy: Service, editor) -> None:
    """Give the published row the copy's audiences, topics, locations, opening times and areas.

    The audiences and topics are set without history of their own, so that the one save that
    follows records the whole approval as one change, by the editor.
    """
    published.skip_history_when_saving = True
    try:
        published.audiences.set(copy.audiences.all())
        published.topics.set(copy.topics.all())
    finally:
        del published.skip_history_when_saving
    published.set_locations(copy.service_at_locations.values_list("location_id", flat=True))
    # Opening times and areas move over from the copy, replacing the published ones.
    published.opening_times.all().delete()
    for opening_time in copy.opening_times.all():
        opening_time.service = published
        opening_time._history_user = editor
        opening_time.save()
    published.areas.all().delete()
    copy.areas.update(service=published)


@transaction.atomic
def service_send_back(*, service: Service, editor, reason: str) -> Service:
    """Return a listing (new, or a working copy) to its organisation as a draft, saying why."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the listing is being sent back."})
    service = _locked_pending(service)
    service.status = ServiceStatus.DRAFT
    service.review_note = reason
    service._history_user = editor
    service._change_reason = _reason(f"Sent back: {reason}")
    service.full_clean()
    service.save()
    _email_organisation(
        service=service,
        template="emails/listing_sent_back.txt",
        context={
            "service": service,
            "is_edit": service.draft_of_id is not None,
            "reason": reason,
            "link": site_url(provider_link(service)),
        },
    )
    return service


def provider_link(service: Service) -> str:
    """Where the organisation edits the listing (a working copy is reached through its published slug)."""
    slug = service.draft_of.slug if service.draft_of_id else service.slug
    return reverse("manage:service_edit", args=[slug])


def _email_organisation(*, service: Service, template: str, context: dict) -> None:
    # Queued in this transaction: with the database task backend the email goes only if it commits.
    organisation = service.organisation
    notify(
        to=organisation_emails(organisation),
        template=template,
        context={"organisation": organisation, **context},
    )


# --- The queue and the history -----------------------------------------------------------------


def review_queue():
    """Listings waiting for review, oldest submitted first."""
    return (
        Service.objects.filter(status=ServiceStatus.PENDING_REVIEW)
        .select_related("organisation", "submitted_by", "draft_of")
        .order_by(models.F("submitted_at").asc(nulls_last=True), "created", "pk")
    )


@dataclass
class HistoryEntry:
    record: object
    who: str
    what: str
    rows: list[DiffRow]


HISTORY_EXCLUDED = frozenset({"id", "uuid", "created", "updated", "search_vector", "draft_of", *M2M_FIELDS})
HISTORY_TYPES = {"+": "Listing created", "~": "Changed", "-": "Deleted"}


def history_entries(records: list, before=None) -> list[HistoryEntry]:
    """Who changed what and when: one page of a service's historical records (newest first),
    each compared with the record before it. `before` is the record before the page's last one.

    Audiences, topics, organisations and users are read for the whole page at once, so a page
    costs a fixed number of queries however long it is.
    """
    every = [*records, *([before] if before is not None else [])]
    record_ids = [record.history_id for record in every]
    m2m: dict[str, dict[int, list[int]]] = {}
    for name in M2M_FIELDS:
        through = apps.get_model("directory", f"HistoricalService_{name}")
        target = get_m2m_reverse_field_name(Service._meta.get_field(name))
        by_record: dict[int, list[int]] = {pk: [] for pk in record_ids}
        rows = through.objects.filter(history_id__in=record_ids).values_list("history_id", f"{target}_id")
        for history_id, target_id in rows:
            by_record[history_id].append(target_id)
        m2m[name] = by_record
    targets = {
        name: M2M_TARGETS[name].objects.in_bulk({pk for ids in m2m[name].values() for pk in ids})
        for name in M2M_FIELDS
    }
    organisations = Organisation.objects.in_bulk({record.organisation_id for record in every})
    users = get_user_model().objects.in_bulk({record.submitted_by_id for record in every} - {None})
    order = {name: position for position, name in enumerate([*_history_field_order(), *M2M_FIELDS])}

    def names(name, record):
        return sorted(str(targets[name][pk]) for pk in m2m[name][record.history_id] if pk in targets[name])

    entries = []
    for index, record in enumerate(records):
        previous = every[index + 1] if index + 1 < len(every) else None
        rows = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, excluded_fields=HISTORY_EXCLUDED)
            rows = [_history_row(c.field, c.old, c.new, organisations, users) for c in delta.changes]
            for name in M2M_FIELDS:
                old, new = names(name, previous), names(name, record)
                if old != new:
                    rows.append(_list_row(name, old, new))
        rows.sort(key=lambda row: order.get(row.name, len(order)))
        user = record.history_user
        entries.append(
            HistoryEntry(
                record=record,
                who=user.get_full_name() if user else "The system",
                what=record.history_change_reason or HISTORY_TYPES.get(record.history_type, "Changed"),
                rows=rows,
            )
        )
    return entries


def _history_field_order() -> list[str]:
    return [f.name for f in Service._meta.concrete_fields]


def _history_row(name, old, new, organisations, users) -> DiffRow:
    def shown(value):
        if value is None:
            return []
        if name == "organisation":
            return [str(organisations.get(value, value))]
        if name == "submitted_by":
            user = users.get(value)
            return [user.get_full_name() if user else "A former user"]
        return display_value(name, value)

    return DiffRow(name, field_label(name), shown(old), shown(new))
