"""The naive baseline: the same searches written the obvious way with the plain ORM.

Each word of q must appear (icontains) in the name, summary or description; the filters are plain
ORM filters; a postcode means a haversine distance over every located row, kept within the radius;
the total is an exact COUNT; and each facet is counted by its own query (5 element counts, a GROUP
BY for structure, 6 mode counts, a peer-led count). The page is the first 20 by name, or by
distance when there is a postcode.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, FloatField, Min, Q, QuerySet, Value
from django.db.models.functions import ASin, Cast, Cos, Power, Radians, Sin, Sqrt
from django.http import QueryDict

from directory.choices import Capacity, Cost, DeliveryMode, Element, Weekday
from directory.models import OpeningTime, Postcode, Service, element_field, mode_field
from directory.postcodes import InvalidPostcode, normalise_postcode

PAGE_SIZE = 20
DEFAULT_RADIUS_KM = 10
EARTH_RADIUS_KM = 6371.0
MAX_WORDS = 8
YES = {"1", "true", "on", "yes"}


@dataclass
class NaiveResult:
    services: list[Service]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    origin: tuple[float, float] | None = None


def resolve_postcode(raw: str) -> tuple[float, float] | None:
    """A full postcode's centre, or the average of the postcodes sharing an outward code."""
    text = raw.strip().upper()
    try:
        full = normalise_postcode(text)
    except InvalidPostcode:
        full = None
    if full:
        row = Postcode.objects.filter(postcode=full).values_list("latitude", "longitude").first()
        if row:
            return float(row[0]), float(row[1])
        outward = full.split(" ")[0]
    else:
        outward = text.replace(" ", "")
    centre = Postcode.objects.filter(outward=outward).aggregate(lat=Avg("latitude"), lng=Avg("longitude"))
    if centre["lat"] is None:
        return None
    return float(centre["lat"]), float(centre["lng"])


def haversine_km(latitude: float, longitude: float):
    """Distance in km from the point to each of a service's locations, as a SQL expression."""
    row_lat = Radians(Cast("locations__latitude", FloatField()))
    row_lng = Radians(Cast("locations__longitude", FloatField()))
    dlat = row_lat - Value(math.radians(latitude))
    dlng = row_lng - Value(math.radians(longitude))
    a = Power(Sin(dlat / Value(2.0)), 2) + Value(math.cos(math.radians(latitude))) * Cos(row_lat) * Power(
        Sin(dlng / Value(2.0)), 2
    )
    return Value(2 * EARTH_RADIUS_KM) * ASin(Sqrt(a))


def _weekday(raw: str) -> int | None:
    raw = raw.strip().lower()
    if raw.isdigit() and 0 <= int(raw) <= 6:
        return int(raw)
    names = {day.name.lower(): day.value for day in Weekday}
    return names.get(raw)


def _filtered(params: QueryDict) -> QuerySet:
    queryset = Service.objects.published()
    for word in params.get("q", "").split()[:MAX_WORDS]:
        queryset = queryset.filter(
            Q(name__icontains=word) | Q(summary__icontains=word) | Q(description__icontains=word)
        )
    elements = [key for key in params.getlist("element") if key in Element.values]
    if elements:
        queryset = queryset.offering_any(elements)
    structures = params.getlist("structure")
    if structures:
        queryset = queryset.filter(structure__in=structures)
    modes = [key for key in params.getlist("mode") if key in DeliveryMode.values]
    if modes:
        queryset = queryset.delivered_by_any(modes)
    if params.get("peer_led", "").lower() in YES:
        queryset = queryset.filter(peer_led=True)
    audiences = params.getlist("audience")
    if audiences:
        through = Service.audiences.through.objects.filter(audience__slug__in=audiences)
        queryset = queryset.filter(pk__in=through.values("service_id"))
    topics = params.getlist("topic")
    if topics:
        through = Service.topics.through.objects.filter(topic__slug__in=topics)
        queryset = queryset.filter(pk__in=through.values("service_id"))
    if params.get("free", "").lower() in YES:
        queryset = queryset.filter(cost=Cost.FREE)
    if params.get("accepts_referrals", "").lower() in YES:
        queryset = queryset.filter(accepts_supportmap_referrals=True)
    weekday = _weekday(params.get("day", ""))
    if weekday is not None:
        queryset = queryset.filter(pk__in=OpeningTime.objects.filter(weekday=weekday).values("service_id"))
    if params.get("hide_full", "").lower() in YES:
        queryset = queryset.exclude(capacity__in=[Capacity.FULL, Capacity.TEMPORARILY_CLOSED])
    return queryset


def _facets(matched: QuerySet) -> dict[str, dict[str, int]]:
    facets: dict[str, dict[str, int]] = {
        "element": {key: matched.filter(**{element_field(key): True}).count() for key in Element.values},
        "structure": dict(
            matched.order_by().values_list("structure").annotate(n=Count("id")).values_list("structure", "n")
        ),
        "mode": {key: matched.filter(**{mode_field(key): True}).count() for key in DeliveryMode.values},
        "peer_led": {"1": matched.filter(peer_led=True).count()},
    }
    return facets


def naive_search(params: QueryDict) -> NaiveResult:
    queryset = _filtered(params)
    origin = resolve_postcode(params["postcode"]) if params.get("postcode", "").strip() else None
    try:
        radius = int(params.get("radius", DEFAULT_RADIUS_KM))
    except ValueError:
        radius = DEFAULT_RADIUS_KM
    if origin is not None:
        queryset = queryset.annotate(distance_km=Min(haversine_km(*origin))).filter(distance_km__lte=radius)
        ordering = [F("distance_km").asc(), "name", "pk"]
    elif params.get("sort") == "checked":
        ordering = [F("last_reviewed").desc(), "name", "pk"]
    else:
        ordering = ["name", "pk"]

    total = queryset.count()
    matched = Service.objects.filter(pk__in=queryset.values("pk")) if origin is not None else queryset
    facets = _facets(matched)
    try:
        page = max(1, int(params.get("page", "1")))
    except ValueError:
        page = 1
    start = (page - 1) * PAGE_SIZE
    services = list(queryset.select_related("organisation").order_by(*ordering)[start : start + PAGE_SIZE])
    return NaiveResult(services=services, total=total, facets=facets, origin=origin)
