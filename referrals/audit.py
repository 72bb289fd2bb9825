"""The personal-data audit trail: every view, change and export of a person or a referral.

Views call these after they have authorised the request. An event names who, for which
organisation, what they did and to which record (by opaque id), and when: never health details.
"""

from __future__ import annotations

from referrals.choices import AuditAction
from referrals.models import AuditEvent


def _organisation_for(user, *, referral=None, person=None):
    """The organisation through which this person reached the record (none for someone signed
    out: a member of the public referring themselves)."""
    if user is None or not user.is_authenticated:
        return None
    organisation_ids = set(user.memberships.values_list("organisation_id", flat=True))
    candidates = []
    if referral is not None:
        candidates += [referral.provider_organisation_id, referral.referrer_organisation_id]
    if person is not None:
        candidates.append(person.organisation_id)
    for organisation_id in candidates:
        if organisation_id in organisation_ids:
            return organisation_id
    return None


def audit(user, action: str, *, person=None, referral=None) -> AuditEvent:
    """Record one action on a person's record or on a referral (and so on its person). `user` is
    None for a member of the public referring themselves."""
    assert action in AuditAction.values
    if referral is not None and person is None:
        person = referral.person
    return AuditEvent.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        organisation_id=_organisation_for(user, referral=referral, person=person),
        action=action,
        person_uuid=person.uuid if person is not None else None,
        referral_uuid=referral.uuid if referral is not None else None,
    )


def audit_list(user, referrals) -> None:
    """Record that these referrals (and their people's names) were shown in a list: one insert."""
    referrals = list(referrals)
    if not referrals:
        return
    organisation_ids = set(user.memberships.values_list("organisation_id", flat=True))
    events = []
    for referral in referrals:
        organisation_id = next(
            (
                candidate
                for candidate in (referral.provider_organisation_id, referral.referrer_organisation_id)
                if candidate in organisation_ids
            ),
            None,
        )
        events.append(
            AuditEvent(
                user=user,
                organisation_id=organisation_id,
                action=AuditAction.LIST,
                person_uuid=referral.person.uuid,
                referral_uuid=referral.uuid,
            )
        )
    AuditEvent.objects.bulk_create(events)
