"""The service search behind /services/: text, place, filters, facets and order, in a few queries.

PostgreSQL: a weighted tsvector (kept by a trigger) matched with websearch_to_tsquery in English,
with the search vocabulary; ts_rank blended with distance decay and freshness; trigram "did you
mean" for typos. SQLite: the same page and parameters, its text matched through an FTS5 index
and ranked with the same formula (directory.search_sqlite).

A search works on a bounded set of candidates (directory.candidates): at most
SEARCH_RESULT_CAP services, the ones its order puts first. Counting, facets and the order are
worked out in Python over those narrow rows. When more services match, the page says "more
than" and its counts are lower bounds.

PostgreSQL and SQLite get the same words: parse_terms() expands phrases with the search
vocabulary (directory.thesaurus) before either database sees them. When all the words together
find fewer than HANDFUL services, the search widens (_widen): most of the words, then any, ranked
by how many each listing matches, and SearchResult.widened says so.

The queries of one search on PostgreSQL: the postcode (1); the candidates (1, or 2 near a postcode
when it walks outwards, see directory.candidates); a typo adds the suggestion (1) and, when the
original found nothing, the corrected search's candidates (1); too few results add the widened
search's candidates (1); then the page (1), its locations (1) and its opening times (1), read
once for whichever search is shown. A second search for the page (corrected or widened) never
walks outwards, so its candidates are one query. So eight at most, unless the first search both
walked outwards (common words only) and was corrected and widened (nine). Near a postcode,
directory.nearby adds one (the services by phone or online, and which results meet in a home)
and, when fewer than three are inside the radius, one more (the nearest beyond it): ten at most,
eleven in that rare case. Each candidates fetch runs again with the ticked element, structure, mode and peer-led
filters when its first set was cut (1 each). SQLite adds one query for the places
near a postcode. Now and then: on PostgreSQL, a search with words near a postcode, or a widened
one, reads the listings' vocabulary once every ten minutes per process (search_words.word_shares);
the search vocabulary is read again after an edit, or every five minutes per process (1).
"""

from __future__ import annotations

import math
import re
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

from directory import nearby, search_sqlite, thesaurus
from directory.candidates import (
    COVERS,
    FULL_DOCUMENT,
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
    Service,
    ServiceArea,
    ServiceAtLocation,
    delivered_by_any,
)
from directory.pagination import beyond_the_end, parse_page_number
from directory.search_words import share_of_listings
from directory.spelling import suggest
from directory.thesaurus import SYNONYMS  # noqa: F401 (the built-in synonyms, as before)

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
# A topic or an audience is broad: a search vocabulary group naming one counts it as this share.
TAG_SHARE = 0.1

# The words of a search that say nothing about what is wanted: PostgreSQL's English stop words
# (its text search ignores them) and "near", "me", so that SQLite, which matches every word it is
# given, ignores them too. Vocabulary phrases are found before they are dropped ("feeling down").
_STOP_WORDS = """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom this that these
    those am is are was were be been being have has had having do does did doing a an the and but if or
    because as until while of at by for with about against between into through during before after above
    below to from up down in out on off over under again further then once here there when where why how all
    any both each few more most other some such no nor not only own same so than too very s t can will just
    don should now near"""
# Contractions say nothing either (PostgreSQL would search "i'm" as "m").
_CONTRACTIONS = """i'm im i've ive i'd i'll you're you've it's that's there's he's she's we're we've they're
    they've don't doesn't didn't isn't wasn't aren't weren't won't can't cannot couldn't wouldn't shouldn't
    haven't hasn't hadn't let's"""
STOP_WORDS = frozenset(_STOP_WORDS.split() + _CONTRACTIONS.split())
# Widening a search that finds too little (search_services): fewer services than this and the
# search widens, step by step, until it finds at least this many or has nothing left to widen.
HANDFUL = 3
# The middle step keeps the services that match "most" of the query's groups: this share of them,
# rounded up, and at least two (so it is only a step of its own for three groups or more).
MOST_GROUPS_SHARE = 2 / 3
WIDENED_MOST = "No service matched all your words; these match most of them."
WIDENED_ANY = "No service matched all your words; these match some of them."


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
    # Set when too few services matched all the words and the search widened: says what it did
    # ("No service matched all your words; these match some of them.").
    widened: str = ""
    # Near a postcode (directory.nearby), on the first page: the nearest matches beyond the radius
    # when fewer than three are inside it, and the services delivered by phone, online or by
    # text with no venue, each its own group after the results.
    nearest_beyond: list[Service] = field(default_factory=list)
    remote: list[Service] = field(default_factory=list)
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


