"""The referral and shortlist buttons on a service's page."""

from __future__ import annotations

from django import template

from directory.choices import ServiceStatus
from referrals import shortlist

register = template.Library()


@register.inclusion_tag("referrals/_service_actions.html", takes_context=True)
def service_referral_actions(context, service):
    request = context["request"]
    published = service.status == ServiceStatus.PUBLISHED and service.draft_of_id is None
    takes_referrals = published and service.accepts_supportmap_referrals
    return {
        "service": service,
        "csrf_token": context.get("csrf_token"),
        "can_refer": takes_referrals and request.user.has_perm("referrals.refer"),
        "can_self_refer": takes_referrals and service.self_referral,
        "in_shortlist": shortlist.contains(request, service),
        "can_shortlist": published,
    }
