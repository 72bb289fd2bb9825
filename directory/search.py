"""The service search behind /services/: text, place, filters, facets and order, in a few queries.

PostgreSQL: a weighted tsvector (kept by a trigger) matched with websearch_to_tsquery in English,
with a small synonym list; ts_rank blended with distance decay and freshness; trigram "did you
mean" for typos. SQLite: the same page and parameters with a simpler word match and ranking.

One search costs at most eight queries: the postcode (1) and the services near it or covering
its area (1); the total with every facet count (1); for place searches sorted by distance or
relevance, the ordered ids (1); the page (1) and its locations (1). A typo adds the suggestion (1),
and only when the original found nothing does the corrected search run (its count, ids, page and
locations: the original needed none of those).
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Avg,
    BooleanField,
    Case,
    Count,
    F,
    FloatField,
    Min,
    Prefetch,
    Q,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import ASin, Cast, Cos, Radians, Sin, Sqrt
from django.http import QueryDict
from django.utils import timezone

from directory.choices import AreaKind, DeliveryMode, Element, Structure
from directory.filters import DEFAULT_RADIUS_KM, FACETS, ServiceFilter, conditions
from directory.models import (
    Location,
    Postcode,
    SearchWord,
    Service,
    ServiceArea,
    ServiceAtLocation,
    delivered_by_any,
    element_field,
    mode_field,
)
from directory.pagination import beyond_the_end, parse_page_number

PAGE_SIZE = 20
EARTH_RADIUS_KM = 6371.0
# Fewer results than this and we look for a spelling correction.
FEW_RESULTS = 3

# Words people use for the same need. A search for any one finds listings that use the others.
SYNONYMS = [
    ("lonely", "loneliness", "isolation", "isolated"),
    ("bereaved", "bereavement", "grief", "grieving"),
    ("carer", "carers", "caring"),
    ("men's shed", "mens shed", "shed", "sheds"),
    ("befriending", "befriender", "befrienders"),
    ("peer", "lived experience"),
    ("cafe", "café", "cafes", "cafés"),
]
_SYNONYMS_OF = {word: group for group in SYNONYMS for word in group}
_PHRASES = sorted((word for word in _SYNONYMS_OF if " " in word), key=len, reverse=True)
STOP_WORDS = {"a", "an", "and", "for", "in", "of", "on", "the", "to", "with", "near", "me", "or", "my"}


@dataclass
class Origin:
    """Where the person searches from: a postcode's centre and its council and health board."""

    label: str
    latitude: float
    longitude: float
    council_code: str
    health_board_code: str

    @property
    def in_scotland(self) -> bool:
        return self.council_code.startswith("S")


@dataclass
class FacetOption:
    key: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    filterset: ServiceFilter
    page: Page | None = None
    total: int = 0
    facets: dict[str, list[FacetOption]] = field(default_factory=dict)
    origin: Origin | None = None
    radius: int = DEFAULT_RADIUS_KM
    sort: str = "name"
    messages: dict[str, str] = field(default_factory=dict)  # parameter -> what is wrong
    page_error: str = ""
    suggestion: str = ""  # a corrected query, offered as "did you mean"
    corrected_from: str = ""  # set when the results shown are for the suggestion
    status: int = 200

    @property
    def services(self) -> list[Service]:
        return list(self.page) if self.page is not None else []


# --- place -------------------------------------------------------------------------------------


def resolve_origin(kind: str, code: str) -> Origin | None:
    """One query: a full postcode's row, or the average of the postcodes in an outward code."""
    if kind == "full":
        row = Postcode.objects.filter(postcode=code).values_list(
            "latitude", "longitude", "council_code", "health_board_code"
        )
        row = row.first()
        return Origin(code, float(row[0]), float(row[1]), row[2], row[3]) if row else None
    groups = list(
        Postcode.objects.filter(outward=code)
        .values("council_code", "health_board_code")
        .annotate(n=Count("pk"), lat=Avg("latitude"), lng=Avg("longitude"))
        .order_by("-n")
    )
    if not groups:
        return None
    n = sum(group["n"] for group in groups)
    latitude = sum(float(group["lat"]) * group["n"] for group in groups) / n
    longitude = sum(float(group["lng"]) * group["n"] for group in groups) / n
    return Origin(code, latitude, longitude, groups[0]["council_code"], groups[0]["health_board_code"])


