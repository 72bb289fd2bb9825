"""The embedded default searches as well as PostgreSQL (issue 10, point 4): the same searches on
both databases over the demo data find the same services in each first ten.

One pytest run has one database, so the test runs on PostgreSQL and starts a fresh process on a
new SQLite file beside it (migrate, load_demo_data, then `manage.py search_top`, which prints
each search's first ten as JSON); the PostgreSQL side runs the same function in this process.
On SQLite it is skipped: the PostgreSQL side needs a PostgreSQL server.

The searches: the first QUERIES_PER_KIND of each kind in tests/relevance/queries.csv (lay
phrases, misspellings, exact words, abbreviations, several needs, sentences), without postcodes,
in the file's order: a fixed rule, not a hand-picked list. The first tens are compared as sets
(the order within equal scores may differ; so far no tie at the tenth place has split them).
KNOWN_DIFFERENCES lists the searches that still differ, each with why; the test fails if one
of them starts to agree (so the list cannot go stale) or if any other differs.
"""

import csv
import json
import urllib.parse
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from directory.management.commands.search_top import top_services
from tests.supportmap.processes import ROOT, manage

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="runs on PostgreSQL and starts SQLite beside it (SQLite alone has nothing to compare with)",
    ),
]

QUERIES_PER_KIND = 15

# The stemmers differ: FTS5's porter (Porter's first algorithm) and PostgreSQL's Snowball English
# (his second) give a few words different stems ("friendly": friendli / friend), so a handful of
# searches match slightly different services. Each is listed with what differs.
KNOWN_DIFFERENCES = {
    # "friend": Snowball stems "friendly" to friend, porter to friendli, so PostgreSQL matches more.
    "q=a+friend+for+my+mum",
    # Widened: PostgreSQL matches 54 services, SQLite 49 (one service differs in the first ten);
    # not traced to its word yet (by elimination most likely a stem that differs, as above).
    "q=I%27ve+been+sober+for+a+month+and+need+something+to+do+at+weekends",
}


def parity_queries() -> list[str]:
    taken: Counter = Counter()
    queries = []
    with (ROOT / "tests" / "relevance" / "queries.csv").open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            if row["postcode"] or taken[row["kind"]] >= QUERIES_PER_KIND:
                continue
            taken[row["kind"]] += 1
            queries.append(urllib.parse.urlencode({"q": row["query"]}))
    return queries


def sqlite_first_tens(queries: list[str], tmp_path: Path) -> dict:
    database = f"sqlite:///{tmp_path / 'parity.sqlite3'}"
    searches = tmp_path / "searches.json"
    searches.write_text(json.dumps(queries), encoding="utf-8")
    for command in (("migrate", "--no-input"), ("load_demo_data",), ("search_top", str(searches))):
        result = manage(*command, DEBUG="1", DATABASE_URL=database)
        assert result.returncode == 0, result.stderr + result.stdout
    # The last line is the JSON (logging may write lines before it).
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_both_databases_find_the_same_first_ten(demo_directory, tmp_path):
    queries = parity_queries()
    assert len(queries) >= 60
    assert set(queries) >= KNOWN_DIFFERENCES
    postgres = top_services(queries)
    sqlite = sqlite_first_tens(queries, tmp_path)

    differ = {
        query: (
            sorted(set(postgres[query]["top"]) - set(sqlite[query]["top"])),
            sorted(set(sqlite[query]["top"]) - set(postgres[query]["top"])),
        )
        for query in queries
        if set(postgres[query]["top"]) != set(sqlite[query]["top"])
    }
    unexpected = {query: only for query, only in differ.items() if query not in KNOWN_DIFFERENCES}
    assert unexpected == {}, "first ten differ (only on PostgreSQL, only on SQLite)"
    now_agree = KNOWN_DIFFERENCES - set(differ)
    assert now_agree == set(), "these now agree: take them out of KNOWN_DIFFERENCES"
    # Found at all: the same number of services, and the same widening, for every search.
    assert {
        q: (postgres[q]["total"], postgres[q]["widened"]) for q in queries if q not in KNOWN_DIFFERENCES
    } == {q: (sqlite[q]["total"], sqlite[q]["widened"]) for q in queries if q not in KNOWN_DIFFERENCES}
