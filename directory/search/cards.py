"""The services a page of result cards shows, with their locations and opening times, in one query.

A result card (templates/includes/_service_card.html) shows a service, its organisation, its
locations (towns, and a map pin) and its opening times ("When: ..."). Read with
prefetch_related that is three queries; here the page's services are read once, each row
carrying its locations and its opening times as two JSON arrays (JSONB_AGG on PostgreSQL,
JSON_GROUP_ARRAY on SQLite), which become model instances set as the prefetched
`service.locations.all()` and `service.opening_times.all()`, in the models' own order. Templates
and template tags read them exactly as they read a prefetch.

Only the fields a card reads are loaded (CARD_LOCATION_FIELDS, every field of an opening time);
reading another field of a card's location would cost a query per location.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Aggregate, JSONField, OuterRef, Subquery
from django.db.models.functions import JSONObject

from directory.models import Location, OpeningTime, Service, ServiceAtLocation

# What a card, its map pin and its distance read of a location.
CARD_LOCATION_FIELDS = ("id", "name", "town", "postcode", "latitude", "longitude", "hide_exact_address")
OPENING_FIELDS = tuple(field.attname for field in OpeningTime._meta.concrete_fields)


class JSONRows(Aggregate):
    """The aggregated rows as one JSON array: JSON_GROUP_ARRAY on SQLite, JSONB_AGG on PostgreSQL
    (jsonb, which Django reads as text and decodes, as it does a JSONField)."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def _rows_of(queryset, group_by: str, fields: dict[str, str]) -> Subquery:
    """A subquery giving, for the outer service, the JSON array of `fields` of `queryset`'s rows."""
    return Subquery(
        queryset.order_by().values(group_by).annotate(rows=JSONRows(JSONObject(**fields))).values("rows")
    )


def _instances(model, rows, fields) -> list:
    """Model instances from JSON rows, each value read as its field reads a form's value (a time
    from "14:00:00", a decimal from a number), as if loaded from the database."""
    converters = [model._meta.get_field(name).to_python for name in fields]
    instances = []
    for row in rows or []:
        values = [convert(row.get(name)) for convert, name in zip(converters, fields, strict=True)]
        instances.append(model.from_db(connection.alias, list(fields), values))
    return instances


def _set_prefetched(service, name: str, model, instances: list) -> None:
    """Set `service.<name>.all()` to `instances` as prefetch_related would (no query when read)."""
    queryset = model.objects.none()
    queryset._result_cache = instances
    queryset._prefetch_done = True
    service._prefetched_objects_cache[name] = queryset


def _location_order(location: Location):
    return (location.town, location.name, location.pk)  # Location.Meta.ordering, then the id


def _opening_order(opening: OpeningTime):
    # OpeningTime.Meta.ordering: by weekday (no day last), then opening time, then id.
    return (opening.weekday is None, opening.weekday or 0, opening.opens is None, opening.opens, opening.pk)


def card_services(ids: list[int]) -> list[Service]:
    """The services with these ids, in this order, with their organisation, and their locations
    and opening times as prefetched: one query."""
    if not ids:
        return []
    location_fields = {name: f"location__{name}" for name in CARD_LOCATION_FIELDS}
    opening_fields = {name: name for name in OPENING_FIELDS}
    rows = (
        Service.objects.filter(pk__in=ids)
        .order_by()
        .select_related("organisation")
        .annotate(
            card_locations=_rows_of(
                ServiceAtLocation.objects.filter(service=OuterRef("pk")), "service", location_fields
            ),
            card_openings=_rows_of(
                OpeningTime.objects.filter(service=OuterRef("pk")), "service", opening_fields
            ),
        )
    )
    by_pk = {}
    for service in rows:
        service._prefetched_objects_cache = {}
        locations = _instances(Location, service.card_locations, CARD_LOCATION_FIELDS)
        openings = _instances(OpeningTime, service.card_openings, OPENING_FIELDS)
        _set_prefetched(service, "locations", Location, sorted(locations, key=_location_order))
        _set_prefetched(service, "opening_times", OpeningTime, sorted(openings, key=_opening_order))
        del service.card_locations, service.card_openings
        by_pk[service.pk] = service
    return [by_pk[pk] for pk in ids if pk in by_pk]
