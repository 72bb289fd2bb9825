"""The order and the facets of a search's candidates, worked out in Python (plan -> here).

Whichever database fetched them, the candidates.Candidate rows are ordered here (_sort_key: by
relevance, the text rank times freshness_factor times place_factor; by distance; by date checked;
by name) and counted per facet option (count_facets, each dimension with the other filters
applied). _facet_tests turns the ticked filters into tests on a row, and _facet_options into
what the page shows. No queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from directory.choices import DeliveryMode, Element, Freshness, Structure
from directory.search.candidates import COVERS, NEAR, Candidate

ELEMENT_KEYS, STRUCTURE_KEYS, MODE_KEYS = (
    tuple(Element.values),
    tuple(Structure.values),
    tuple(DeliveryMode.values),
)


# Overdue listings (not confirmed for LISTING_CONFIRM_MONTHS, directory.freshness) rank lower:
# their text relevance counts for this much. Lapsed ones are not searched at all.
OVERDUE_RANK_FACTOR = 0.6


def freshness_factor(freshness: str) -> float:
    return OVERDUE_RANK_FACTOR if freshness == Freshness.OVERDUE else 1.0


def place_factor(candidate: Candidate) -> float:
    """Distance decay for relevance: 1 at the door, 0.5 at 5 km; area and national below."""
    if candidate.place == NEAR:
        return 1.0 / (1.0 + (candidate.km or 0.0) / 5.0) if candidate.km is not None else 1.0
    return 0.3 if candidate.place == COVERS else 0.25


@dataclass
class FacetOption:
    key: str
    label: str
    count: int
    selected: bool
    at_least: bool = False  # the count is a lower bound: the search was cut


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
