"""The benchmark's fixed mix of searches, as a link worker or a member of the public would type them.

QUERIES is a list of Query(category, params), params being the URL's (name, value) pairs in order.
Categories: text, text+postcode, filters, postcode, typo, mixed (text, place, filters, sort, page).
Every postcode here exists in the generated data (generate.py writes "<outward> 1AA" to "6FG" for
each place, plus the demo's Tayside postcodes such as DD4 7AA).
"""

from __future__ import annotations

from itertools import cycle
from typing import NamedTuple


class Query(NamedTuple):
    category: str
    params: list[tuple[str, str]]


TEXT = [
    "bereavement group",
    "lonely",
    "walking",
    "men's shed",
    "debt advice",
    "peer support anxiety",
    "carers",
    "dementia cafe",
    "befriending",
    "veterans",
    "foodbank",
    "singing",
    "knit and natter",
    "mental health",
    "young carers",
    "recovery cafe",
    "alcohol",
    "gambling",
    "new mums",
    "dads group",
    "stroke",
    "cancer support",
    "copd",
    "chronic pain",
    "art group",
    "community garden",
    "cycling",
    "tai chi",
    "lunch club",
    "coffee morning",
    "helpline",
    "text support",
    "counselling",
    "trauma",
    "domestic abuse",
    "housing advice",
    "job club",
    "digital skills",
    "refugee",
    "conversation cafe",
    "lgbt youth",
    "youth club",
    "grief",
    "widowed",
    "loneliness older people",
    "depression",
    "hearing voices",
    "parkinson's",
    "memory cafe",
    "telephone befriending",
    "benefits advice",
    "fuel poverty",
    "community pantry",
    "choir",
    "book club",
    "support group",
    "group",
    "weekly support group",
    "peer support",
    "online anxiety group",
]

POSTCODES_FULL = [
    "DD4 7AA",
    "DD1 4HN",
    "PH1 5AA",
    "EH6 1AA",
    "EH11 2AB",
    "G31 1AA",
    "G51 3BD",
    "AB24 1AA",
    "IV1 2AB",
    "KY1 1AA",
    "FK8 4DE",
    "M14 1AA",
    "L8 2AB",
    "LS9 1AA",
    "B11 3BD",
    "NE6 1AA",
    "BS5 2AB",
    "SE15 1AA",
    "E8 4DE",
    "CF10 1AA",
    "SA1 5EF",
    "BT12 1AA",
    "BT48 2AB",
    "DG1 1AA",
    "PA1 6FG",
]
POSTCODES_OUTWARD = [
    "DD4",
    "PH1",
    "EH1",
    "G1",
    "M1",
    "LS1",
    "CF10",
    "BT1",
    "B1",
    "L1",
    "NE1",
    "S1",
    "AB10",
    "IV1",
    "BN1",
    "NR1",
    "PL1",
    "E1",
    "N1",
    "SW9",
]
RADII = ["1", "2", "5", "10", "25"]

TEXT_NEAR = [
    "bereavement",
    "walking group",
    "men's shed",
    "befriending",
    "debt advice",
    "carers",
    "dementia",
    "peer support",
    "anxiety",
    "lonely",
    "foodbank",
    "veterans",
    "singing",
    "recovery",
    "parent and toddler",
    "counselling",
    "community garden",
    "lunch club",
    "youth club",
    "stroke club",
    "support group",
    "mental health",
    "coffee morning",
    "job club",
    "conversation cafe",
]

FILTERS: list[list[tuple[str, str]]] = [
    [("element", "friendship")],
    [("element", "emotional")],
    [("element", "meaning")],
    [("element", "practical")],
    [("element", "material")],
    [("element", "friendship"), ("element", "emotional")],
    [("element", "practical"), ("element", "material")],
    [("structure", "formal")],
    [("structure", "informal")],
    [("structure", "close")],
    [("structure", "semi_formal"), ("structure", "informal")],
    [("mode", "group")],
    [("mode", "home_visit")],
    [("mode", "phone"), ("mode", "online"), ("mode", "text_chat")],
    [("mode", "one_to_one")],
    [("peer_led", "1")],
    [("peer_led", "1"), ("element", "friendship")],
    [("peer_led", "1"), ("structure", "informal"), ("mode", "group")],
    [("element", "emotional"), ("structure", "formal"), ("mode", "phone")],
    [("element", "meaning"), ("peer_led", "1"), ("mode", "online")],
    [("audience", "carers")],
    [("audience", "veterans")],
    [("audience", "young_people"), ("audience", "lgbtq")],
    [("audience", "older_people"), ("mode", "home_visit")],
    [("topic", "bereavement")],
    [("topic", "dementia"), ("audience", "carers")],
    [("topic", "debt"), ("free", "1")],
    [("topic", "anxiety"), ("topic", "depression"), ("peer_led", "1")],
    [("free", "1")],
    [("accepts_referrals", "1")],
    [("accepts_referrals", "1"), ("element", "emotional")],
    [("hide_full", "1")],
    [("hide_full", "1"), ("free", "1"), ("mode", "group")],
    [("day", "saturday")],
    [("day", "sunday"), ("mode", "group")],
    [("day", "wednesday"), ("element", "friendship"), ("hide_full", "1")],
    [("sort", "checked")],
    [("sort", "name"), ("page", "5")],
    [("element", "friendship"), ("page", "50")],
    [("structure", "close"), ("audience", "carers"), ("accepts_referrals", "1")],
]

