"""The service search behind /services/: text, place, filters, facets and order, in a few queries.

PostgreSQL: a weighted tsvector (kept by a trigger) matched with websearch_to_tsquery in English,
with a small synonym list; ts_rank blended with distance decay and freshness; trigram "did you
mean" for typos. SQLite: the same page and parameters with a simpler word match and ranking.

A search works on a bounded set of candidates (directory.candidates): at most
SEARCH_RESULT_CAP services, the ones its order puts first. Counting, facets and the order are
worked out in Python over those narrow rows. When more services match, the page says "more
than" and its counts are lower bounds.

One search costs at most nine queries: the postcode (1); the candidates (1), and again with
the ticked element, structure, mode and peer-led filters when the first set was cut (1); the
page (1), its locations (1) and its opening times (1). A typo adds the suggestion (1), and only
when the original found nothing does the corrected search run (its candidates, page, locations
and times). SQLite adds
one query for the places near a postcode; on PostgreSQL, a search with words near a postcode
reads the listings' vocabulary once every ten minutes per process (search_words.word_shares).
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    FloatField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
)
from django.db.models.functions import ASin, Cast, Cos, Radians, Sin, Sqrt
from django.http import QueryDict

from directory.candidates import (
    COVERS,
    NATIONAL,
    NEAR,
    Candidate,
    Fetched,
    TextQuery,
    fetch_all,
    fetch_postgres,
    is_postgres,
    place_factor,
    tag_conditions,
)
from directory.choices import AreaKind, DeliveryMode, Element, Freshness, Structure
from directory.crisis import suggests_risk
from directory.filters import DEFAULT_RADIUS_KM, FACETS, ServiceFilter, conditions
from directory.models import (
    Location,
    Postcode,
    SearchWord,
    Service,
    ServiceArea,
    ServiceAtLocation,
    delivered_by_any,
)
from directory.pagination import beyond_the_end, parse_page_number
from directory.search_words import share_of_listings

PAGE_SIZE = 20
ELEMENT_KEYS, STRUCTURE_KEYS, MODE_KEYS = (
    tuple(Element.values),
    tuple(Structure.values),
    tuple(DeliveryMode.values),
)
EARTH_RADIUS_KM = 6371.0
# Fewer results than this and we look for a spelling correction.
FEW_RESULTS = 3
# Words found in at least this share of listings are common: near a postcode, walking outwards
# and checking each service finds enough of them sooner than collecting every match.
COMMON_WORDS_SHARE = 0.2

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
    at_least: bool = False  # the count is a lower bound: the search was cut


@dataclass
class SearchResult:
    filterset: ServiceFilter
    page: Page | None = None
    total: int = 0
    total_capped: bool = False  # more services match than `total`: the search was cut
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


def _contains_any(field_name: str, alternatives) -> Q:
    condition = Q()
    for alternative in alternatives:
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


def _simple_text(queryset, groups, excluded):
    """The portable way: every group must appear somewhere in the listing; its rank adds up the
    weights of the parts it appears in. An excluded word may be anywhere in the listing."""
    rank = Value(0.0)
    for alternatives in groups:
        parts = _in_listing(alternatives)
        queryset = queryset.filter(_anywhere(parts))
        for condition, weight in parts:
            rank = rank + Case(
                When(condition, then=Value(weight)), default=Value(0.0), output_field=FloatField()
            )
    for word in excluded:
        queryset = queryset.exclude(_anywhere(_in_listing([word])))
    return queryset.annotate(text_rank=rank)


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


def suggest(text: str, portable: bool = False) -> str:
    """A corrected search, word by word, from the listings' own words; "" when nothing is better.
    `portable`: compare spellings in Python, as on SQLite, whatever the database."""
    # Accents are folded first, so "cafeé" is a misspelling of a word, not a word plus a stray letter.
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [
        word for word in re.findall(r"[a-z']+", text.lower()) if len(word) >= 4 and word not in STOP_WORDS
    ]
    if not words:
        return ""
    candidates: dict[str, list[tuple[str, int]]] = {}
    if is_postgres() and not portable:
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


# Overdue listings (not confirmed for LISTING_CONFIRM_MONTHS, directory.freshness) rank lower:
# their text relevance counts for this much. Lapsed ones are not searched at all.
OVERDUE_RANK_FACTOR = 0.6


def freshness_factor(freshness: str) -> float:
    return OVERDUE_RANK_FACTOR if freshness == Freshness.OVERDUE else 1.0


def _facet_tests(data: dict) -> dict[str, Callable[[Candidate], bool]]:
    """The chosen facet filters as tests on a candidate row, keyed by dimension."""
    tests: dict[str, Callable[[Candidate], bool]] = {}
    if data.get("element"):
        elements = frozenset(data["element"])
        tests["element"] = lambda row: not elements.isdisjoint(row.elements)
    if data.get("structure"):
        structures = frozenset(data["structure"])
        tests["structure"] = lambda row: row.structure in structures
    if data.get("mode"):
        modes = frozenset(data["mode"])
        tests["mode"] = lambda row: not modes.isdisjoint(row.modes)
    if data.get("peer_led") is not None:
        peer_led = data["peer_led"]
        tests["peer_led"] = lambda row: row.peer_led == peer_led
    return tests


def count_facets(rows: list[Candidate], tests: dict) -> dict[str, dict[str, int]]:
    """Every facet option's count, each dimension with all the other chosen filters applied."""
    counts = {
        "element": dict.fromkeys(ELEMENT_KEYS, 0),
        "structure": dict.fromkeys(STRUCTURE_KEYS, 0),
        "mode": dict.fromkeys(MODE_KEYS, 0),
        "peer_led": {"1": 0},
    }
    for row in rows:
        failed = [dimension for dimension, test in tests.items() if not test(row)]
        if len(failed) > 1:
            continue  # fails two dimensions: no single option could bring it back
        allowed = failed or list(counts)
        if "element" in allowed:
            for key in row.elements:
                counts["element"][key] += 1
        if "structure" in allowed:
            counts["structure"][row.structure] += 1
        if "mode" in allowed:
            for key in row.modes:
                counts["mode"][key] += 1
        if "peer_led" in allowed and row.peer_led:
            counts["peer_led"]["1"] += 1
    return counts


