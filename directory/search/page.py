"""The search behind /services/: search_services() runs one page of it, from the URL to the cards.

In order: the form (filters.ServiceFilter) and the postcode (places.resolve_origin); the
candidates (plan._select, then plan._outcome for the counts and pages); "did you mean" when few
match (spelling.suggest, and the corrected search when nothing matched); widening when fewer
than a handful match (widening._widen); near a postcode, the groups after the results
(nearby: by phone or online, and the nearest beyond the radius); and last the page's own
services with their locations and opening times, in one query (_paged, directory.search.cards). The package's docstring
(directory/search/__init__.py) counts the queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page
from django.http import QueryDict

from directory import crisis
from directory.filters import DEFAULT_RADIUS_KM, ServiceFilter
from directory.models import Service
from directory.pagination import beyond_the_end, parse_page_number
from directory.search import nearby
from directory.search.candidates import NEAR, Candidate, is_postgres
from directory.search.cards import card_services
from directory.search.places import Origin, great_circle_km, resolve_origin
from directory.search.plan import Outcome, Plan, _outcome, _select
from directory.search.ranking import FacetOption, _facet_options, _facet_tests, _sort_key
from directory.search.spelling import suggest
from directory.search.widening import HANDFUL, _widen

# Fewer results than this and we look for a spelling correction.
FEW_RESULTS = 3


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
    # Near a postcode (directory.search.nearby), on the first page: the nearest matches beyond the radius
    # when fewer than three are inside it, and the services delivered by phone, online or by
    # text with no venue, each its own group after the results.
    nearest_beyond: list[Service] = field(default_factory=list)
    remote: list[Service] = field(default_factory=list)
    status: int = 200

    @property
    def services(self) -> list[Service]:
        return list(self.page) if self.page is not None else []


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


def _page_of_services(
    ids: list[int],
    places: dict[int, Candidate],
    origin: Origin | None,
    beyond: dict[int, float] | None = None,
) -> list[Service]:
    rows = card_services(ids)  # with their locations and opening times: one query
    if origin is not None:
        for service in rows:
            # A group that meets in a home: whole miles only (directory.search.nearby).
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


def _paged(
    outcome: Outcome, plan: Plan, page_number: int, beyond: dict[int, float], remote: list[int]
) -> tuple[Outcome, list[Service], list[Service]]:
    """Read the page's services and those of the groups after it (one query), when there
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
    # The nearest beyond, ordered by the distance each card shows (a home's in whole miles).
    nearest = sorted(extra[: len(beyond)], key=lambda service: (service.distance_km or 0.0, service.pk))
    return outcome, nearest, extra[len(beyond) :]


def _near_groups(plan: Plan, outcome: Outcome, page_number: int) -> tuple[dict[int, float], list[int]]:
    """Near a postcode (directory.search.nearby): the groups after the results, and a home's
    distance put in whole miles before the results are ordered by it. One query on PostgreSQL
    (two on SQLite when fewer than nearby.FEW_INSIDE services are inside the radius)."""
    results = outcome.paginator.object_list
    shown = [row.pk for row in results]
    near = [row.pk for row in results if row.place == NEAR]
    first_page = page_number == 1
    groups = nearby.groups_after(
        plan.matching(),
        plan.origin,
        plan.radius,
        shown,
        near,
        beyond=first_page and len(near) < nearby.FEW_INSIDE,
        rare=not plan.portable and plan.few_match(nearby.COLLECT_BELOW_SHARE),
        portable=plan.portable,
    )
    if groups.homes:
        for row in results:
            if row.pk in groups.homes and row.km is not None:
                row.km = nearby.whole_miles_km(row.km)
        results.sort(key=_sort_key(plan.sort))
    if not first_page:
        return {}, []
    return groups.beyond, groups.remote


def _restores_crisis_words(text: str, suggestion: str) -> bool:
    """Whether the suggestion changes only words it turns into the crisis phrases' own words."""
    typed, corrected = crisis.normalise(text), crisis.normalise(suggestion)
    changed = {new for old, new in zip(typed, corrected, strict=False) if old != new}
    return len(typed) == len(corrected) and bool(changed) and changed <= crisis.RISK_WORDS


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
    # Words that suggest a crisis are not "corrected" while they find anything: the page answers
    # them with the crisis lines first, and rewriting what someone said about wanting to die
    # helps nobody. When they find nothing and the correction only puts crisis words right (a
    # misspelt "suicidal"), the corrected words are searched, so listening and crisis services
    # show under the crisis lines.
    risk = bool(text) and crisis.suggests_risk(text)
    if text and outcome.total < (1 if risk else FEW_RESULTS) and not result.page_error:
        result.suggestion = suggest(text, portable)
        if risk and not _restores_crisis_words(text, result.suggestion):
            result.suggestion = ""
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
