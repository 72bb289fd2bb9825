"""What the main navigation needs to know about referrals, worked out only if a page asks."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from referrals import shortlist


def _roles(user) -> dict:
    if not user.is_authenticated:
        return {"refers": False, "provides": False}
    kinds = set(user.memberships.values_list("organisation__is_referrer", "organisation__is_provider"))
    return {"refers": any(refers for refers, _ in kinds), "provides": any(provides for _, provides in kinds)}


def referral_nav(request):
    return {
        "referral_roles": SimpleLazyObject(lambda: _roles(request.user)),
        "shortlist_count": SimpleLazyObject(lambda: len(shortlist.service_ids(request))),
    }