def haversine_km(latitude: float, longitude: float, lat_field: str, lng_field: str):
    """Great-circle distance in km from a point to a row's coordinates, as a SQL expression."""
    lat1, lng1 = math.radians(latitude), math.radians(longitude)
    lat2 = Radians(Cast(lat_field, FloatField()))
    lng2 = Radians(Cast(lng_field, FloatField()))
    dlat = (lat2 - Value(lat1)) / Value(2.0)
    dlng = (lng2 - Value(lng1)) / Value(2.0)
    a = Sin(dlat) * Sin(dlat) + Value(math.cos(lat1)) * Cos(lat2) * Sin(dlng) * Sin(dlng)
    return Value(2.0 * EARTH_RADIUS_KM) * ASin(Sqrt(a))


def bounding_box(latitude: float, longitude: float, radius_km: float) -> dict:
    """A lat/lng box around the circle, so the indexed columns narrow the rows before any trig."""
    dlat = radius_km / 111.2
    dlng = radius_km / (111.2 * max(math.cos(math.radians(latitude)), 0.01))
    return {
        "location__latitude__range": (latitude - dlat, latitude + dlat),
        "location__longitude__range": (longitude - dlng, longitude + dlng),
    }


NEAR, COVERS, NATIONAL = 0, 1, 2


@dataclass
class Places:
    """The services a place search may show: each one's place rank, and distance when near."""

    rank: dict[int, int]
    km: dict[int, float]

    def factor(self, service_id: int) -> float:
        """Distance decay for relevance: 1 at the door, 0.5 at 5 km; area and national below."""
        rank = self.rank[service_id]
        if rank == NEAR:
            return 1.0 / (1.0 + self.km[service_id] / 5.0)
        return 0.3 if rank == COVERS else 0.25

    def describe(self, service: Service) -> None:
        service.place_rank = self.rank[service.pk]
        service.distance_km = self.km.get(service.pk)


def find_places(origin: Origin, radius: int) -> Places:
    """One query over three small indexed sets: locations inside the bounding box and within the
    radius (the only rows any trigonometry runs on), services covering the origin's council or
    health board, and national services. No row of the service table is read here."""
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


# --- text --------------------------------------------------------------------------------------


def parse_terms(text: str) -> tuple[list[tuple[str, ...]], list[str]]:
    """Split a search into AND-ed groups of alternatives (synonyms, "or"), and excluded words."""
    text = text.lower()
    groups: list[tuple[str, ...]] = []
    for phrase in re.findall(r'"([^"]+)"', text):
        groups.append((phrase.strip(),))
    text = re.sub(r'"[^"]*"', " ", text)
    for phrase in _PHRASES:
        if phrase in text:
            groups.append(_SYNONYMS_OF[phrase])
            text = text.replace(phrase, " ")
    excluded = [word[1:] for word in re.findall(r"(?<!\S)-[\w']+", text)]
    text = re.sub(r"(?<!\S)-[\w']+", " ", text)
    join_next = False
    for word in re.findall(r"[\w']+", text):
        if word == "or" and groups:
            join_next = True
            continue
        if word in STOP_WORDS:
            continue
        alternatives = _SYNONYMS_OF.get(word, (word,))
        if join_next:
            groups[-1] = tuple(dict.fromkeys(groups[-1] + alternatives))
            join_next = False
        else:
            groups.append(alternatives)
    return groups[:10], excluded[:5]


