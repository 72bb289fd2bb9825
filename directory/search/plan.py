"""One search's fetch: what it asks of the database, and the candidates it gets back.

page.search_services makes a Plan (the form's data, the words, the origin, the order) and calls
_select(): Plan.fetch parses the words (parsing.parse_terms) and fetches the candidates, on
PostgreSQL through postgres.fetch_postgres (the words as a tsquery.TextQuery, with how common
each group is, words.group_share), else the portable way (portable.find_places near a postcode,
then sqlite.fts_text or portable._simple_text, then portable.fetch_all). _best orders them
(ranking._sort_key) and cuts them to SEARCH_RESULT_CAP; when facet filters meet a cut set, the
candidates are fetched again with the filters. _outcome counts the facets (ranking.count_facets)
and pages the results. The same Plan serves the corrected search, the widened one
(widening._widen sets Plan.widened) and the groups beyond the results (Plan.matching, for nearby).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator

from directory.choices import Freshness
from directory.filters import FACETS, conditions
from directory.models import Service
from directory.search import sqlite
from directory.search.candidates import Candidate, Fetched, is_postgres
from directory.search.parsing import parse_terms
from directory.search.places import Origin
from directory.search.portable import Places, _simple_text, fetch_all, find_places
from directory.search.postgres import fetch_postgres, tag_conditions
from directory.search.ranking import _sort_key, count_facets
from directory.search.tsquery import FULL_DOCUMENT, TextQuery
from directory.search.words import group_share

PAGE_SIZE = 20
# Words found in at least this share of listings are common: near a postcode, walking outwards
# and checking each service finds enough of them sooner than collecting every match.
COMMON_WORDS_SHARE = 0.2


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
        what the groups beyond the results (directory.search.nearby) choose from. The words are those of
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

    def few_match(self, share: float) -> bool:
        """Whether the words find few services (PostgreSQL): one of their groups is in under
        `share` of listings (every group, for a widened search, which matches any of them).
        Few matches are found sooner by collecting them than by walking outwards from a postcode."""
        groups, _ = parse_terms(self.text)
        if not groups:
            return False
        rare = [group_share(group) < share for group in groups]
        return all(rare) if self.widened else any(rare)

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
            # SQLite: its FTS5 index (directory.search.sqlite); the portable way on PostgreSQL
            # (tests compare with it) keeps the ORM's word match.
            if sqlite.in_use():
                base = sqlite.fts_text(base, groups, excluded, self.widened)
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
