"""Near a postcode, beyond the results: what is nearest, what reaches you by phone or online, and
how a group that meets in a home is placed without giving the home away.

page.search_services calls these (page._near_groups) once it has the results of a postcode
search, after any correction or widening, and before it reads the page's services:

groups_after() reads, from the services matching the same words and filters as the results shown
(after any correction or widening):

- the services delivered by phone, online or by text with no venue whose service area does not
  exclude the postcode ("Available by phone or online"; no area at all does not exclude it, an
  area of a council, health board or country that does not hold the postcode does), leaving out
  those already in the results, by name;
- which of the nearby results meet in a home (a location with hide_exact_address);
- only when fewer than FEW_INSIDE services are inside the radius: the nearest matches beyond it,
  nearest first.

On PostgreSQL that is one query, a union of the three; SQLite takes two.

A home never gives itself away. Its stored point is the centre of its grid cell, about 2 km
across (models.home_cell_centre), so every distance, the radius's edge included, is measured from
there; and its distance is shown and sorted in whole miles only (whole_miles_km), never finer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, F, FloatField, IntegerField, Min, OuterRef, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from directory.choices import AreaKind, DeliveryMode
from directory.models import ServiceArea, ServiceAtLocation, delivered_by_any
from directory.search.places import haversine_km
from directory.search.postgres import AT_ONE_PLACE, KM_SQL, area_codes
from directory.search.tsquery import _sql_condition

# Fewer services than this inside the radius and the page shows the nearest beyond it.
FEW_INSIDE = 3
# How many services each of the two groups shows at most.
NEAREST_BEYOND = 3
REMOTE_LIMIT = 5
# The nearest beyond the radius, on PostgreSQL: words in under this share of listings are
# collected and sorted by distance (a few hundred in 50,000 listings); commoner ones are met
# sooner walking outwards from the postcode (about 1 / share services until each is found).
COLLECT_BELOW_SHARE = 0.01
REMOTE_MODES = (DeliveryMode.PHONE, DeliveryMode.ONLINE, DeliveryMode.TEXT_CHAT)
KM_PER_MILE = 1.609344
_REMOTE, _HOME, _BEYOND = 0, 1, 2


def whole_miles_km(km: float) -> float:
    """The distance in whole miles (at least one), as km: how a home's distance is shown and sorted."""
    return max(1, round(km / KM_PER_MILE)) * KM_PER_MILE


def _covering_areas(origin) -> Q:
    """The areas that hold the origin: its council, its health board, the UK, and Scotland when
    the origin is in Scotland."""
    national = [AreaKind.UK, AreaKind.SCOTLAND] if origin.in_scotland else [AreaKind.UK]
    return (
        Q(kind=AreaKind.COUNCIL, code=origin.council_code)
        | Q(kind=AreaKind.HEALTH_BOARD, code=origin.health_board_code)
        | Q(kind__in=national)
    )


def _remote(matching, origin):
    """Services delivered by phone, online or by text, with no venue, that the origin's place
    does not rule out: no service area, or one that holds the origin (the portable way)."""
    areas = ServiceArea.objects.filter(service=OuterRef("pk"))
    return (
        matching.filter(delivered_by_any(REMOTE_MODES))
        .filter(~Exists(ServiceAtLocation.objects.filter(service=OuterRef("pk"))))
        .filter(~Exists(areas) | Exists(areas.filter(_covering_areas(origin))))
    )


def _remote_postgres(matching, origin):
    """_remote on PostgreSQL's derived columns (directory/sql/search.sql): no place (place_box),
    and the areas the service covers (place_areas) none, or one that holds the origin. The
    conditions repeat the predicate of the partial indexes service_remote_document_gin and
    service_remote_by_name, which hold only such services, so the planner can use them."""
    local, national = area_codes(origin)
    return (
        matching.filter(_sql_condition('"directory_service"."place_box" IS NULL', []))
        .filter(delivered_by_any(REMOTE_MODES))
        .filter(
            _sql_condition(
                '("directory_service"."place_areas" IS NULL OR "directory_service"."place_areas" && %s::text[])',
                [local + national],
            )
        )
        # A venue without coordinates has no place_box either, and is still a venue.
        .filter(~Exists(ServiceAtLocation.objects.filter(service=OuterRef("pk"))))
    )


def _homes_among(service_ids: list[int]):
    return ServiceAtLocation.objects.filter(service_id__in=service_ids, location__hide_exact_address=True)


def _rows(queryset, kind: int, service: str, name: str, km=None):
    """The same four columns from each branch of the union: service id, kind, name, km."""
    return queryset.annotate(
        row_service=F(service),
        row_kind=Value(kind, output_field=IntegerField()),
        row_name=F(name),
        row_km=km if km is not None else Cast(Value(None), FloatField()),  # typed, for the union
    ).values_list("row_service", "row_kind", "row_name", "row_km")


@dataclass
class Groups:
    remote: list[int] = field(default_factory=list)  # by name
    homes: set[int] = field(default_factory=set)  # which of the nearby results meet in a home
    # Nearest first: id -> km, as measured (a home's is put in whole miles when the page reads
    # its locations, and the group ordered again: page._paged).
    beyond: dict[int, float] = field(default_factory=dict)


