"""Reads for the referral lists: the provider inbox and the referrer's "My referrals".

Each list answers in a fixed number of queries whatever the page size: the counts of every group
in one aggregate, the page's rows with what a row shows joined in (person, service, organisations,
referrer) and whether a contact attempt was recorded as an EXISTS column.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse

from directory.choices import ServiceStatus
from directory.models import Organisation, Service
from referrals.choices import CLOSED_STATUSES, EventKind, Status
from referrals.models import Referral, ReferralEvent

# Accepted this many days ago and nobody recorded contact with the person: the inbox says so.
NOT_CONTACTED_DAYS = 7

_OPEN_AFTER_ANSWER = (Status.ACCEPTED, Status.CONTACTED, Status.IN_PROGRESS, Status.ON_HOLD)


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    statuses: tuple[str, ...] | None  # None: every status of the list


INBOX_GROUPS = (
    Group("new", "New", (Status.SENT,)),
    Group("open", "Open", _OPEN_AFTER_ANSWER),
    Group("closed", "Closed", tuple(sorted(CLOSED_STATUSES))),
    Group("all", "All", None),
)
SENT_GROUPS = (
    Group("waiting", "Waiting for an answer", (Status.SENT,)),
    Group("open", "Open", _OPEN_AFTER_ANSWER),
    Group("closed", "Closed", tuple(sorted(CLOSED_STATUSES))),
    Group("drafts", "Drafts", (Status.DRAFT,)),
    Group("all", "All", None),
)


def group_named(groups, key: str | None, default: str) -> Group | None:
    """The group a `state` parameter names; the default one when it is empty; None when unknown."""
    key = key or default
    return next((group for group in groups if group.key == key), None)


def _in_group(queryset: QuerySet, group: Group) -> QuerySet:
    return queryset if group.statuses is None else queryset.filter(status__in=group.statuses)


def group_counts(queryset: QuerySet, groups) -> dict[str, int]:
    """How many referrals each group holds, in one query."""
    return queryset.aggregate(
        **{
            group.key: Count("pk")
            if group.statuses is None
            else Count("pk", filter=Q(status__in=group.statuses))
            for group in groups
        }
    )


def _for_rows(queryset: QuerySet) -> QuerySet:
    """What a row shows, joined in, newest activity first."""
    contact_attempts = ReferralEvent.objects.filter(referral=OuterRef("pk"), kind=EventKind.CONTACT_ATTEMPT)
    return (
        queryset.select_related(
            "person", "service", "provider_organisation", "referrer_organisation", "referrer"
        )
        .only(*ROW_FIELDS)
        .annotate(has_contact_attempt=Exists(contact_attempts))
        .order_by("-last_activity_at", "-pk")
    )


# What a row reads: narrow rows are quicker to send and build at 100 a page.
ROW_FIELDS = (
    "uuid",
    "status",
    "is_self_referral",
    "sent_at",
    "answered_at",
    "last_activity_at",
    "consent_withdrawn_at",
    "provider_organisation_id",
    "referrer_organisation_id",
    "referrer_id",
    "person_id",
    "service_id",
    "provider_organisation__name",
    "referrer_organisation__name",
    "referrer__full_name",
    "referrer__email",
    "person__uuid",
    "person__name",
    "person__preferred_name",
    "person__anonymised_at",
    "service__name",
    "service__slug",
)


class Counted:
    """A list's referrals, for the paginator: its length is already known (from the group
    counts), so it is not counted again; and a page is fetched in two steps. First the page's ids,
    from the referrals table alone (an index on the organisation and the last activity gives them
    in order, and stops at the page's end); then those rows with what a row shows joined in.
    Joining first would join every referral of a busy organisation before sorting them."""

    def __init__(self, queryset: QuerySet, count: int):
        self.queryset, self._count = queryset, count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        ordered = self.queryset.order_by("-last_activity_at", "-pk")
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = list(ordered.values_list("pk", flat=True)[index])
        rows = {referral.pk: referral for referral in _for_rows(Referral.objects.filter(pk__in=ids))}
        return [rows[pk] for pk in ids if pk in rows]


# --- the provider inbox ------------------------------------------------------------------------


def member_organisations(user) -> list[Organisation]:
    """This person's organisations (one query): the pages decide their role from it."""
    return list(Organisation.objects.filter(memberships__user=user).order_by("name"))


def inbox_services(organisations) -> list[Service]:
    """The listings (not working copies) of these provider organisations: the service filter and
    the capacity forms."""
    provider_ids = [organisation.pk for organisation in organisations if organisation.is_provider]
    return list(
        Service.objects.listings()
        .filter(organisation_id__in=provider_ids)
        .select_related("organisation")
        .order_by("name", "pk")
    )


def published(services) -> list[Service]:
    return [service for service in services if service.status == ServiceStatus.PUBLISHED]


def inbox_received(user, service: Service | None = None) -> QuerySet:
    received = Referral.objects.received_by(user)
    if service is not None:
        received = received.filter(service=service)
    return received


def inbox_rows(user, group: Group, service: Service | None = None) -> QuerySet:
    """The inbox's referrals in this group (wrap in Counted for a page of rows)."""
    return _in_group(inbox_received(user, service), group)


# --- the referrer's list -----------------------------------------------------------------------


def sent(user, *, mine: bool = False) -> QuerySet:
    referrals = Referral.objects.sent_by(user)
    if mine:
        referrals = referrals.filter(referrer=user)
    return referrals


def sent_rows(user, group: Group, *, mine: bool = False) -> QuerySet:
    """The referrer's referrals in this group (wrap in Counted for a page of rows)."""
    return _in_group(sent(user, mine=mine), group)


# --- what a row says ---------------------------------------------------------------------------


def flag(referral: Referral, now: datetime) -> Referral:
    """Set the overdue flags a row shows on the referral: waiting_days and expires_in_days for one
    sent and unanswered since the first nudge; not_contacted_days for one accepted a week or more
    ago with no contact recorded."""
    referral.waiting_days = referral.expires_in_days = referral.not_contacted_days = None
    if referral.status == Status.SENT and referral.sent_at:
        waited = (now - referral.sent_at).days
        if waited >= settings.REFERRAL_NUDGE_DAYS[0]:
            referral.waiting_days = waited
            referral.expires_in_days = max(0, settings.REFERRAL_EXPIRY_DAYS - waited)
    elif referral.status == Status.ACCEPTED and referral.answered_at and not referral.has_contact_attempt:
        since = (now - referral.answered_at).days
        if since >= NOT_CONTACTED_DAYS:
            referral.not_contacted_days = since
    return referral


# A row's links, built from one reverse() per page and kind: at 100 rows a page, reversing each
# row's three links took a tenth of the page's time.
_PLACEHOLDER = uuid.UUID(int=0)
ROW_LINKS = {
    "detail_url": ("referrals:detail", ()),
    "accept_url": ("referrals:act", ("accept",)),
    "decline_url": ("referrals:decline", ()),
    "draft_url": ("refer:edit_draft", ()),
}


def link(rows: list[Referral]) -> list[Referral]:
    """Set each row's links (detail_url, accept_url, decline_url, draft_url) on the referral."""
    placeholder = str(_PLACEHOLDER)
    for attribute, (name, extra) in ROW_LINKS.items():
        before, _, after = reverse(name, args=[_PLACEHOLDER, *extra]).partition(placeholder)
        for referral in rows:
            setattr(referral, attribute, f"{before}{referral.uuid}{after}")
    return rows