def group_share(alternatives: tuple[str, ...]) -> float:
    """Roughly what share of listings match a group: its words' shares (search_words), a phrase
    counted as its rarest word (a phrase is never more common than any of its words), and
    TAG_SHARE for each topic's or audience's name (in the document of every service tagged)."""
    tags = thesaurus.vocabulary().tags
    words = []
    tagged = 0.0
    for alternative in alternatives:
        if alternative in tags:
            tagged += TAG_SHARE
            continue
        parts = re.findall(r"[a-z][a-z']+", alternative)
        if len(parts) > 1:
            words.append(min(parts, key=lambda word: share_of_listings((word,))))
        elif parts:
            words.append(parts[0])
    return min(1.0, share_of_listings(tuple(words)) + tagged)


EXCLUDED = re.compile(r"(?<!\S)-[\w']+")


def _blank(pattern: str | re.Pattern, text: str) -> str:
    """The text with each match replaced by as many spaces, so later positions still hold."""
    return re.sub(pattern, lambda match: " " * len(match.group(0)), text)


def parse_terms(text: str) -> tuple[list[tuple[str, ...]], list[str]]:
    """Split a search into AND-ed groups of alternatives, and excluded words (-word).

    In the order typed: a quoted phrase is one group of itself; a phrase of the search vocabulary
    (directory.thesaurus, which holds the synonyms too) is one group of its alternatives; any other
    word, not a stop word, is a group of itself. "or" joins the groups either side of it."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    items: list[tuple[int, tuple[str, ...] | str]] = []
    for match in re.finditer(r'"([^"]+)"', text):
        if match.group(1).strip():
            items.append((match.start(), (" ".join(match.group(1).split()),)))
    text = _blank(r'"[^"]*"', text)
    excluded = [word[1:] for word in EXCLUDED.findall(text)]
    text = _blank(EXCLUDED, text)
    expanded = thesaurus.expand(text)
    items += expanded.found
    items += [(match.start(), match.group(0)) for match in re.finditer(r"[\w']+", expanded.rest)]
    items.sort(key=lambda item: item[0])
    groups: list[tuple[str, ...]] = []
    join_next = False
    for _, item in items:
        if item == "or" and groups:
            join_next = True
            continue
        if isinstance(item, str):
            if item in STOP_WORDS or item.strip("'") == "":
                continue
            alternatives: tuple[str, ...] = (item,)
        else:
            alternatives = item
        if join_next:
            groups[-1] = tuple(dict.fromkeys(groups[-1] + alternatives))
            join_next = False
        else:
            groups.append(alternatives)
    return groups[:10], excluded[:5]


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
        # A widened search puts the listings that match more of it first (row.covered is the
        # same for every row of a search that was not widened).
        return lambda row: (
            -row.covered,
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
    # Widened: services matching any of the groups, each with how many it matches (search_services).
    widened: bool = False
    again: bool = False  # a second search for the same page (corrected, or widened)

    def matching(self):
        """The services this search's words and every filter allow, as a queryset with no place:
        what the groups beyond the results (directory.nearby) choose from. The words are those of
        the results shown: corrected, or widened to any of them, when the search was."""
        base = Service.objects.published().exclude(freshness=Freshness.LAPSED)
        chosen = conditions(self.data)
        if not self.portable:
            chosen.update(tag_conditions(self.data))
        for condition in chosen.values():
            base = base.filter(condition)
        groups, excluded = parse_terms(self.text)
        if not (groups or excluded):
            return base
        if self.portable:
            return _simple_text(base, groups, excluded, self.widened)
        return base.filter(TextQuery.build(groups, excluded, widened=self.widened).matches(FULL_DOCUMENT))

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
                # Words in a fair share of listings are common (a place search asks, to choose how
                # to find the nearest; a widened search, to read the rarest groups first).
                asks = self.origin is not None or self.widened
                shares = [group_share(group) if asks else 0.0 for group in groups]
                common = [self.origin is not None and share >= COMMON_WORDS_SHARE for share in shares]
                text = TextQuery.build(groups, excluded, common, widened=self.widened, shares=shares)
            # Near a postcode: collect every match and sort it by distance when what is asked
            # for is rare; walk outwards checking each service when it is common.
            collect_first = (
                bool(tagged)
                or bool(self.data.get("free") or self.data.get("accepts_referrals"))
                or bool(self.data.get("open_now") or self.data.get("time"))
                or (text is not None and not text.all_common)
                # A second search for the page (corrected or widened): one query (walking
                # outwards takes two), to stay within the bound of queries a search may make.
                or self.again
            )
            return fetch_postgres(
                base, text, self.origin, self.radius, self.sort, settings.SEARCH_RESULT_CAP, collect_first
            )
        if self.origin is not None and self.places is None:
            self.places = find_places(self.origin, self.radius)
        if has_text:
            # SQLite: its FTS5 index (directory.search_sqlite); the portable way on PostgreSQL
            # (tests compare with it) keeps the ORM's word match.
            if search_sqlite.in_use():
                base = search_sqlite.fts_text(base, groups, excluded, self.widened)
            else:
                base = _simple_text(base, groups, excluded, self.widened)
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


def _page_of_services(
    ids: list[int],
    places: dict[int, Candidate],
    origin: Origin | None,
    beyond: dict[int, float] | None = None,
) -> list[Service]:
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
            # A group that meets in a home: whole miles only (directory.nearby).
            service.distance_whole = nearby.is_home(service)
            if service.pk in places:
                service.place_rank = places[service.pk].place
            else:  # a group after the results: nearest beyond the radius, or by phone or online
                service.place_rank = NEAR if service.pk in (beyond or {}) else None
            km = _nearest_km(origin, service) if service.place_rank == NEAR else None
            if km is not None and service.distance_whole:
                km = nearby.whole_miles_km(km)
            service.distance_km = km
    return rows


def _best(fetched: Fetched, sort: str) -> tuple[list[Candidate], bool]:
    """The candidates in order, cut to SEARCH_RESULT_CAP, and whether any were left out. (On
    PostgreSQL the database has already cut them near the cap; SQLite cuts them here.)"""
    cap = settings.SEARCH_RESULT_CAP
    rows = sorted(fetched.rows, key=_sort_key(sort))
    return rows[:cap], fetched.capped or len(rows) > cap


@dataclass
class Selection:
    """One fetch of a search's candidates (two when facet filters meet a cut set)."""

    rows: list[Candidate]  # every candidate, in order, cut to the cap
    capped: bool
    filtered: list[Candidate] | None = (
        None  # fetched again with the facet filters, when the first set was cut
    )
    filtered_capped: bool = False


