"""The shortlist: services anyone collects, with or without an account, kept in the session.

The session lives in the database or the shared cache (settings.SESSION_ENGINE), so every app
server sees the same shortlist. Only service ids are kept: nothing about the person.
"""

from __future__ import annotations

SESSION_KEY = "shortlist"
MAX_SERVICES = 30


def service_ids(request) -> list[int]:
    # A page refused before the session middleware runs (the sign-in rate limit's 429) has none.
    session = getattr(request, "session", None)
    if session is None:
        return []
    ids = session.get(SESSION_KEY, [])
    return [int(pk) for pk in ids if isinstance(pk, int) or str(pk).isdigit()]


def contains(request, service) -> bool:
    return service.pk in service_ids(request)


def add(request, service) -> bool:
    """Add a service; False if the shortlist is already full."""
    ids = service_ids(request)
    if service.pk in ids:
        return True
    if len(ids) >= MAX_SERVICES:
        return False
    request.session[SESSION_KEY] = [*ids, service.pk]
    return True


def remove(request, service) -> None:
    request.session[SESSION_KEY] = [pk for pk in service_ids(request) if pk != service.pk]


def clear(request) -> None:
    request.session.pop(SESSION_KEY, None)


def services(request) -> list:
    """The shortlisted services the public may still see, in the order they were added, with what
    the shortlist page shows (organisation, places, opening times, areas) in a fixed number of
    queries. Ids of services no longer published are dropped from the session."""
    from directory.models import Service

    ids = service_ids(request)
    if not ids:
        return []
    found = {
        service.pk: service
        for service in Service.objects.published()
        .filter(pk__in=ids, draft_of__isnull=True)
        .select_related("organisation")
        .prefetch_related("locations", "opening_times__location", "areas")
    }
    kept = [found[pk] for pk in ids if pk in found]
    if len(kept) != len(ids):
        request.session[SESSION_KEY] = [service.pk for service in kept]
    return kept


def short_link(path: str) -> str:
    """An absolute link for a text message, without "https://": phones link a bare address, and
    every character counts."""
    from django.conf import settings

    url = f"{settings.SITE_URL}{path}"
    return url.removeprefix("https://")


def contact_phone(service) -> str:
    return service.phone or service.organisation.phone


def sms_text(shortlisted) -> str:
    """One line per service, short enough for a text message or two: name, phone, link."""
    lines = []
    for service in shortlisted:
        phone = contact_phone(service)
        details = (
            [phone, short_link(service.get_absolute_url())]
            if phone
            else [short_link(service.get_absolute_url())]
        )
        lines.append(f"{service.name}: {' '.join(details)}")
    return "\n".join(lines)


def sms_count(text: str) -> int:
    """How many text messages this is: 160 characters for one, 153 each when split (GSM 7-bit);
    70 and 67 when a character needs Unicode."""
    if not text:
        return 0
    try:
        text.encode("ascii")
        single, part = 160, 153
    except UnicodeEncodeError:
        single, part = 70, 67
    length = len(text)
    return 1 if length <= single else -(-length // part)
