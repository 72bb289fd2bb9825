"""The access helpers of every private referrals URL (DESIGN.md, habit 7).

The scope decides whether someone may know a record exists (404 if not); the `rules` permission
whether they may do this to it (403 if not): accounts.access.get_for_user does both.
"""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.access import get_for_user
from referrals.models import Person, Referral, Signposting


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


def get_referral_for_user(request, referral_uuid, permission: str = "referrals.view_referral") -> Referral:
    return get_for_user(request, referrals_for(request.user), permission, uuid=referral_uuid)


def get_person_for_user(request, person_uuid, permission: str = "referrals.view_person") -> Person:
    return get_for_user(request, people_for(request.user), permission, uuid=person_uuid)