def _sort_key(sort: str):
    if sort == "relevance":
        return lambda row: (
            -row.text_rank * freshness_factor(row.freshness) * place_factor(row),
            row.name,
            row.pk,
        )
    if sort == "distance":
        return lambda row: (row.place, row.km if row.km is not None else 0.0, row.name, row.pk)
    if sort == "checked":
        return lambda row: (
            row.reviewed is None,
            -(row.reviewed.toordinal() if row.reviewed else 0),
            row.name,
            row.pk,
        )
    return lambda row: (row.name, row.pk)


@dataclass
class Plan:
    """What one search asks of the database."""

    data: dict
    text: str
    origin: Origin | None
    radius: int
    sort: str
    # SQLite's way: plain ORM over every match, no PostgreSQL columns or indexes (search_services).
    portable: bool = field(default_factory=lambda: not is_postgres())
    places: Places | None = None  # the portable way only: every place row, from find_places

    def fetch(self, with_facets: bool) -> Fetched:
        # Lapsed listings (unconfirmed for LISTING_LAPSE_MONTHS) leave search; their pages stay.
        base = Service.objects.published().exclude(freshness=Freshness.LAPSED)
        chosen = conditions(self.data)
        tagged = {} if self.portable else tag_conditions(self.data)
        chosen.update(tagged)
        for name, condition in chosen.items():
            if with_facets or name not in FACETS:
                base = base.filter(condition)
        groups, excluded = parse_terms(self.text)
        has_text = bool(groups or excluded)
        if not self.portable:
            text = None
            if has_text:
                # Words in a fair share of listings are common (only a place search asks).
                common = [
                    self.origin is not None and share_of_listings(group) >= COMMON_WORDS_SHARE
                    for group in groups
                ]
                text = TextQuery.build(groups, excluded, common)
            # Near a postcode: collect every match and sort it by distance when what is asked
            # for is rare; walk outwards checking each service when it is common.
            collect_first = (
                bool(tagged)
                or bool(self.data.get("free") or self.data.get("accepts_referrals"))
                or (text is not None and not text.all_common)
            )
            return fetch_postgres(
                base, text, self.origin, self.radius, self.sort, settings.SEARCH_RESULT_CAP, collect_first
            )
        if self.origin is not None and self.places is None:
            self.places = find_places(self.origin, self.radius)
        if has_text:
            base = _simple_text(base, groups, excluded)
        return fetch_all(base, self.places, rank_annotated=has_text)


@dataclass
class Outcome:
    total: int
    capped: bool
    counts: dict[str, dict[str, int]]
    counts_capped: bool
    page: Page | None
    paginator: Paginator


