"""Writes of the provider area (/my-organisation/): listings, their workflow, members and invitations.

Every function is keyword-only, runs in one transaction and checks each row with full_clean(), so a
broken rule is a ValidationError the view can show, never a half-saved listing.

Edits to a published service never touch the published row: service_start_edit makes (or reuses)
a working copy (draft_of=the published service) that carries the whole listing, and the form edits
the copy. When an editor approves the copy, the review area copies its content onto the published
row, so the copy must stay a faithful, full copy.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Invitation, Membership
from directory.choices import Capacity, Freshness, MemberRole, ServiceStatus
from directory.models import (
    Audience,
    Location,
    OpeningTime,
    Organisation,
    Postcode,
    Service,
    ServiceAtLocation,
    Topic,
)
from supportmap.notify import editor_emails, notify, site_url

COPY_SLUG_MARK = "-changes-"


@dataclass
class ListingContent:
    """What a provider says about a service, as the form cleaned it."""

    fields: dict
    audiences: Iterable[Audience] = ()
    topics: Iterable[Topic] = ()
    # Existing locations of the organisation where the service is offered.
    locations: Iterable[Location] = ()
    # New locations to add to the organisation and offer the service at: dicts of Location fields.
    new_locations: list[dict] = field(default_factory=list)
    # Opening times: dicts of OpeningTime fields (location is one of the organisation's locations).
    opening_times: list[dict] = field(default_factory=list)


def _unique_slug(base: str) -> str:
    base = (slugify(base) or "service")[:180].strip("-") or "service"
    slug = base
    while Service.objects.filter(slug=slug).exists():
        slug = f"{base}-{uuid.uuid4().hex[:6]}"
    return slug


def _new_location(*, organisation: Organisation, data: dict) -> Location:
    location = Location(organisation=organisation, **data)
    location.full_clean()
    if location.latitude is None:
        # Place it on the map from the offline postcode table, when the postcode is there.
        known = Postcode.objects.filter(postcode=location.postcode).first()
        if known is not None:
            location.latitude, location.longitude = known.latitude, known.longitude
    location.save()
    return location


def _apply_content(service: Service, content: ListingContent) -> None:
    """Write the content onto a saved service: fields, topics, audiences, places and times."""
    for name, value in content.fields.items():
        if name not in Service.content_field_names():
            raise ValueError(f"{name} is not listing content")
        setattr(service, name, value)
    if service.capacity != Capacity.WAITING_LIST:
        service.waiting_weeks = None
    service.full_clean()
    service.save()
    service.audiences.set(content.audiences)
    service.topics.set(content.topics)

    organisation = service.organisation
    wanted = [location for location in content.locations if location.organisation_id == organisation.pk]
    for data in content.new_locations:
        wanted.append(_new_location(organisation=organisation, data=data))
    service.set_locations(location.pk for location in wanted)

    # Opening times have no identity of their own outside the listing: the form's rows replace them.
    service.opening_times.all().delete()
    for data in content.opening_times:
        location = data.get("location")
        if location is not None and location.organisation_id != organisation.pk:
            raise ValidationError({"location": "Choose one of your organisation's locations."})
        opening = OpeningTime(service=service, **data)
        opening.full_clean()
        opening.save()


@transaction.atomic
def service_create(*, organisation: Organisation, by, content: ListingContent) -> Service:
    """A new listing, saved as a draft: nothing is public until an editor approves it."""
    if not organisation.is_provider:
        raise ValidationError("Only organisations that run services can list them.")
    service = Service(
        organisation=organisation,
        slug=_unique_slug(content.fields.get("name", "")),
        status=ServiceStatus.DRAFT,
    )
    _apply_content(service, content)
    return service


@transaction.atomic
def service_start_edit(*, service: Service, by) -> Service:
    """The row a provider's edit goes to: the service itself, or for a published one its working copy.

    The copy is made once and reused until an editor decides on it. It carries the content fields,
    audiences, topics, locations, opening times and areas, so an approval can copy it all back.
    """
    service = Service.objects.select_for_update().get(pk=service.pk)
    if service.draft_of_id is not None or service.status != ServiceStatus.PUBLISHED:
        return service
    existing = Service.objects.filter(draft_of=service).first()
    if existing is not None:
        return existing
    copy = Service(
        organisation=service.organisation,
        draft_of=service,
        status=ServiceStatus.DRAFT,
        slug=f"{service.slug[:180]}{COPY_SLUG_MARK}{uuid.uuid4().hex[:8]}",
        **{name: getattr(service, name) for name in Service.content_field_names()},
    )
    copy.full_clean()
    copy.save()
    copy.audiences.set(service.audiences.all())
    copy.topics.set(service.topics.all())
    ServiceAtLocation.objects.bulk_create(
        ServiceAtLocation(service=copy, location_id=link.location_id)
        for link in service.service_at_locations.all()
    )
    for opening in service.opening_times.all():
        opening.pk = None
        opening.service = copy
        opening.save()
    for area in service.areas.all():
        area.pk = None
        area.service = copy
        area.save()
    return copy


@transaction.atomic
def service_update(*, service: Service, by, content: ListingContent) -> Service:
    """Save a provider's edit. A published service is never changed: the edit goes to its working copy.

    A listing waiting for review goes back to draft when edited, so it is submitted again on purpose.
    """
    target = service_start_edit(service=service, by=by)
    target = Service.objects.select_for_update().get(pk=target.pk)
    if target.status == ServiceStatus.PENDING_REVIEW:
        target.status = ServiceStatus.DRAFT
        target.submitted_at = None
        target.submitted_by = None
    _apply_content(target, content)
    return target


@transaction.atomic
def service_submit(*, service: Service, by) -> Service:
    """Send a draft (a new listing or a working copy) to the editors. Editing it later makes it a draft again."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    if service.status != ServiceStatus.DRAFT:
        raise ValidationError("Only a draft can be sent for review.")
    service.status = ServiceStatus.PENDING_REVIEW
    service.submitted_at = timezone.now()
    service.submitted_by = by
    service.review_note = ""
    service.full_clean()
    service.save()
    notify(
        to=editor_emails(),
        template="emails/listing_submitted.txt",
        context={
            "service": service,
            "is_change": service.draft_of_id is not None,
            "review_url": site_url(reverse("review:service_review", args=[service.slug])),
        },
    )
    return service


