"""Display helpers for directory templates. Kept here, and tested, rather than as template logic."""

from django import template
from django.conf import settings
from django.http import QueryDict
from django.utils import timezone

from directory.choices import Capacity, Cost, DeliveryMode, Frequency, Weekday
from directory.crisis import CRISIS_CONTACTS
from directory.filters import conditions

register = template.Library()

CAPACITY_BADGE = {
    Capacity.OPEN: "text-bg-success",
    Capacity.WAITING_LIST: "text-bg-warning",
    Capacity.FULL: "text-bg-danger",
    Capacity.TEMPORARILY_CLOSED: "text-bg-secondary",
}


@register.filter
def capacity_badge(service) -> str:
    """The Bootstrap badge class for a service's capacity."""
    return CAPACITY_BADGE.get(service.capacity, "text-bg-secondary")


@register.filter
def capacity_text(service) -> str:
    """'Waiting list: about 6 weeks' rather than a bare label, where the wait is known."""
    if service.capacity == Capacity.WAITING_LIST and service.waiting_weeks:
        weeks = service.waiting_weeks
        return f"Waiting list: about {weeks} week{'s' if weeks != 1 else ''}"
    return service.get_capacity_display()


@register.filter
def age_range(service) -> str:
    low, high = service.age_min, service.age_max
    if low is None and high is None:
        return "All ages"
    if high is None:
        return f"Ages {low} and over"
    if low is None or low == 0:
        return f"Ages up to {high}"
    return f"Ages {low} to {high}"


@register.filter
def cost_text(service) -> str:
    """'Low cost: £4 for lunch'; and where the listing does not say, plainly that it does not."""
    if service.cost == Cost.NOT_STATED:
        return f"Not stated: {service.cost_note}" if service.cost_note else "Not stated. Ask the service."
    label = service.get_cost_display()
    return f"{label}: {service.cost_note}" if service.cost_note and service.cost != Cost.FREE else label


# Ways of delivery that need no place of the service's own.
REMOTE_MODES = {DeliveryMode.HOME_VISIT, DeliveryMode.PHONE, DeliveryMode.ONLINE, DeliveryMode.TEXT_CHAT}


@register.filter
def no_place_text(service) -> str:
    """What the page says when a listing gives no place: how a remote service works, or, for one
    met in person or in a group, that the service will say where."""
    modes = service.delivery_modes
    if modes and set(modes) <= REMOTE_MODES:
        return f"No fixed place: this service works by {labels(modes).lower()}."
    return "No address given: contact the service to find out where it meets."


@register.filter
def opening_text(opening) -> str:
    """One opening time in plain words, with its note and place: "Every other Tuesday 10:00–12:00
    (from 6 Jan 2026). Term time only. At St Aidan's Hall"."""
    parts = [opening.describe()]
    if opening.note:
        parts.append(opening.note)
    if opening.location_id is not None:
        parts.append(f"At {opening.location.name}")
    return ". ".join(parts)


CARD_OPENINGS = 3  # a result card lists this many opening times, then says how many more


def _days_text(days: list[int]) -> str:
    """ "Monday to Friday" for three days or more in a row; else "Tuesday and Thursday"."""
    names = [Weekday(day).label for day in days]
    if len(days) >= 3 and days == list(range(days[0], days[-1] + 1)):
        return f"{names[0]} to {names[-1]}"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _grouped(openings) -> list[str]:
    """Weekly openings with the same times share one line ("Monday to Friday 09:00–17:00");
    the others are described one by one, in the order given."""
    lines: list[str | tuple] = []
    weekly_at: dict[tuple, list[int]] = {}
    for opening in openings:
        if opening.frequency == Frequency.WEEKLY and opening.weekday is not None and opening.opens:
            key = (opening.opens, opening.closes)
            if key not in weekly_at:
                weekly_at[key] = []
                lines.append(key)
            if opening.weekday not in weekly_at[key]:
                weekly_at[key].append(opening.weekday)
        else:
            lines.append(opening.describe())
    return [
        line
        if isinstance(line, str)
        else f"{_days_text(sorted(weekly_at[line]))} {line[0]:%H:%M}–{line[1]:%H:%M}"
        for line in lines
    ]


