"""Too few results for all the words together: the search widens (page -> plan -> here).

After the first search (and any spelling correction), page.search_services calls _widen() when
fewer than HANDFUL services matched. It fetches once more (plan._select with Plan.widened: any of
the groups, each candidate counting how many it matches in `covered`), merges that with what
the search found before, and keeps the first step that finds a handful: most of the groups
(most_groups), then any. Filters, the place and excluded words hold at every step; the page
says what was done (WIDENED_MOST, WIDENED_ANY).
"""

from __future__ import annotations

import math

from django.conf import settings

from directory.search.candidates import Candidate
from directory.search.parsing import parse_terms
from directory.search.plan import Outcome, Plan, Selection, _outcome, _select
from directory.search.ranking import _facet_tests, _sort_key

# Widening a search that finds too little (search_services): fewer services than this and the
# search widens, step by step, until it finds at least this many or has nothing left to widen.
HANDFUL = 3
# The middle step keeps the services that match "most" of the query's groups: this share of them,
# rounded up, and at least two (so it is only a step of its own for three groups or more).
MOST_GROUPS_SHARE = 2 / 3
WIDENED_MOST = "No service matched all your words; these match most of them."
WIDENED_ANY = "No service matched all your words; these match some of them."


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
