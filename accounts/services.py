"""Writes for onboarding: a new organisation, claims to manage one, and accepting an invitation.

Each service is keyword-only, runs in one transaction, checks its models with `full_clean()`, and
sends its own emails (never from signals). A rule a person can break (a second pending claim, a
used invitation) is a `ValidationError` with a message they can read.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import ClaimStatus, Invitation, Membership, OrganisationClaim
from directory.choices import MemberRole
from directory.models import Organisation
from supportmap.notify import editor_emails, notify, site_url

MY_ORGANISATION_PATH = "/my-organisation/"


def _members_link(organisation) -> str:
    """The organisation's people page in the provider area, for emails to its managers."""
    try:
        return site_url(reverse("manage:members", kwargs={"org_slug": organisation.slug}))
    except NoReverseMatch:
        return site_url(MY_ORGANISATION_PATH)


def unique_organisation_slug(name: str) -> str:
    """A slug from the name, with -2, -3... added when another organisation already has it."""
    max_length = Organisation._meta.get_field("slug").max_length
    base = slugify(name)[: max_length - 6].strip("-") or "organisation"
    taken = set(Organisation.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def organisations_named(name: str):
    """Organisations whose name is this one, ignoring case and surrounding spaces: likely the same."""
    return Organisation.objects.filter(name__iexact=name.strip())


@transaction.atomic
def organisation_register(
    *,
    user,
    name: str,
    kind: str,
    is_referrer: bool,
    is_provider: bool,
    charity_number: str = "",
    website: str = "",
    email: str = "",
    phone: str = "",
    description: str = "",
) -> Organisation:
    """A new organisation, with the person who added it as its manager."""
    organisation = Organisation(
        name=name.strip(),
        slug=unique_organisation_slug(name),
        kind=kind,
        is_referrer=is_referrer,
        is_provider=is_provider,
        charity_number=charity_number,
        website=website,
        email=email,
        phone=phone.strip(),
        description=description.strip(),
    )
    organisation.full_clean()
    organisation.save()
    membership = Membership(user=user, organisation=organisation, role=MemberRole.MANAGER)
    membership.full_clean()
    membership.save()
    return organisation


def _manager_emails(organisation, *, excluding=None) -> list[str]:
    managers = Membership.objects.filter(organisation=organisation, role=MemberRole.MANAGER)
    if excluding is not None:
        managers = managers.exclude(user=excluding)
    return list(managers.filter(user__is_active=True).values_list("user__email", flat=True))


@transaction.atomic
def claim_request(
    *, user, organisation: Organisation, role_at_organisation: str, message: str = ""
) -> OrganisationClaim:
    """Ask to manage an organisation already listed. An editor decides; editors are told."""
    if Membership.objects.filter(user=user, organisation=organisation, role=MemberRole.MANAGER).exists():
        raise ValidationError(f"You already manage {organisation.name}.")
    if OrganisationClaim.objects.filter(
        user=user, organisation=organisation, status=ClaimStatus.PENDING
    ).exists():
        raise ValidationError(
            f"You have already asked to manage {organisation.name}. An editor will decide soon, "
            "and we will email you."
        )
    claim = OrganisationClaim(
        user=user,
        organisation=organisation,
        role_at_organisation=role_at_organisation.strip(),
        message=message.strip(),
    )
    claim.full_clean()
    claim.save()
    notify(
        to=editor_emails(),
        template="emails/claim_received.txt",
        context={"claim": claim, "link": site_url(reverse("claims:claim_decide", args=[claim.pk]))},
    )
    return claim


def _lock_pending(claim: OrganisationClaim) -> OrganisationClaim:
    """The claim, locked and re-read, so two editors deciding at once cannot both decide it."""
    claim = (
        OrganisationClaim.objects.select_for_update(of=("self",))
        .select_related("organisation", "user")
        .get(pk=claim.pk)
    )
    if claim.status != ClaimStatus.PENDING:
        raise ValidationError(
            f"This request has already been decided ({claim.get_status_display().lower()})."
        )
    return claim


@transaction.atomic
def claim_approve(*, claim: OrganisationClaim, decided_by, note: str = "") -> Membership:
    """The claimant becomes a manager (beside any managers already there); all are told."""
    claim = _lock_pending(claim)
    organisation = claim.organisation
    existing_managers = _manager_emails(organisation, excluding=claim.user)
    membership = Membership.objects.filter(user=claim.user, organisation=organisation).first()
    if membership is None:
        membership = Membership(user=claim.user, organisation=organisation)
    membership.role = MemberRole.MANAGER
    membership.full_clean()
    membership.save()
    claim.status = ClaimStatus.APPROVED
    claim.decided_at = timezone.now()
    claim.decided_by = decided_by
    claim.decision_note = note.strip()
    claim.full_clean()
    claim.save()
    notify(
        to=claim.user.email,
        template="emails/claim_approved.txt",
        context={"claim": claim, "link": site_url(MY_ORGANISATION_PATH)},
    )
    notify(
        to=existing_managers,
        template="emails/claim_approved_managers.txt",
        context={"claim": claim, "link": _members_link(organisation)},
    )
    return membership


@transaction.atomic
def claim_deny(*, claim: OrganisationClaim, decided_by, reason: str) -> OrganisationClaim:
    """Turn the request down, saying why; the claimant is told and may ask again."""
    claim = _lock_pending(claim)
    claim.status = ClaimStatus.DENIED
    claim.decided_at = timezone.now()
    claim.decided_by = decided_by
    claim.decision_note = reason.strip()
    claim.full_clean()
    claim.save()
    notify(
        to=claim.user.email,
        template="emails/claim_denied.txt",
        context={"claim": claim, "link": site_url(reverse("onboarding:my_requests"))},
    )
    return claim


def invitation_refusal(invitation: Invitation | None) -> str | None:
    """Why this invitation cannot be used, in words for the person holding the link; None if it can."""
    if invitation is None:
        return "unknown"
    if invitation.accepted_at is not None:
        return "accepted"
    if invitation.withdrawn_at is not None:
        return "withdrawn"
    if invitation.expires_at <= timezone.now():
        return "expired"
    return None


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """Join the organisation with the invitation's role. The link works once; the inviter is told."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("organisation", "invited_by")
        .get(pk=invitation.pk)
    )
    if not invitation.is_usable:
        raise ValidationError("This invitation has already been used, withdrawn or has expired.")
    if user.email.casefold() != invitation.email.casefold():
        raise ValidationError(f"This invitation is for {invitation.email}, not for {user.email}.")
    membership = Membership.objects.filter(user=user, organisation=invitation.organisation).first()
    if membership is None:
        membership = Membership(user=user, organisation=invitation.organisation, role=invitation.role)
    elif invitation.role == MemberRole.MANAGER:
        # Already a member: an invitation to manage raises the role, and never lowers it.
        membership.role = MemberRole.MANAGER
    membership.full_clean()
    membership.save()
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.full_clean()
    invitation.save()
    if invitation.invited_by is not None and invitation.invited_by.is_active:
        notify(
            to=invitation.invited_by.email,
            template="emails/invitation_accepted.txt",
            context={
                "invitation": invitation,
                "person": user,
                "link": _members_link(invitation.organisation),
            },
        )
    return membership


@transaction.atomic
def invitation_accept_new_account(*, invitation: Invitation, full_name: str, password: str):
    """Create the invited person's account (email verified: the link proves it) and accept."""
    user = get_user_model().objects.create_user(
        email=invitation.email,
        password=password,
        full_name=full_name.strip(),
        email_verified_at=timezone.now(),
    )
    invitation_accept(invitation=invitation, user=user)
    return user