def _postgres_text(queryset, groups, excluded):
    query = None
    for alternatives in groups:
        either = None
        for alternative in alternatives:
            part = SearchQuery(alternative, search_type="websearch", config="english")
            either = part if either is None else either | part
        query = either if query is None else query & either
    for word in excluded:
        part = ~SearchQuery(word, search_type="plain", config="english")
        query = part if query is None else query & part
    return queryset.filter(search_vector=query).annotate(text_rank=SearchRank(F("search_vector"), query))


def _contains_any(field_name: str, alternatives) -> Q:
    condition = Q()
    for alternative in alternatives:
        condition |= Q(**{f"{field_name}__icontains": alternative})
    return condition


# Words that name a way of delivering support, as the PostgreSQL document includes them.
MODE_WORDS = {
    "group": "group",
    "groups": "group",
    "one-to-one": "one_to_one",
    "phone": "phone",
    "telephone": "phone",
    "online": "online",
    "chat": "text_chat",
    "text": "text_chat",
}


def _simple_text(queryset, groups, excluded):
    """SQLite: every group must appear somewhere; a hit in the name counts most, then the summary."""
    rank = Value(0.0)
    for alternatives in groups:
        in_name = _contains_any("name", alternatives)
        in_summary = _contains_any("summary", alternatives)
        modes = [MODE_WORDS[word] for word in alternatives if word in MODE_WORDS]
        by_mode = delivered_by_any(modes) if modes else Q(pk__in=[])
        queryset = queryset.filter(
            in_name | in_summary | _contains_any("description", alternatives) | by_mode
        )
        rank = rank + Case(
            When(in_name, then=Value(1.0)),
            When(in_summary, then=Value(0.4)),
            default=Value(0.1),
            output_field=FloatField(),
        )
    for word in excluded:
        queryset = queryset.exclude(_contains_any("name", [word]) | _contains_any("description", [word]))
    return queryset.annotate(text_rank=rank)


def _annotate_text(queryset, text: str):
    groups, excluded = parse_terms(text)
    if not groups and not excluded:
        return queryset.annotate(text_rank=Value(1.0, output_field=FloatField()))
    if connection.vendor == "postgresql":
        return _postgres_text(queryset, groups, excluded)
    return _simple_text(queryset, groups, excluded)


def _best_candidate(word: str, candidates: list[tuple[str, int]]) -> str:
    """The likeliest intended word: closest spelling, then same first letter, then most used."""
    best, best_score = "", 0.0
    for candidate, uses in candidates:
        closeness = difflib.SequenceMatcher(None, word, candidate).ratio()
        if closeness < 0.7:
            continue
        score = closeness + (0.05 if candidate[0] == word[0] else 0) + 0.02 * math.log10(uses + 1)
        if score > best_score:
            best, best_score = candidate, score
    return best