TYPOS = [
    "berevement",
    "lonley",
    "anxeity",
    "dementai",
    "befreinding",
    "vetrans",
    "walkng group",
    "mens shed",
    "carres",
    "bereavment support",
    "counseling",
    "depresion",
    "alchohol",
    "gamblng",
    "singng",
    "greif",
    "alzheimers",
    "parkinsons",
    "refugess",
    "housng advice",
    "benifits",
    "dementia cafeé",
    "lonliness",
    "anxiety grup",
    "choire",
]

MIXED: list[list[tuple[str, str]]] = [
    [("q", "bereavement"), ("postcode", "DD4 7AA"), ("element", "emotional"), ("sort", "distance")],
    [("q", "walking"), ("postcode", "G31 1AA"), ("radius", "5"), ("peer_led", "1")],
    [("q", "carers"), ("postcode", "EH6"), ("structure", "close"), ("accepts_referrals", "1")],
    [("q", "anxiety"), ("postcode", "M14 1AA"), ("mode", "online"), ("mode", "group"), ("page", "2")],
    [("q", "befriending"), ("postcode", "PH1 5AA"), ("radius", "25"), ("mode", "home_visit")],
    [("q", "men's shed"), ("postcode", "AB24"), ("radius", "25"), ("sort", "distance")],
    [("q", "debt"), ("postcode", "LS9 1AA"), ("free", "1"), ("sort", "checked")],
    [("q", "dementia"), ("audience", "carers"), ("topic", "dementia"), ("page", "3")],
    [("q", "support group"), ("postcode", "B1"), ("element", "friendship"), ("hide_full", "1")],
    [("q", "peer support"), ("postcode", "CF10 1AA"), ("peer_led", "1"), ("day", "thursday")],
    [("q", "lonely"), ("postcode", "BT12 1AA"), ("audience", "older_people"), ("radius", "10")],
    [("q", "veterans"), ("postcode", "KY1 1AA"), ("radius", "25"), ("audience", "veterans")],
    [("q", "youth"), ("postcode", "NE6"), ("audience", "young_people"), ("mode", "text_chat")],
    [("q", "foodbank"), ("postcode", "L8 2AB"), ("element", "material"), ("sort", "name")],
    [("q", "singing"), ("postcode", "DD4"), ("structure", "informal"), ("day", "monday")],
    [("q", "counselling"), ("postcode", "SE15 1AA"), ("structure", "formal"), ("page", "2")],
    [("q", "group"), ("postcode", "G1"), ("radius", "2"), ("page", "4")],
    [("q", "recovery"), ("postcode", "EH11 2AB"), ("peer_led", "1"), ("sort", "checked")],
    [("q", "berevement"), ("postcode", "DD1 4HN"), ("element", "emotional")],
    [("q", "community"), ("element", "friendship"), ("structure", "informal"), ("sort", "relevance")],
]


def _text() -> list[Query]:
    return [Query("text", [("q", text)]) for text in TEXT]


def _text_near() -> list[Query]:
    places = cycle(POSTCODES_FULL + POSTCODES_OUTWARD)
    radii = cycle(RADII)
    queries = []
    for round_number in range(2):
        for text in TEXT_NEAR:
            params = [("q", text), ("postcode", next(places))]
            if round_number == 1:
                params.append(("radius", next(radii)))
            queries.append(Query("text+postcode", params))
    return queries


def _postcode() -> list[Query]:
    radii = cycle(RADII)
    queries = [Query("postcode", [("postcode", code)]) for code in POSTCODES_FULL[:10]]
    queries += [
        Query("postcode", [("postcode", code), ("radius", next(radii))]) for code in POSTCODES_OUTWARD
    ]
    queries += [
        Query("postcode", [("postcode", "DD4 7AA"), ("sort", "distance"), ("page", "2")]),
        Query("postcode", [("postcode", "G1"), ("radius", "25"), ("page", "10")]),
    ]
    return queries


def _typos() -> list[Query]:
    queries = [Query("typo", [("q", text)]) for text in TYPOS]
    queries += [
        Query("typo", [("q", "berevement"), ("postcode", "DD4 7AA")]),
        Query("typo", [("q", "lonley"), ("postcode", "EH6 1AA"), ("radius", "5")]),
        Query("typo", [("q", "dementai"), ("postcode", "G31")]),
    ]
    return queries


QUERIES: list[Query] = [
    *_text(),
    *_text_near(),
    *(Query("filters", params) for params in FILTERS),
    *_postcode(),
    *_typos(),
    *(Query("mixed", params) for params in MIXED),
]

CATEGORIES = list(dict.fromkeys(query.category for query in QUERIES))