@transaction.atomic
def service_set_capacity(*, service: Service, by, capacity: str, waiting_weeks: int | None = None) -> Service:
    """Open, waiting list, full or closed for now: live at once, no review; a pending copy follows."""
    if capacity not in Capacity.values:
        raise ValidationError({"capacity": "Choose one of the options."})
    if capacity != Capacity.WAITING_LIST:
        waiting_weeks = None
    service = Service.objects.select_for_update().get(pk=service.pk)
    rows = [service, *Service.objects.select_for_update().filter(draft_of=service)]
    for row in rows:
        row.capacity = capacity
        row.waiting_weeks = waiting_weeks
        row.full_clean()
        row.save(update_fields=["capacity", "waiting_weeks", "updated"])
    return service


@transaction.atomic
def service_confirm_current(*, service: Service, by, today: datetime.date | None = None) -> Service:
    """ "Still correct": the organisation confirms a published listing; its freshness starts again."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    if service.status != ServiceStatus.PUBLISHED:
        raise ValidationError("Only a published listing can be confirmed.")
    service.last_reviewed = today or timezone.localdate()
    service.freshness = Freshness.CURRENT
    service.reminder_sent_on = None
    service.overdue_notice_sent_on = None
    service.full_clean()
    service.save()
    return service


# Members and invitations -------------------------------------------------------------------------


def invitation_link(token: str) -> str:
    """The acceptance page (built under /accounts/invitations/<token>/ by the onboarding work)."""
    return site_url(f"/accounts/invitations/{token}/")


@transaction.atomic
def invitation_send(*, organisation: Organisation, by, email: str, role: str) -> tuple[Invitation, str]:
    """Invite a colleague by email with a one-time link. Returns the invitation and its token.

    Only the token's hash is stored. A new invitation to the same address withdraws the old one.
    """
    email = email.strip()
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": "This person is already a member of the organisation."})
    now = timezone.now()
    organisation.invitations.usable().filter(email__iexact=email).update(withdrawn_at=now)
    token = Invitation.new_token()
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role,
        invited_by=by,
        expires_at=now + datetime.timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    invitation.set_token(token)
    invitation.full_clean()
    invitation.save()
    notify(
        to=[email],
        template="emails/invitation.txt",
        context={
            "organisation": organisation,
            "invited_by": by,
            "role": invitation.get_role_display().lower(),
            "link": invitation_link(token),
            "expires_at": invitation.expires_at,
            "valid_days": settings.INVITATION_VALID_DAYS,
            "list_link": site_url(reverse("manage:dashboard")),
        },
    )
    return invitation, token


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation, by) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError("This invitation has already been accepted.")
    if invitation.withdrawn_at is None:
        invitation.withdrawn_at = timezone.now()
        invitation.full_clean()
        invitation.save()
    return invitation


LAST_MANAGER_MESSAGE = "An organisation needs at least one manager. Make someone else a manager first."


def _other_managers(membership: Membership) -> int:
    # Lock the organisation's memberships, so two managers cannot step down at the same moment.
    rows = list(
        Membership.objects.select_for_update()
        .filter(organisation_id=membership.organisation_id)
        .values_list("pk", "role")
    )
    return sum(1 for pk, role in rows if role == MemberRole.MANAGER and pk != membership.pk)


@transaction.atomic
def membership_change_role(*, membership: Membership, by, role: str) -> Membership:
    if role not in MemberRole.values:
        raise ValidationError({"role": "Choose member or manager."})
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if (
        membership.role == MemberRole.MANAGER
        and role != MemberRole.MANAGER
        and not _other_managers(membership)
    ):
        raise ValidationError(LAST_MANAGER_MESSAGE)
    membership.role = role
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by) -> None:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == MemberRole.MANAGER and not _other_managers(membership):
        raise ValidationError(LAST_MANAGER_MESSAGE)
    membership.delete()
