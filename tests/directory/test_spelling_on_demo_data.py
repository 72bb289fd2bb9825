"""Spelling on the demo data (directory/search/spelling.py): the issue's own sentences get no "did you mean",
and on PostgreSQL its one query and the portable way suggest the same for every query of the
relevance evaluation (tests/relevance/queries.csv).
"""

import csv
from pathlib import Path

import pytest
from django.db import connection

from directory.search import spelling

pytestmark = pytest.mark.django_db

QUERIES = Path(__file__).resolve().parents[1] / "relevance" / "queries.csv"

# Written the way people type, every word spelled right (issue 10's walkthrough and findings).
EVERYDAY = [
    "my husband has Parkinson's and I'm struggling to cope",
    "no money and no friends since the divorce",
    "a walk with other people",
    "lonely",
    "I feel lonely since my wife passed away and I don't want to go out much",
    "somewhere my son can go, he is autistic and finds groups hard",
    "cold house and can't pay the bills",
]


@pytest.mark.parametrize("text", EVERYDAY)
def test_correctly_spelled_everyday_searches_get_no_suggestion(demo_directory, text):
    assert spelling.suggest(text, portable=True) == ""
    if connection.vendor == "postgresql":
        assert spelling.suggest(text) == ""


def test_typos_in_a_sentence_are_corrected_and_nothing_else(demo_directory):
    assert spelling.suggest(
        "my husband has Parkinsons and I'm strugling with his demntia", portable=True
    ) == ("my husband has Parkinsons and I'm struggling with his dementia")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="only PostgreSQL has both ways to compare")
@pytest.mark.skipif(not QUERIES.exists(), reason="no relevance queries")
def test_postgresql_and_the_portable_way_agree_on_every_relevance_query(demo_directory):
    with QUERIES.open(newline="", encoding="utf-8") as handle:
        queries = [row["query"] for row in csv.DictReader(handle)]
    assert len(queries) > 100
    differ = {}
    for text in queries:
        pair = (spelling.suggest(text), spelling.suggest(text, portable=True))
        if pair[0] != pair[1]:
            differ[text] = pair
    assert differ == {}
