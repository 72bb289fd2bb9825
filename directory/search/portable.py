"""The portable candidates: every match, read through the ORM (SQLite, and `portable=True`).

plan.Plan.fetch comes here when the search runs the portable way: on SQLite always, and on
PostgreSQL when asked (`search_services(..., portable=True)`; the tests compare the two ways
there). Near a postcode, find_places reads the services near, covering and national (one query).
The words are matched by sqlite.fts_text on SQLite (its FTS5 index), or by _simple_text here on
PostgreSQL's portable way (the ORM's word match, weighted as PostgreSQL's document is). Then
fetch_all reads every matching row as a candidates.Candidate (one query), with its place; ranking
orders and counts them, and plan cuts them to SEARCH_RESULT_CAP in Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, Exists, FloatField, IntegerField, Min, OuterRef, Q, Value, When

from directory.choices import AreaKind
from directory.models import Service, ServiceArea, ServiceAtLocation, delivered_by_any
from directory.search.candidates import (
    ANNOTATIONS,
    COVERS,
    FIELDS,
    NATIONAL,
    NEAR,
    NO_PLACE,
    Candidate,
    Fetched,
)
from directory.search.places import Origin, bounding_box, haversine_km

# Alternatives this short are matched as whole words by the portable search (a substring
# match would find "bi" inside "bike"); longer ones as substrings, which stands in for stemming.
SHORT_WORD = 3


def _whole_word(alternative: str) -> str:
    """A regular expression for the alternative as a whole word, in the database's dialect."""
    boundary = r"\y" if connection.vendor == "postgresql" else r"\b"
    return f"{boundary}{re.escape(alternative)}{boundary}"


def _contains_any(field_name: str, alternatives) -> Q:
    condition = Q()
    for alternative in alternatives:
        if len(alternative) <= SHORT_WORD and alternative.isalnum():
            condition |= Q(**{f"{field_name}__iregex": _whole_word(alternative)})
        else:
            condition |= Q(**{f"{field_name}__icontains": alternative})
    return condition


# The words PostgreSQL's search document adds for a service's ticked options (migrations 0004, 0008):
# ways of delivering support beside the summary, peer-led and mutual beside the description.
MODE_WORDS = {
    "person": "in_person",
    "in person": "in_person",
    "face": "in_person",
    "face to face": "in_person",
    "face-to-face": "in_person",
    "group": "group",
    "groups": "group",
    "one-to-one": "one_to_one",
    "home": "home_visit",
    "visit": "home_visit",
    "visits": "home_visit",
    "home visit": "home_visit",
    "phone": "phone",
    "telephone": "phone",
    "online": "online",
    "chat": "text_chat",
    "text": "text_chat",
    "text chat": "text_chat",
}
PEER_LED_WORDS = {"peer", "peer-led", "led", "lived", "experience", "lived experience"}
MUTUAL_WORDS = {"mutual", "support", "mutual support"}


def _named_tags(alternatives) -> Q:
    """Services with a topic or audience whose name contains one of the alternatives (their names
    are in PostgreSQL's document beside the summary)."""
    found = Q()
    for relation, column in (("topics", "topic"), ("audiences", "audience")):
        through = getattr(Service, relation).through.objects.filter(service=OuterRef("pk"))
        found |= Q(Exists(through.filter(_contains_any(f"{column}__name", alternatives))))
    return found


def _in_listing(alternatives) -> list[tuple[Q, float]]:
    """Where the alternatives may appear, each with its weight as PostgreSQL's document weighs it
    (ts_rank's defaults): the name; the summary; topics, audiences and ways of delivery; the
    description and the peer-led and mutual marks."""
    modes = [MODE_WORDS[word] for word in alternatives if word in MODE_WORDS]
    tags = _named_tags(alternatives)
    if modes:
        tags |= delivered_by_any(modes)
    rest = _contains_any("description", alternatives)
    if not PEER_LED_WORDS.isdisjoint(alternatives):
        rest |= Q(peer_led=True)
    if not MUTUAL_WORDS.isdisjoint(alternatives):
        rest |= Q(mutual=True)
    return [
        (_contains_any("name", alternatives), 1.0),
        (_contains_any("summary", alternatives), 0.4),
        (tags, 0.4),
        (rest, 0.2),
    ]