def _select(plan: Plan, tests: dict) -> Selection:
    rows, capped = _best(plan.fetch(with_facets=False), plan.sort)
    selection = Selection(rows, capped)
    if tests and capped:
        # The unfiltered candidates were cut, so the filtered ones may lie beyond the cut.
        selection.filtered, selection.filtered_capped = _best(plan.fetch(with_facets=True), plan.sort)
    return selection


def _outcome(selection: Selection, tests: dict, at_least: int = 0) -> Outcome:
    """The results, counts and paginator of a selection, keeping the candidates that match at
    least `at_least` of the search's groups (a widened selection holds every step's rows)."""
    rows = [row for row in selection.rows if row.covered >= at_least]
    counts = count_facets(rows, tests)
    if selection.filtered is not None:
        results = [row for row in selection.filtered if row.covered >= at_least]
        capped = selection.filtered_capped
    else:
        results = [row for row in rows if all(test(row) for test in tests.values())]
        capped = selection.capped  # without facet filters these are the same rows
    paginator = Paginator(results, PAGE_SIZE)
    return Outcome(len(results), capped, counts, selection.capped, None, paginator)


def _paged(
    outcome: Outcome, plan: Plan, page_number: int, beyond: dict[int, float], remote: list[int]
) -> tuple[Outcome, list[Service], list[Service]]:
    """Read the page's services and those of the groups after it (three queries), when there
    are any: the page, the nearest beyond the radius, and those by phone or online."""
    paginator = outcome.paginator
    exists = bool(outcome.total) and page_number <= paginator.num_pages
    chosen = paginator.page(page_number).object_list if exists else []
    by_pk = {row.pk: row for row in chosen}
    ids = [row.pk for row in chosen] + list(beyond) + remote
    services = _page_of_services(ids, by_pk, plan.origin, beyond) if ids else []
    if exists:
        outcome.page = Page(services[: len(chosen)], page_number, paginator)
    elif page_number == 1:
        outcome.page = Page([], 1, paginator)
    extra = services[len(chosen) :]
    return outcome, extra[: len(beyond)], extra[len(beyond) :]


