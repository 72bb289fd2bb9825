"""Who may do what, as `rules` predicates. Views never decide this themselves.

Permissions are checked on an object that a scoped queryset already found (accounts/access.py):
the scope decides "can this person know it exists" (404 if not), the permission decides "may they
do this to it" (403 if not).
"""

from __future__ import annotations

import rules

from directory.choices import MemberRole


def _membership(user, organisation):
    if not user.is_authenticated or organisation is None:
        return None
    # One query per check, cached on the user object for the rest of the request.
    cache = user.__dict__.setdefault("_membership_roles", {})
    if organisation.pk not in cache:
        cache[organisation.pk] = (
            user.memberships.filter(organisation_id=organisation.pk).values_list("role", flat=True).first()
        )
    return cache[organisation.pk]


def _organisation_of(obj):
    """The organisation an object belongs to: itself, or the organisation of a service or report."""
    if obj is None:
        return None
    if hasattr(obj, "memberships"):
        return obj
    if hasattr(obj, "organisation"):
        return obj.organisation
    if hasattr(obj, "service"):
        return obj.service.organisation
    return None


@rules.predicate
def is_editor(user):
    return user.is_authenticated and user.is_editor


@rules.predicate
def is_member(user, obj):
    return _membership(user, _organisation_of(obj)) is not None


@rules.predicate
def is_manager(user, obj):
    return _membership(user, _organisation_of(obj)) == MemberRole.MANAGER


@rules.predicate
def organisation_provides(user, obj):
    organisation = _organisation_of(obj)
    return organisation is not None and organisation.is_provider


@rules.predicate
def organisation_refers(user, obj):
    organisation = _organisation_of(obj)
    return organisation is not None and organisation.is_referrer


@rules.predicate
def is_referrer(user):
    """A member of at least one referrer organisation (link workers, GPs, NHS staff)."""
    return user.is_authenticated and user.memberships.filter(organisation__is_referrer=True).exists()


# The "My organisation" area: any member may look; provider members keep the listings.
rules.add_perm("accounts.view_organisation", is_member)
rules.add_perm("accounts.manage_members", is_manager)
rules.add_perm("directory.edit_listings", is_member & organisation_provides)
rules.add_perm("directory.edit_service", is_member & organisation_provides)
rules.add_perm("directory.edit_organisation", is_manager)
# Editors' work: the review queue, problem reports and claims.
rules.add_perm("directory.review_listings", is_editor)
rules.add_perm("directory.review_service", is_editor)
rules.add_perm("directory.resolve_problem_report", is_editor)
rules.add_perm("accounts.decide_claims", is_editor)
# Referrals (issue 9) are made by members of referrer organisations.
rules.add_perm("referrals.refer_from", is_member & organisation_refers)
rules.add_perm("referrals.refer", is_referrer)
# Problem reports: members may read the reports on their own organisation's services.
rules.add_perm("directory.view_problem_report", is_editor | is_member)
# A listing's history (/review/services/<slug>/history/): editors, and its own organisation's members.
rules.add_perm("directory.view_service_history", is_editor | is_member)


# Referrals: two organisations share one, each with its own part to play.
def _is_member_of(user, organisation_id) -> bool:
    if not user.is_authenticated or organisation_id is None:
        return False
    cache = user.__dict__.setdefault("_membership_ids", None)
    if cache is None:
        cache = set(user.memberships.values_list("organisation_id", flat=True))
        user.__dict__["_membership_ids"] = cache
    return organisation_id in cache


@rules.predicate
def is_receiving_member(user, referral):
    """A member of the organisation the referral was sent to."""
    return referral is not None and _is_member_of(user, referral.provider_organisation_id)


@rules.predicate
def is_referring_member(user, referral):
    """A member of the organisation that sent the referral."""
    return referral is not None and _is_member_of(user, referral.referrer_organisation_id)


@rules.predicate
def is_site_admin(user):
    return user.is_authenticated and user.is_site_admin


@rules.predicate
def holds_person(user, person):
    """A member of the organisation that holds a person's record."""
    return person is not None and _is_member_of(user, person.organisation_id)


@rules.predicate
def manages_person_record(user, person):
    return person is not None and is_manager(user, person.organisation)


# Both sides read a referral and its messages; each side moves it only in its own way
# (referrals/services.py checks these on the row it has locked).
rules.add_perm("referrals.view_referral", is_receiving_member | is_referring_member | is_site_admin)
rules.add_perm("referrals.message_referral", is_receiving_member | is_referring_member)
rules.add_perm("referrals.answer_referral", is_receiving_member)
rules.add_perm("referrals.manage_referral", is_referring_member)
rules.add_perm("referrals.enter_in_error", is_site_admin)
# A person's own page: the organisation that holds the record; its managers see the audit trail
# and export it (subject access).
rules.add_perm("referrals.view_person", holds_person)
rules.add_perm("referrals.change_person", holds_person)
rules.add_perm("referrals.view_person_audit", manages_person_record)
rules.add_perm("referrals.export_person", manages_person_record)