def _nearest_km(origin: Origin, service: Service) -> float | None:
    """The great-circle distance to the service's nearest location, as the card shows it."""
    distances = [
        great_circle_km(
            origin.latitude, origin.longitude, float(location.latitude), float(location.longitude)
        )
        for location in service.locations.all()
        if location.latitude is not None
    ]
    return min(distances) if distances else None


def great_circle_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """The haversine formula, as the SQL in haversine_km() computes it."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lng2 - lng1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def _page_of_services(ids: list[int], places: dict[int, Candidate], origin: Origin | None) -> list[Service]:
    rows = list(
        Service.objects.filter(pk__in=ids)
        .order_by()
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "locations",
                queryset=Location.objects.only(
                    "id", "name", "town", "postcode", "latitude", "longitude", "hide_exact_address"
                ),
            ),
            "opening_times",  # the card's "When" line
        )
    )
    position = {service_id: index for index, service_id in enumerate(ids)}
    rows.sort(key=lambda service: position[service.pk])
    if origin is not None:
        for service in rows:
            service.place_rank = places[service.pk].place
            service.distance_km = _nearest_km(origin, service) if service.place_rank == NEAR else None
    return rows


def _best(fetched: Fetched, sort: str) -> tuple[list[Candidate], bool]:
    """The candidates in order, cut to SEARCH_RESULT_CAP, and whether any were left out. (On
    PostgreSQL the database has already cut them near the cap; SQLite cuts them here.)"""
    cap = settings.SEARCH_RESULT_CAP
    rows = sorted(fetched.rows, key=_sort_key(sort))
    return rows[:cap], fetched.capped or len(rows) > cap


def _run(plan: Plan, page_number: int) -> Outcome:
    tests = _facet_tests(plan.data)
    rows, counts_capped = _best(plan.fetch(with_facets=False), plan.sort)
    counts = count_facets(rows, tests)
    if tests and counts_capped:
        # The unfiltered candidates were cut, so the filtered ones may lie beyond the cut.
        results, capped = _best(plan.fetch(with_facets=True), plan.sort)
    else:
        results = [row for row in rows if all(test(row) for test in tests.values())]
        capped = counts_capped  # without facet filters these are the same rows
    paginator = Paginator(results, PAGE_SIZE)
    outcome = Outcome(len(results), capped, counts, counts_capped, None, paginator)
    if not results or page_number > paginator.num_pages:
        if page_number == 1:
            outcome.page = Page([], 1, paginator)
        return outcome
    chosen = paginator.page(page_number).object_list
    by_pk = {row.pk: row for row in chosen}
    outcome.page = Page(
        _page_of_services([row.pk for row in chosen], by_pk, plan.origin), page_number, paginator
    )
    return outcome


def _facet_options(
    data: dict, counts: dict[str, dict[str, int]], at_least: bool
) -> dict[str, list[FacetOption]]:
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
            FacetOption(key, str(label), counts[dimension].get(key, 0), key in selected, at_least)
            for key, label in choices
        ]
    return facets


def search_services(params: QueryDict, *, portable: bool | None = None) -> SearchResult:
    """Run the search a /services/ URL describes. Bad parameters are reported, never raised.
    `portable`: search as on SQLite, whatever the database (the default: as the database can).
    PostgreSQL runs both ways, so the tests check there that they find the same services."""
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

    portable = not is_postgres() if portable is None else portable
    plan = Plan(data, text, result.origin, result.radius, sort, portable)
    outcome = _run(plan, page_number)
    # Words that suggest a crisis are never "corrected": the page answers them with the crisis
    # lines first, and rewriting what someone said about wanting to die helps nobody.
    if text and outcome.total < FEW_RESULTS and not result.page_error and not suggests_risk(text):
        result.suggestion = suggest(text, portable)
        if result.suggestion and outcome.total == 0:
            result.corrected_from = text
            plan.text = result.suggestion
            outcome = _run(plan, page_number)
    result.total, result.total_capped, result.page = outcome.total, outcome.capped, outcome.page
    result.facets = _facet_options(data, outcome.counts, outcome.counts_capped)
    if outcome.page is None and not result.page_error:
        pages = outcome.paginator.num_pages
        result.page_error = beyond_the_end(page_number, pages)
        if outcome.capped:
            result.page_error += f" We show the first {outcome.total:,} matches; add words, a postcode or a filter to narrow them."
        result.status = 404
    if result.page_error and result.status == 200:
        result.status = 400
    if result.messages:
        result.status = 400
    return result