def groups_after(
    matching,
    origin,
    radius: int,
    shown_ids: list[int],
    near_ids: list[int],
    *,
    beyond: bool,
    rare: bool,
    portable: bool,
) -> Groups:
    """The groups after a postcode search's results, from `matching` (the search's words and
    filters): the remote group (none of `shown_ids`), which of `near_ids` meet in a home, and,
    when `beyond`, the nearest beyond the radius. On PostgreSQL one query: a union of the three,
    each limited. `rare`: the words find few services, so the nearest beyond are found by
    collecting the matches and sorting them by distance, not by walking outwards from the
    postcode until enough match. The portable way (SQLite, whose unions take no limits): one
    query for the first two and one for the nearest beyond."""
    if portable:
        return _groups_portable(matching, origin, radius, shown_ids, near_ids, beyond)
    # The results' ids (up to SEARCH_RESULT_CAP) as one array each, not a list of parameters
    # that the ORM would prepare one by one.
    not_shown = _sql_condition('NOT ("directory_service"."id" = ANY(%s::integer[]))', [shown_ids])
    remote = _rows(
        _remote_postgres(matching, origin).filter(not_shown).order_by("name", "pk"),
        _REMOTE,
        "pk",
        "name",
    )[:REMOTE_LIMIT]
    homes = ServiceAtLocation.objects.filter(
        _sql_condition('"directory_serviceatlocation"."service_id" = ANY(%s::integer[])', [near_ids]),
        location__hide_exact_address=True,
    )
    union = [_rows(homes.order_by(), _HOME, "service_id", "service__name")]
    if beyond:
        union += _nearest_beyond_postgres(matching.filter(not_shown), origin, radius, rare)
    return _grouped(list(remote.union(*union, all=True)))


def _nearest_beyond_postgres(matching, origin, radius: int, rare: bool) -> list:
    """The nearest beyond the radius, as union branches of NEAREST_BEYOND rows each: when few
    services match, every match sorted by distance; else walking outwards through the point
    index (services at one place) beside the services at several places sorted by distance
    (a box is not a point; there are few of them). _grouped keeps the nearest."""
    here = [origin.latitude, origin.longitude]
    km = RawSQL(KM_SQL, here * 2, output_field=FloatField())  # noqa: S611 (fixed SQL, bound values)
    beyond = (
        matching.filter(_sql_condition('"directory_service"."place_box" IS NOT NULL', []))
        .annotate(beyond_km=km)
        .filter(beyond_km__gt=radius)
    )
    if rare:
        return [
            _rows(beyond.order_by("beyond_km", "pk"), _BEYOND, "pk", "name", F("beyond_km"))[:NEAREST_BEYOND]
        ]
    walk = RawSQL('"directory_service"."place_box" <-> ll_to_earth(%s, %s)', here)  # noqa: S611
    points = beyond.filter(_sql_condition(AT_ONE_PLACE, [])).order_by(walk)
    spread = beyond.filter(_sql_condition(f"NOT {AT_ONE_PLACE}", [])).order_by("beyond_km", "pk")
    return [_rows(rows, _BEYOND, "pk", "name", F("beyond_km"))[:NEAREST_BEYOND] for rows in (points, spread)]


def _grouped(rows) -> Groups:
    groups = Groups()
    remote = []
    for pk, kind, name, km in rows:
        if kind == _REMOTE:
            remote.append((name, pk))
        elif kind == _HOME:
            groups.homes.add(pk)
        else:
            groups.beyond[pk] = km
    groups.remote = [pk for _, pk in sorted(remote)][:REMOTE_LIMIT]
    nearest = sorted(groups.beyond.items(), key=lambda item: (item[1], item[0]))[:NEAREST_BEYOND]
    groups.beyond = dict(nearest)
    return groups


def _groups_portable(matching, origin, radius, shown_ids, near_ids, beyond: bool) -> Groups:
    remote = _rows(_remote(matching, origin).exclude(pk__in=shown_ids).order_by(), _REMOTE, "pk", "name")
    homes = _rows(_homes_among(near_ids).order_by(), _HOME, "service_id", "service__name")
    groups = _grouped(list(remote.union(homes, all=True)))
    if beyond:
        km = Min(
            haversine_km(origin.latitude, origin.longitude, "locations__latitude", "locations__longitude")
        )
        nearest = (
            matching.exclude(pk__in=shown_ids)
            .filter(locations__latitude__isnull=False)
            .annotate(beyond_km=km)
            .filter(beyond_km__gt=radius)
            .order_by("beyond_km", "name", "pk")
        )
        groups.beyond = _grouped(
            _rows(nearest, _BEYOND, "pk", "name", F("beyond_km"))[:NEAREST_BEYOND]
        ).beyond
    return groups


def is_home(service) -> bool:
    """Whether any of the service's (prefetched) locations is a home, its address hidden."""
    return any(location.hide_exact_address for location in service.locations.all())