def suggest(text: str) -> str:
    """A corrected search, word by word, from the listings' own words; "" when nothing is better."""
    # Accents are folded first, so "cafeé" is a misspelling of a word, not a word plus a stray letter.
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [
        word for word in re.findall(r"[a-z']+", text.lower()) if len(word) >= 4 and word not in STOP_WORDS
    ]
    if not words:
        return ""
    candidates: dict[str, list[tuple[str, int]]] = {}
    if connection.vendor == "postgresql":
        # One query: for each word, the eight nearest by trigram distance (and the word itself
        # first when the listings use it, since a known word needs no correction).
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT w.input, near.word, near.services
                  FROM unnest(%s::text[]) AS w(input)
                  CROSS JOIN LATERAL (
                    SELECT s.word, s.services FROM directory_searchword s
                     ORDER BY s.word <-> w.input LIMIT 8) AS near
                """,
                [words],
            )
            for typed, candidate, uses in cursor.fetchall():
                candidates.setdefault(typed, []).append((candidate, uses))
    else:
        vocabulary = dict(SearchWord.objects.values_list("word", "services"))
        for word in words:
            close = difflib.get_close_matches(word, list(vocabulary), n=8, cutoff=0.7)
            candidates[word] = [(candidate, vocabulary[candidate]) for candidate in close]
    fixes = {}
    for word in words:
        near = candidates.get(word, [])
        if any(candidate == word for candidate, _ in near):
            continue
        best = _best_candidate(word, near)
        if best:
            fixes[word] = best
    if not fixes:
        return ""
    corrected = re.sub(r"[A-Za-z']+", lambda match: fixes.get(match.group(0).lower(), match.group(0)), text)
    return corrected if corrected.lower() != text.lower() else ""


# --- the search --------------------------------------------------------------------------------


def _freshness():
    today = timezone.localdate()
    stale = today - timedelta(days=settings.LISTING_STALE_AFTER_DAYS)
    return Case(
        When(last_reviewed__gte=stale, then=Value(1.0)),
        When(last_reviewed__gte=today - timedelta(days=365), then=Value(0.8)),
        default=Value(0.6),
        output_field=FloatField(),
    )


def _facet_counts(queryset, chosen: dict[str, Q]) -> tuple[int, dict[str, dict[str, int]]]:
    """The total and every facet option's count, in one query with FILTER clauses."""

    def others(dimension):
        condition = Q()
        for name, other in chosen.items():
            if name != dimension:
                condition &= other
        return condition

    options = {
        "element": {key: Q(**{element_field(key): True}) for key in Element.values},
        "structure": {key: Q(structure=key) for key in Structure.values},
        "mode": {key: Q(**{mode_field(key): True}) for key in DeliveryMode.values},
        "peer_led": {"1": Q(peer_led=True)},
    }
    aggregates = {"total": Count("pk", filter=others(None))}
    for dimension, choices in options.items():
        rest = others(dimension)
        for key, condition in choices.items():
            aggregates[f"{dimension}:{key}"] = Count("pk", filter=condition & rest)
    counts = queryset.aggregate(**aggregates)
    facets = {dimension: {} for dimension in options}
    for name, value in counts.items():
        if ":" in name:
            dimension, key = name.split(":")
            facets[dimension][key] = value
    return counts["total"], facets


def _id_in(ids: list[int]):
    """`id IN ids` for a candidate set that may run to tens of thousands. PostgreSQL takes the
    list as one array parameter rather than one parameter per id."""
    if connection.vendor == "postgresql":
        return RawSQL('"directory_service"."id" = ANY(%s)', (ids,), output_field=BooleanField())
    return Q(pk__in=ids)


def _page_ids(queryset, sort: str, places: Places | None, start: int) -> list[int] | None:
    """For place searches sorted by distance or relevance, the page's ids in order, or None
    when the database can order the page itself. Only ids, names and scores cross the wire."""
    if places is None or sort not in {"distance", "relevance"}:
        return None
    if sort == "distance":
        rows = queryset.values_list("pk", "name")
        key = lambda row: (places.rank[row[0]], places.km.get(row[0], 0.0), row[1], row[0])  # noqa: E731
    else:
        rows = queryset.values_list("pk", "name", "score")
        key = lambda row: (-row[2] * places.factor(row[0]), row[1], row[0])  # noqa: E731
    return [row[0] for row in sorted(rows, key=key)[start : start + PAGE_SIZE]]


def _order(queryset, sort: str):
    if sort == "checked":
        return queryset.order_by(F("last_reviewed").desc(nulls_last=True), "name", "pk")
    if sort == "relevance":
        return queryset.order_by("-score", "name", "pk")
    return queryset.order_by("name", "pk")


