"""Print, as JSON, the first ten services each search finds: the shared tool of the parity test
(tests/directory/test_search_parity.py), which runs the same searches on PostgreSQL and SQLite.

    manage.py search_top searches.json   # a JSON list of /services/ query strings ("q=widow")

Output: {query string: {"top": [slugs, best first], "total": n, "widened": bool}}.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.http import QueryDict

from directory.search import search_services

TOP = 10


def top_services(queries: list[str]) -> dict[str, dict]:
    found = {}
    for query in queries:
        result = search_services(QueryDict(query))
        found[query] = {
            "top": [service.slug for service in result.services[:TOP]],
            "total": result.total,
            "widened": bool(result.widened),
        }
    return found


class Command(BaseCommand):
    help = "Print the first ten services of each search in a JSON file (a list of query strings)."

    def add_arguments(self, parser):
        parser.add_argument("searches", help="a JSON file holding a list of /services/ query strings")

    def handle(self, *args, searches, **options):
        queries = json.loads(Path(searches).read_text(encoding="utf-8"))
        if not isinstance(queries, list) or not all(isinstance(query, str) for query in queries):
            self.stderr.write("The file must hold a JSON list of query strings.")
            raise SystemExit(2)
        self.stdout.write(json.dumps(top_services(queries)))