@register.filter
def opening_summary(service) -> str:
    """When a service meets, in one line for a result card: "Monday to Friday 09:00–17:00; First
    Monday of the month 14:00–16:00", the first few and how many more; "" when it gives no times.
    Reads the prefetched opening_times, so a page of cards costs one query for all their times."""
    times = _grouped(service.opening_times.all())
    if len(times) > CARD_OPENINGS:
        more = len(times) - CARD_OPENINGS
        return "; ".join(times[:CARD_OPENINGS]) + f"; and {more} more time{'s' if more != 1 else ''}"
    return "; ".join(times)


@register.simple_tag
def safeguards(service) -> list[tuple[str, bool]]:
    """Each declared safeguard as (plain description, has it), in the order of DOMAIN.md's risks."""
    return [
        ("A confidentiality policy", service.has_confidentiality_policy),
        ("Trained volunteers", service.trained_volunteers),
        ("Supervision for volunteers and staff", service.supervision),
        ("A boundaries or code-of-conduct policy", service.has_boundaries_policy),
        ("Volunteers checked under the PVG scheme", service.pvg_checked_volunteers),
        ("A named safeguarding lead", service.has_safeguarding_lead),
    ]


@register.filter
def labels(choices) -> str:
    """'Group, Phone' for a list of choices, in plain words rather than their keys."""
    return ", ".join(str(choice.label) for choice in choices)


@register.simple_tag
def replace_param(query_string: str, name: str, value) -> str:
    """The query string with one parameter set to `value` (and the page reset), for links."""
    params = QueryDict(query_string, mutable=True)
    params[name] = value
    params.pop("page", None)
    return params.urlencode()


KM_PER_MILE = 1.609344


def _number(value: float, places: int) -> str:
    """ "3.2", or "3" rather than "3.0"."""
    text = f"{value:.{places}f}"
    return text[:-2] if text.endswith(".0") else text


@register.filter
def distance(km, whole="") -> str:
    """A distance as people in the UK read it, miles first with km beside: "3.2 miles (5.1 km)",
    "1 mile (1.6 km)", "6.2 miles (10 km)". Every distance on the site is written by this filter.
    `whole` ("whole"): whole miles only, at least 1, with the km worked out from those miles rather
    than from the exact distance, so the text gives away nothing finer than a mile: for a group
    that meets in a home, `{{ km|distance:"whole" }}` gives "3 miles (4.8 km)"."""
    km = float(km)
    if whole:
        miles = max(1, round(km / KM_PER_MILE))
        miles_text, km_text = str(miles), _number(miles * KM_PER_MILE, 1)
    elif km / KM_PER_MILE < 0.05:
        return f"under 0.1 miles ({_number(0.1 * KM_PER_MILE, 1)} km)"
    else:
        miles_text, km_text = _number(km / KM_PER_MILE, 1), _number(km, 1)
    unit = "mile" if miles_text == "1" else "miles"
    return f"{miles_text} {unit} ({km_text} km)"


@register.filter
def place_text(service) -> str:
    """Where a search result is, from the searcher: '0.4 miles (0.7 km) away', 'Covers your area',
    'National'. A group that meets in a home: whole miles only ('3 miles (4.8 km) away')."""
    rank = getattr(service, "place_rank", None)
    if rank == 0 and service.distance_km is not None:
        whole = "whole" if getattr(service, "distance_whole", False) else ""
        return f"{distance(service.distance_km, whole)} away"
    return {1: "Covers your area", 2: "National"}.get(rank, "")


# The search itself, not filters on it: they do not count towards "Filters (n)".
NOT_FILTERS = {"q", "postcode", "radius", "sort"}


