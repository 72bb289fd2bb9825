"""The shortlist: services anyone collects, with or without an account, kept in the session.

The session lives in the database or the shared cache (settings.SESSION_ENGINE), so every app
server sees the same shortlist. Only service ids are kept: nothing about the person.
"""

from __future__ import annotations

SESSION_KEY = "shortlist"
MAX_SERVICES = 30


def service_ids(request) -> list[int]:
    ids = request.session.get(SESSION_KEY, [])
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
