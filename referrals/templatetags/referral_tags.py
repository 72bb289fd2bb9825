"""Small helpers for a referral's page: its status in plain words, a person's age, the timeline."""

from __future__ import annotations

from datetime import timedelta

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.dateformat import format as format_date

from directory.choices import Element
from referrals.choices import EventKind, Status

register = template.Library()

# Bootstrap badge colours, each with its words: colour is never the only sign.
_BADGE = {
    Status.DRAFT: "text-bg-light border",
    Status.SENT: "text-bg-warning",
    Status.ACCEPTED: "text-bg-info",
    Status.CONTACTED: "text-bg-info",
    Status.IN_PROGRESS: "text-bg-primary",
    Status.ON_HOLD: "text-bg-secondary",
    Status.COMPLETED: "text-bg-success",
}


@register.filter
def status_badge(status: str) -> str:
    return _BADGE.get(status, "text-bg-dark")


@register.simple_tag
def status_explanation(referral) -> str:
    """One sentence on where the referral is and who acts next."""
    provider = referral.provider_organisation.name
    if referral.status == Status.DRAFT:
        return "Not sent yet: only the referrer's organisation can see it."
    if referral.status == Status.SENT:
        days = settings.REFERRAL_EXPIRY_DAYS
        expires = timezone.localtime(referral.sent_at + timedelta(days=days)) if referral.sent_at else None
        when = f" If nobody answers, it expires on {format_date(expires, 'j F Y')}." if expires else ""
        return f"Waiting for {provider} to accept or decline it.{when}"
    if referral.status == Status.ACCEPTED:
        return f"{provider} accepted it and will contact the person."
    if referral.status == Status.CONTACTED:
        return f"{provider} has been in touch with the person."
    if referral.status == Status.IN_PROGRESS:
        return f"The person is getting support from {provider}."
    if referral.status == Status.ON_HOLD:
        return f"Support from {provider} is paused for now."
    return "This referral is closed: nothing more happens to it."


@register.filter
def age_on(date_of_birth) -> int:
    """Whole years since a date of birth, today."""
    today = timezone.localdate()
    return (
        today.year
        - date_of_birth.year
        - ((today.month, today.day) < (date_of_birth.month, date_of_birth.day))
    )


@register.filter
def element_labels(person) -> list[str]:
    return [Element(element).label for element in person.elements_sought()]


@register.filter
def event_words(event) -> str:
    """What happened, in words: "Accepted", "Contact attempt: no answer"."""
    if event.kind == EventKind.TRANSITION and event.to_status:
        return Status(event.to_status).label
    if event.kind == EventKind.CONTACT_ATTEMPT and event.contact_outcome:
        return f"Contact attempt: {event.get_contact_outcome_display().lower()}"
    return event.get_kind_display()
