"""The referral, signposting and shortlist controls on a service's page and on search results.

Both read the shortlist from the session (ids only), which the page has loaded already for the
navigation's count: no query per service."""

from __future__ import annotations

from django import template

from referrals import shortlist
from referrals.access import is_public_listing, takes_referrals

register = template.Library()


def _refers(context, user) -> bool:
    """A member of a referrer organisation (the referrals.refer permission), from the navigation's
    flags that the page has worked out already (referrals.context_processors)."""
    roles = context.get("referral_roles")
    if roles is not None:
        return bool(roles["refers"])
    return user.has_perm("referrals.refer")


@register.inclusion_tag("referrals/_service_actions.html", takes_context=True)
def service_referral_actions(context, service):
    request = context["request"]
    published = is_public_listing(service)
    takes = takes_referrals(service)
    refers = published and _refers(context, request.user)
    return {
        "service": service,
        "csrf_token": context.get("csrf_token"),
        "can_refer": takes and refers,
        "can_self_refer": takes and service.self_referral,
        "can_signpost": refers,
        "in_shortlist": shortlist.contains(request, service),
        "can_shortlist": published,
        "next": request.get_full_path(),
    }


@register.inclusion_tag("referrals/shortlist_button.html", takes_context=True)
def shortlist_button(context, service):
    """The compact Add / Remove button of a result card. After it is pressed without JavaScript,
    the page comes back at this card's button."""
    request = context["request"]
    return {
        "service": service,
        "csrf_token": context.get("csrf_token"),
        "in_shortlist": shortlist.contains(request, service),
        "compact": True,
        # Search results sit inside the search form: the button then posts by itself.
        "inside_form": getattr(request.resolver_match, "view_name", "") == "directory:service_list",
        "can_shortlist": is_public_listing(service),
        "next": f"{request.get_full_path()}#shortlist-button-{service.pk}",
    }
