"""The access helpers of every private referrals URL (DESIGN.md, habit 7).

The scope decides whether someone may know a record exists (404 if not); the `rules` permission
whether they may do this to it (403 if not): accounts.access.get_for_user does both.
"""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from directory.choices import ServiceStatus
from referrals.models import Person, Referral, Signposting


def is_public_listing(service) -> bool:
    """The service's public listing (published, not a working copy of it)."""
    return service.status == ServiceStatus.PUBLISHED and service.draft_of_id is None


def takes_referrals(service) -> bool:
    """Whether people may be referred to this service through SupportMap: its public listing says
    it takes referrals here."""
    return is_public_listing(service) and service.accepts_supportmap_referrals


def referrals_for(user) -> QuerySet:
    """Referrals this person may know exist: their organisations' sent and received ones; every
    referral for a site administrator (who may mark one entered in error)."""
    referrals = Referral.objects.select_related(
        "person", "service", "provider_organisation", "referrer_organisation", "referrer"
    )
    if user.is_authenticated and user.is_site_admin:
        return referrals
    return referrals.visible_to(user)


def people_for(user) -> QuerySet:
    return Person.objects.visible_to(user).select_related("organisation")


def signpostings_for(user) -> QuerySet:
    return Signposting.objects.visible_to(user)


def may(user, permission: str, obj) -> bool:
    """The `rules` permission itself. Not user.has_perm: Django grants a superuser every permission,
    but personal data is shared with the two organisations of a referral, not with whoever runs
    the site (a site administrator's own part is entering a referral in error)."""
    return rules.has_perm(permission, user, obj)


def _get(request, queryset, permission: str, **lookup):
    obj = get_object_or_404(queryset, **lookup)
    if not may(request.user, permission, obj):
        raise PermissionDenied
    return obj


def get_referral_for_user(request, referral_uuid, permission: str = "referrals.view_referral") -> Referral:
    return _get(request, referrals_for(request.user), permission, uuid=referral_uuid)


def get_person_for_user(request, person_uuid, permission: str = "referrals.view_person") -> Person:
    return _get(request, people_for(request.user), permission, uuid=person_uuid)