def _near_groups(plan: Plan, outcome: Outcome, page_number: int) -> tuple[dict[int, float], list[int]]:
    """Near a postcode (directory.nearby): the groups after the results, and a home's distance
    put in whole miles before the results are ordered by it. One query, and one more for the
    nearest beyond the radius when fewer than nearby.FEW_INSIDE services are inside it."""
    results = outcome.paginator.object_list
    shown = [row.pk for row in results]
    near = [row.pk for row in results if row.place == NEAR]
    matching = plan.matching()
    remote, homes = nearby.remote_and_homes(matching, plan.origin, shown, near, plan.portable)
    if homes:
        for row in results:
            if row.pk in homes and row.km is not None:
                row.km = nearby.whole_miles_km(row.km)
        results.sort(key=_sort_key(plan.sort))
    if page_number != 1:
        return {}, []
    beyond = {}
    if len(near) < nearby.FEW_INSIDE:
        beyond = nearby.nearest_beyond(matching, plan.origin, plan.radius, shown + remote, plan.portable)
    return beyond, remote


def most_groups(groups: int) -> int:
    """How many groups "most of the words" means: MOST_GROUPS_SHARE of them rounded up, at least 2."""
    return max(2, math.ceil(groups * MOST_GROUPS_SHARE))


def _merged(strict: Selection, wider: Selection, groups: int, sort: str) -> Selection:
    """The widened candidates with the ones that matched every group before widening (PostgreSQL
    does not fetch those again; SQLite does, and each service is kept once)."""

    def merge(first: list[Candidate], second: list[Candidate]) -> list[Candidate]:
        by_pk = {row.pk: row for row in second}
        for row in first:
            row.covered = groups
            by_pk[row.pk] = row
        return sorted(by_pk.values(), key=_sort_key(sort))[: settings.SEARCH_RESULT_CAP]

    merged = Selection(merge(strict.rows, wider.rows), strict.capped or wider.capped)
    if strict.filtered is not None or wider.filtered is not None:
        merged.filtered = merge(
            strict.filtered if strict.filtered is not None else strict.rows,
            wider.filtered if wider.filtered is not None else wider.rows,
        )
        merged.filtered_capped = strict.filtered_capped or wider.filtered_capped
    return merged


def _widen(plan: Plan, strict: Selection, outcome: Outcome) -> tuple[Outcome, str]:
    """A search that found fewer than HANDFUL services, widened step by step (the vocabulary's
    concepts are in every search already): services matching most of its groups, then any of
    them, ranked by how many they match. One more fetch serves both steps. Stops at the first
    step that finds a handful; else takes the widest step, when it finds more than the search
    did. Filters, the place and excluded words hold at every step."""
    groups, _ = parse_terms(plan.text)
    if len(groups) < 2:
        return outcome, ""
    tests = _facet_tests(plan.data)
    plan.widened = True
    selection = _merged(strict, _select(plan, tests), len(groups), plan.sort)
    steps = []
    most = most_groups(len(groups))
    if most < len(groups):
        steps.append((most, WIDENED_MOST))
    steps.append((1, WIDENED_ANY))
    for at_least, message in steps:
        wider = _outcome(selection, tests, at_least)
        if wider.total >= HANDFUL:
            return wider, message
    if wider.total > outcome.total:
        return wider, message
    plan.widened = False
    return outcome, ""


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
    tests = _facet_tests(data)
    selection = _select(plan, tests)
    outcome = _outcome(selection, tests)
    plan.again = True
    # Words that suggest a crisis are never "corrected": the page answers them with the crisis
    # lines first, and rewriting what someone said about wanting to die helps nobody.
    if text and outcome.total < FEW_RESULTS and not result.page_error and not suggests_risk(text):
        result.suggestion = suggest(text, portable)
        if result.suggestion and outcome.total == 0:
            result.corrected_from = text
            plan.text = result.suggestion
            selection = _select(plan, tests)
            outcome = _outcome(selection, tests)
    # Too few for all the words together: widen (most of them, then any), never past the filters.
    if text and outcome.total < HANDFUL and not result.page_error:
        outcome, result.widened = _widen(plan, selection, outcome)
    beyond, remote = {}, []
    if result.origin is not None and not result.page_error and not result.messages:
        beyond, remote = _near_groups(plan, outcome, page_number)
    outcome, result.nearest_beyond, result.remote = _paged(outcome, plan, page_number, beyond, remote)
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