def _run(data: dict, text: str, places: Places | None, sort: str, page_number: int):
    queryset = Service.objects.published()
    chosen = conditions(data)
    for name, condition in chosen.items():
        if name not in FACETS:
            queryset = queryset.filter(condition)
    facet_conditions = {name: condition for name, condition in chosen.items() if name in FACETS}
    if places is not None:
        queryset = queryset.filter(_id_in(list(places.rank)))
    queryset = _annotate_text(queryset, text).annotate(score=F("text_rank") * _freshness())

    total, facet_counts = _facet_counts(queryset, facet_conditions)
    for condition in facet_conditions.values():
        queryset = queryset.filter(condition)
    paginator = Paginator(queryset, PAGE_SIZE)
    paginator.__dict__["count"] = total  # known from the facet query: no second COUNT
    if not total or page_number > paginator.num_pages:
        return total, facet_counts, (Page([], 1, paginator) if page_number == 1 else None), paginator

    start = (page_number - 1) * PAGE_SIZE
    ids = _page_ids(queryset, sort, places, start)
    rows = (
        Service.objects.filter(pk__in=ids)
        if ids is not None
        else _order(queryset, sort)[start : start + PAGE_SIZE]
    )
    rows = list(
        rows.select_related("organisation").prefetch_related(
            Prefetch(
                "locations",
                queryset=Location.objects.only(
                    "id", "name", "town", "postcode", "latitude", "longitude", "hide_exact_address"
                ),
            )
        )
    )
    if ids is not None:
        position = {service_id: index for index, service_id in enumerate(ids)}
        rows.sort(key=lambda service: position[service.pk])
    if places is not None:
        for service in rows:
            places.describe(service)
    return total, facet_counts, Page(rows, page_number, paginator), paginator


def _facet_options(data: dict, counts: dict[str, dict[str, int]]) -> dict[str, list[FacetOption]]:
    labels = {
        "element": Element.choices,
        "structure": Structure.choices,
        "mode": DeliveryMode.choices,
        "peer_led": [("1", "Peer-led (run by people with lived experience)")],
    }
    facets = {}
    for dimension, choices in labels.items():
        chosen = data.get(dimension)
        selected = {"1"} if dimension == "peer_led" and chosen else set(chosen or [])
        facets[dimension] = [
            FacetOption(key, str(label), counts[dimension].get(key, 0), key in selected)
            for key, label in choices
        ]
    return facets


def search_services(params: QueryDict) -> SearchResult:
    """Run the search a /services/ URL describes. Bad parameters are reported, never raised."""
    filterset = ServiceFilter(params, queryset=Service.objects.none())
    form = filterset.form
    form.is_valid()
    data = form.cleaned_data
    result = SearchResult(filterset=filterset)
    result.messages = {name: " ".join(errors) for name, errors in form.errors.items()}

    text = data.get("q") or ""
    result.radius = data.get("radius") or DEFAULT_RADIUS_KM
    if data.get("postcode"):
        kind, code = data["postcode"]
        result.origin = resolve_origin(kind, code)
        if result.origin is None:
            result.messages["postcode"] = (
                f"We could not find {code}. Check the postcode, or try just its first half, such as DD4."
            )
    sort = data.get("sort") or ("relevance" if text else "distance" if result.origin else "name")
    if sort == "distance" and result.origin is None:
        sort = "relevance" if text else "name"
    result.sort = sort

    page_number, result.page_error = parse_page_number(params)

    places = find_places(result.origin, result.radius) if result.origin else None
    total, counts, page, paginator = _run(data, text, places, sort, page_number)
    if text and total < FEW_RESULTS and not result.page_error:
        result.suggestion = suggest(text)
        if result.suggestion and total == 0:
            result.corrected_from = text
            total, counts, page, paginator = _run(data, result.suggestion, places, sort, page_number)
    result.total, result.page = total, page
    result.facets = _facet_options(data, counts)
    if page is None and not result.page_error:
        result.page_error = beyond_the_end(page_number, paginator.num_pages)
        result.status = 404
    if result.page_error and result.status == 200:
        result.status = 400
    if result.messages:
        result.status = 400
    return result
