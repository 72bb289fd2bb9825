"""What a candidate is, on either database: one narrow row per service a search may show.

postgres.fetch_postgres and portable.fetch_all both return Fetched sets of Candidate rows (ids,
sort keys and facet columns only, in FIELDS then ANNOTATIONS order); ranking orders and counts
them in Python, and the page reads the wide rows of only the twenty it shows. A candidate's
`place` is NEAR (within the radius), COVERS (its area holds the postcode) or NATIONAL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import compress

from django.db import connection

from directory.choices import DeliveryMode, Element
from directory.models import ELEMENT_FIELDS, MODE_FIELDS

NEAR, COVERS, NATIONAL = 0, 1, 2
NO_PLACE = NEAR  # a search without a place treats every candidate alike

# What a candidate row holds, in this order.
FIELDS = ["pk", "name", "last_reviewed", "structure", "peer_led", *ELEMENT_FIELDS, *MODE_FIELDS, "freshness"]
ANNOTATIONS = ["covered", "text_rank", "place", "km"]
_ELEMENT_KEYS = tuple(Element.values)
_MODE_KEYS = tuple(DeliveryMode.values)
_MODES_FROM = 5 + len(ELEMENT_FIELDS)
_MODES_TO = _MODES_FROM + len(MODE_FIELDS)


@dataclass(slots=True)
class Candidate:
    pk: int
    name: str
    reviewed: date | None
    structure: str
    peer_led: bool
    elements: frozenset[str]
    modes: frozenset[str]
    freshness: str
    covered: int  # how many of the search's groups the listing matches (all of them, unless widened)
    text_rank: float
    place: int
    km: float | None

    @classmethod
    def from_row(cls, row) -> Candidate:
        pk, name, reviewed, structure, peer_led = row[:5]
        elements = frozenset(compress(_ELEMENT_KEYS, row[5:_MODES_FROM]))
        modes = frozenset(compress(_MODE_KEYS, row[_MODES_FROM:_MODES_TO]))
        freshness = row[_MODES_TO]
        covered, text_rank, place, km = row[-4:]
        return cls(
            pk,
            name,
            reviewed,
            structure,
            peer_led,
            elements,
            modes,
            freshness,
            int(covered or 0),
            float(text_rank or 0),
            place,
            km,
        )


@dataclass
class Fetched:
    rows: list[Candidate]
    capped: bool  # some matches were left out: there are more than the search shows


def is_postgres() -> bool:
    return connection.vendor == "postgresql"