def _anywhere(parts: list[tuple[Q, float]]) -> Q:
    found = Q()
    for condition, _ in parts:
        found |= condition
    return found


def _simple_text(queryset, groups, excluded, widened: bool = False):
    """The portable way: every group must appear somewhere in the listing (widened: any group,
    and `covered` counts how many); its rank adds up the weights of the parts it appears in. An
    excluded word may be anywhere in the listing."""
    rank = Value(0.0)
    covered = Value(0)
    anywhere = Q()
    for alternatives in groups:
        parts = _in_listing(alternatives)
        if widened:
            anywhere |= _anywhere(parts)
            covered = covered + Case(When(_anywhere(parts), then=Value(1)), default=Value(0))
        else:
            queryset = queryset.filter(_anywhere(parts))
        for condition, weight in parts:
            rank = rank + Case(
                When(condition, then=Value(weight)), default=Value(0.0), output_field=FloatField()
            )
    if widened:
        queryset = queryset.filter(anywhere)
    else:
        covered = Value(len(groups))
    for word in excluded:
        queryset = queryset.exclude(_anywhere(_in_listing([word])))
    return queryset.annotate(text_rank=rank, covered=covered)


@dataclass
class Places:
    """The services a place search may show: each one's place rank, and distance when near."""

    rank: dict[int, int]
    km: dict[int, float]


def find_places(origin: Origin, radius: int) -> Places:
    """SQLite: one query over three indexed sets: locations inside the bounding box and within the
    radius (the only rows any trigonometry runs on), services covering the origin's council or
    health board, and national services. (PostgreSQL finds places inside the candidate query.)"""
    box = bounding_box(origin.latitude, origin.longitude, radius)
    km = haversine_km(origin.latitude, origin.longitude, "location__latitude", "location__longitude")
    near = (
        ServiceAtLocation.objects.filter(**box)
        .values("service_id")
        .annotate(place=Value(NEAR), km=Min(km))
        .filter(km__lte=radius)
        .values_list("service_id", "place", "km")
        .order_by()
    )
    local = Q(kind=AreaKind.COUNCIL, code=origin.council_code) | Q(
        kind=AreaKind.HEALTH_BOARD, code=origin.health_board_code
    )
    national_kinds = [AreaKind.UK, AreaKind.SCOTLAND] if origin.in_scotland else [AreaKind.UK]
    no_distance = Value(None, output_field=FloatField())
    covering = (
        ServiceArea.objects.filter(local)
        .annotate(place=Value(COVERS), km=no_distance)
        .values_list("service_id", "place", "km")
        .order_by()
    )
    national = (
        ServiceArea.objects.filter(kind__in=national_kinds)
        .annotate(place=Value(NATIONAL), km=no_distance)
        .values_list("service_id", "place", "km")
        .order_by()
    )
    places = Places(rank={}, km={})
    for service_id, place, distance in near.union(covering, national, all=True):
        if place < places.rank.get(service_id, NATIONAL + 1):
            places.rank[service_id] = place
        if distance is not None:
            places.km[service_id] = distance
    return places


def fetch_all(base, places, rank_annotated: bool) -> Fetched:
    """SQLite: every matching row, with its place from `places` (a portable.Places) when given."""
    if places is not None:
        base = base.filter(pk__in=list(places.rank))
    queryset = base.annotate(
        place=Value(NO_PLACE, output_field=IntegerField()), km=Value(None, output_field=FloatField())
    )
    if not rank_annotated:
        queryset = queryset.annotate(
            covered=Value(0, output_field=IntegerField()), text_rank=Value(1.0, output_field=FloatField())
        )
    rows = []
    for row in queryset.order_by().values_list(*FIELDS, *ANNOTATIONS):
        candidate = Candidate.from_row(row)
        if places is not None:
            candidate.place = places.rank[candidate.pk]
            candidate.km = places.km.get(candidate.pk)
        rows.append(candidate)
    return Fetched(rows, capped=False)
