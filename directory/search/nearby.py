"""Near a postcode, beyond the results: what is nearest, what reaches you by phone or online, and
how a group that meets in a home is placed without giving the home away.

page.search_services calls these (page._near_groups) once it has the results of a postcode
search, after any correction or widening, and before it reads the page's services:

- remote_and_homes(): one query. The services delivered by phone, online or by text with no
  venue, matching the same words and filters as the results shown, whose service area does not
  exclude the postcode ("Available by phone or online"; no area at all does not exclude it, an
  area of a council, health board or country that does not hold the postcode does), leaving out
  those already in the results; and which of the nearby results meet in a home (a location with
  hide_exact_address).
- nearest_beyond(): one query, only when fewer than FEW_INSIDE services are inside the radius:
  the nearest matches beyond it, nearest first, with the same words and filters as the results
  shown (after any correction or widening).

A home never gives itself away. Its stored point is the centre of its grid cell, about 2 km
across (models.home_cell_centre), so every distance, the radius's edge included, is measured from
there; and its distance is shown and sorted in whole miles only (whole_miles_km), never finer.
"""

from __future__ import annotations

from django.db.models import BooleanField, Exists, FloatField, IntegerField, Min, OuterRef, Q, Value
from django.db.models.expressions import RawSQL

from directory.choices import AreaKind, DeliveryMode
from directory.models import ServiceArea, ServiceAtLocation, delivered_by_any
from directory.search.places import great_circle_km, haversine_km
from directory.search.postgres import KM_SQL

# Fewer services than this inside the radius and the page shows the nearest beyond it.
FEW_INSIDE = 3
# How many services each of the two groups shows at most.
NEAREST_BEYOND = 3
REMOTE_LIMIT = 5
REMOTE_MODES = (DeliveryMode.PHONE, DeliveryMode.ONLINE, DeliveryMode.TEXT_CHAT)
KM_PER_MILE = 1.609344
_REMOTE, _HOME = 0, 1


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
    does not rule out: no service area, or one that holds the origin."""
    areas = ServiceArea.objects.filter(service=OuterRef("pk"))
    return (
        matching.filter(delivered_by_any(REMOTE_MODES))
        .filter(~Exists(ServiceAtLocation.objects.filter(service=OuterRef("pk"))))
        .filter(~Exists(areas) | Exists(areas.filter(_covering_areas(origin))))
    )


def remote_and_homes(matching, origin, shown_ids: list[int], near_ids: list[int], portable: bool):
    """One query: the remote group's service ids (by name, at most REMOTE_LIMIT, none of
    `shown_ids`), and which of `near_ids` meet in a home."""
    remote = (
        _remote(matching, origin)
        .exclude(pk__in=shown_ids)
        .annotate(kind=Value(_REMOTE, output_field=IntegerField()))
        .values_list("pk", "kind", "name")
    )
    homes = (
        ServiceAtLocation.objects.filter(service_id__in=near_ids, location__hide_exact_address=True)
        .annotate(kind=Value(_HOME, output_field=IntegerField()))
        .values_list("service_id", "kind", "service__name")
        .order_by()
    )
    # PostgreSQL takes a limit inside a UNION; SQLite does not, and its directory is small.
    remote = remote.order_by() if portable else remote.order_by("name", "pk")[:REMOTE_LIMIT]
    rows = list(remote.union(homes, all=True))
    remote_rows = sorted((name, pk) for pk, kind, name in rows if kind == _REMOTE)
    return [pk for _, pk in remote_rows][:REMOTE_LIMIT], {pk for pk, kind, _ in rows if kind == _HOME}


def nearest_beyond(matching, origin, radius: int, shown_ids: list[int], portable: bool) -> dict[int, float]:
    """One query: the NEAREST_BEYOND matching services whose nearest location is beyond the
    radius, nearest first, as {service id: km} (a home's km in whole miles)."""
    homes = Exists(
        ServiceAtLocation.objects.filter(service=OuterRef("pk"), location__hide_exact_address=True)
    )
    candidates = matching.exclude(pk__in=shown_ids)
    if portable:
        km = Min(
            haversine_km(origin.latitude, origin.longitude, "locations__latitude", "locations__longitude")
        )
        rows = (
            candidates.filter(locations__latitude__isnull=False)
            .annotate(km=km, home=homes)
            .filter(km__gt=radius)
            .order_by("km", "name", "pk")
            .values_list("pk", "km", "home")[:NEAREST_BEYOND]
        )
    else:
        here = [origin.latitude, origin.longitude]
        km = RawSQL(KM_SQL, here * 2, output_field=FloatField())  # noqa: S611 (fixed SQL, bound values)
        rows = (
            candidates.filter(
                RawSQL('"directory_service"."place_box" IS NOT NULL', [], output_field=BooleanField())
            )
            .annotate(km=km, home=homes)
            .filter(km__gt=radius)
            # The GiST index walks outwards from the origin; the box of a service at several
            # places is nearer than its nearest place, so the true distances order them below.
            .order_by(RawSQL('"directory_service"."place_box" <-> ll_to_earth(%s, %s)', here), "pk")
            .values_list("pk", "km", "home")[:NEAREST_BEYOND]
        )
    found = {pk: (whole_miles_km(km) if home else km) for pk, km, home in rows}
    return dict(sorted(found.items(), key=lambda item: (item[1], item[0])))


def nearest_km(origin, locations) -> float | None:
    """The great-circle distance to the nearest of the locations (prefetched), or None."""
    distances = [
        great_circle_km(
            origin.latitude, origin.longitude, float(location.latitude), float(location.longitude)
        )
        for location in locations
        if location.latitude is not None
    ]
    return min(distances) if distances else None


def is_home(service) -> bool:
    """Whether any of the service's (prefetched) locations is a home, its address hidden."""
    return any(location.hide_exact_address for location in service.locations.all())