@register.simple_tag
def applied_filter_count(form) -> int:
    """How many filters a search applies, for the "Filters (n)" button: each ticked option of a
    group counts once, as does each other filter in use ("Free only", a day). Read from
    filters.conditions, the filters the search really applies, so a new filter counts too."""
    data = getattr(form, "cleaned_data", None) or {}
    return sum(len(data[name]) if isinstance(data[name], list | tuple) else 1 for name in conditions(data))


@register.filter
def has_filter_error(messages) -> bool:
    """Whether any of a search's error messages is about a filter (not the words, place or order)."""
    return any(name not in NOT_FILTERS for name in messages or {})


@register.simple_tag
def crisis_contacts():
    """The crisis lines shown before the results of a search that suggests a risk (crisis.py)."""
    return CRISIS_CONTACTS


@register.filter
def access_routes(service) -> list[str]:
    """How someone can get to a service, one plain sentence per route the listing accepts."""
    routes = []
    if service.self_referral:
        routes.append("You can contact them yourself.")
    if service.professional_referral:
        routes.append("A GP, link worker or other professional can refer you.")
    if service.accepts_supportmap_referrals:
        routes.append(f"Accepts referrals through {settings.SITE_NAME}.")
    return routes


@register.filter
def contact_lines(service) -> list[tuple[str, str]]:
    """The service's contact details as (label, value); the organisation's where it gives none."""
    lines = [
        (label, value)
        for label, value in (
            ("Ask for", service.contact_name),
            ("Phone", service.phone),
            ("Email", service.email),
            ("Website", service.website),
        )
        if value
    ]
    if len(lines) > (1 if service.contact_name else 0):
        return lines
    organisation = service.organisation
    return lines + [
        (f"{label} ({organisation.name})", value)
        for label, value in (
            ("Phone", organisation.phone),
            ("Email", organisation.email),
            ("Website", organisation.website),
        )
        if value
    ]


def _chosen(form, name: str) -> list[str]:
    """The labels of the options chosen for a multiple-choice filter, in the form's order."""
    keys = form.cleaned_data.get(name) or []
    return [str(label) for key, label in form.fields[name].choices if key in keys]


@register.simple_tag
def search_summary(form, result) -> list[tuple[str, str]]:
    """The search that produced a results page, in plain words, as (what, value) pairs: for the
    printed page, where the form itself is left out."""
    data = form.cleaned_data
    summary = []
    if result.corrected_from:
        summary.append(
            ("Words", f"“{result.suggestion}” (you typed “{result.corrected_from}”, which matched nothing)")
        )
    elif data.get("q"):
        summary.append(("Words", f"“{data['q']}”"))
    if result.origin is not None:
        summary.append(
            ("Place", f"Within {distance(result.radius)} of {result.origin.label}, or covering it")
        )
    for name, label in (
        ("element", "Kind of support"),
        ("structure", "Structure"),
        ("mode", "How it is delivered"),
        ("audience", "Especially for"),
        ("topic", "Can help with"),
    ):
        chosen = _chosen(form, name)
        if chosen:
            summary.append((label, ", ".join(chosen)))
    peer_led = data.get("peer_led")
    if peer_led is not None:
        summary.append(("Run by", "People with lived experience" if peer_led else "Not peer-led"))
    if data.get("day"):
        summary.append(("Open on", dict(form.fields["day"].choices)[data["day"]]))
    if data.get("time"):
        summary.append(("Time of day", dict(form.fields["time"].choices)[data["time"]]))
    if data.get("open_now"):
        # On paper "now" has passed: say when it was.
        summary.append(("Open now", f"Open at {timezone.localtime():%H:%M}, when this list was made"))
    also = [
        text
        for name, text in (
            ("free", "free"),
            ("accepts_referrals", f"accepting referrals through {settings.SITE_NAME}"),
            ("hide_full", "not full or closed"),
        )
        if data.get(name)
    ]
    if also:
        summary.append(("Only", ", ".join(also)))
    if not summary:
        summary.append(("Search", "All services, no filters"))
    sort = dict(form.fields["sort"].choices).get(result.sort)
    if sort:
        summary.append(("Order", sort))
    return summary
