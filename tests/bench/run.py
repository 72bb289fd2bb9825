"""The search benchmark: `python -m tests.bench.run [--n 200000] [--db supportmap_bench] [--regenerate]`.

Creates the PostgreSQL database if needed, migrates it, loads n synthetic services when the
published count differs (or with --regenerate), then times every search of queries.QUERIES through
directory.search.search_services (after one untimed warm-up pass) and the naive baseline on the same
mix, and prints p50/p95 per category, SQL queries per search, the naive/fast ratio and PASS/FAIL
against the targets. The exit code is 0 whatever the timings; it is 2 when the search is missing.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import platform
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from importlib import import_module
from urllib.parse import urlencode

SERVER = "postgres://postgres@127.0.0.1:5432"
DEFAULT_SEARCH = "directory.search:search_services"
NAIVE_SAMPLE_ABOVE = 100_000  # above this many services, time naive on every 4th query only
MAX_QUERIES_PER_SEARCH = 8
MIN_SPEEDUP = 20
SPEEDUP_JUDGED_FROM = 200_000


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000, help="published services to benchmark (200000)")
    parser.add_argument("--db", default="supportmap_bench", help="database name (supportmap_bench)")
    parser.add_argument("--regenerate", action="store_true", help="reload the data even if the count matches")
    parser.add_argument(
        "--search", default=DEFAULT_SEARCH, help=f"module:function to time ({DEFAULT_SEARCH})"
    )
    parser.add_argument("--naive-only", action="store_true", help="time only the naive baseline")
    parser.add_argument("--skip-naive", action="store_true", help="do not time the naive baseline")
    parser.add_argument(
        "--naive-every",
        type=int,
        default=0,
        help=f"time naive on every k-th query (default: 1, or 4 above {NAIVE_SAMPLE_ABOVE:,} services)",
    )
    parser.add_argument(
        "--touch-cards",
        action="store_true",
        help="also read each result's organisation and locations, as a result card does",
    )
    return parser.parse_args(argv)


# --- setup -------------------------------------------------------------------------------------


def ensure_database(name: str) -> bool:
    """Create the database if it is missing. Returns True when it was created."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return not exists


def configure_django(database: str) -> None:
    os.environ["DATABASE_URL"] = f"{SERVER}/{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "supportmap.settings"
    os.environ.pop("DEBUG", None)
    import django

    django.setup()


def prepare_data(n: int, regenerate: bool) -> None:
    from django.core.management import call_command

    from directory.models import Service
    from tests.bench.generate import generate, truncate_directory

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    print(f"migrated ({time.perf_counter() - started:.1f} s)")
    published = Service.objects.published().count()
    if published == n and not regenerate:
        print(f"data: {published:,} published services already loaded")
        return
    print(f"data: {published:,} published services, want {n:,}: loading")
    truncate_directory()
    counts = generate(n)
    print(f"generated in {counts['seconds']:.1f} s")


def load_search(spec: str) -> Callable:
    module_name, _, function_name = spec.partition(":")
    try:
        return getattr(import_module(module_name), function_name or "search_services")
    except (ImportError, AttributeError) as exc:
        print(
            f"\nThe benchmark times {spec}, which is not available yet ({type(exc).__name__}: {exc}).\n"
            "Write it first, pass another implementation with --search module:function,\n"
            "or time only the baseline with --naive-only.",
            file=sys.stderr,
        )
        raise SystemExit(2) from None


# --- the everyday-language searches (issue 10) --------------------------------------------------

# Lay phrases the search vocabulary expands (directory/thesaurus.py), and searches that find too
# few services with all their words, so the search widens to most of them, then any. Each set is
# timed alone and near a postcode, and reports its own p95; all count in the overall figures.
THESAURUS = [
    "my wife passed away",
    "ex-RAF",
    "feeling down",
    "can't pay my rent",
    "nobody to talk to",
    "bi teen",
    "skint",
    "booze",
    "expecting a baby",
    "served in the forces",
    "stuck in the house",
    "in arrears",
    "looking after my dad",
    "non-binary",
    "adolescent",
]
WIDENING = [
    "my husband has parkinson's and i'm struggling to cope",
    "no money and no friends since the divorce",
    "befriending chess pottery",
    "walking xylophone",
    "knitting group for deaf veterans",
    "dementia cafe on a sunday evening",
    "lonely widower who likes fishing",
    "gardening and cooking for refugees",
    "choir for people with copd and anxiety",
    "support for a teenager who self harms",
]
NEAR = ["DD4 7AA", "PH1 5AA", "EH6 1AA", "G31 1AA", "AB24 1AA"]


def everyday_queries() -> list:
    from tests.bench.queries import Query

    queries = []
    for category, texts in (("thesaurus", THESAURUS), ("widening", WIDENING)):
        queries += [Query(category, [("q", text)]) for text in texts]
        queries += [
            Query(f"{category}+pc", [("q", text), ("postcode", NEAR[index % len(NEAR)])])
            for index, text in enumerate(texts)
        ]
    return queries


# --- timing ------------------------------------------------------------------------------------


@dataclass
class Measurement:
    category: str
    params: list
    ms: float
    sql: int
    total: int | None
    rejected: bool = False  # the search reported a parameter as invalid
    capped: bool = False
    error: str = ""
    widened: bool = False  # too few matched all the words: the search widened (issue 10)


def _force(result, touch_cards: bool) -> tuple[int, bool, bool, bool]:
    """Evaluate everything a page shows: the page's services, the total and the facets."""
    services = list(result.services)
    total = result.total
    for value in dict(result.facets).values():
        if not isinstance(value, str | int | float) and hasattr(value, "__iter__"):
            list(value)
    if touch_cards:
        for service in services:
            _ = service.organisation.name
            list(service.locations.all())
    rejected = bool(getattr(result, "messages", None))
    return total, rejected, bool(getattr(result, "total_capped", False)), bool(getattr(result, "widened", ""))


def measure(function: Callable, queries, touch_cards: bool = False) -> list[Measurement]:
    from django.db import connection, reset_queries
    from django.http import QueryDict
    from django.test.utils import CaptureQueriesContext

    reset_queries()  # a full query log (the migrations, the warm-up) would hide each search's count
    measurements = []
    for query in queries:
        params = QueryDict(urlencode(query.params))
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            try:
                total, rejected, capped, widened = _force(function(params), touch_cards)
                error = ""
            except Exception as exc:  # report every failing search, then carry on
                total, rejected, capped, widened = None, False, False, False
                error = f"{type(exc).__name__}: {exc}"
                traceback.print_exc(limit=3)
            ms = (time.perf_counter() - started) * 1000
        measurements.append(
            Measurement(
                query.category, query.params, ms, len(captured), total, rejected, capped, error, widened
            )
        )
    return measurements


def warm_up(function: Callable, queries, touch_cards: bool = False) -> None:
    from django.http import QueryDict

    for query in queries:
        # A failing search is reported by the timed pass.
        with contextlib.suppress(Exception):
            _force(function(QueryDict(urlencode(query.params))), touch_cards)


# --- report ------------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def p95_target(n: int) -> float:
    """60 ms up to 200k services, 150 ms from 1M, linear in between."""
    if n <= 200_000:
        return 60.0
    if n >= 1_000_000:
        return 150.0
    return 60.0 + (n - 200_000) / 800_000 * 90.0


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:,.1f}"


def _ratio(slow: float, fast: float) -> str:
    return "-" if math.isnan(slow) or math.isnan(fast) or fast <= 0 else f"{slow / fast:,.1f}x"


def print_report(n, database, fast, naive, naive_every, environment) -> None:
    from tests.bench.queries import CATEGORIES

    print()
    print(f"SupportMap search benchmark  {environment['date']}")
    print(
        f"PostgreSQL {environment['postgres']}  |  n = {n:,} published services (db {database})  |  "
        f"{os.cpu_count()} CPUs  |  Python {platform.python_version()}  |  Django {environment['django']}"
    )
    if naive and naive_every > 1:
        print(
            f"naive timed on every {naive_every}th query only (n > {NAIVE_SAMPLE_ABOVE:,}); ratios use that subset"
        )
    print()
    header = (
        f"{'category':<14}{'queries':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'max SQL':>8}{'zero':>6}"
        f"{'naive p50':>11}{'naive p95':>11}{'x p50':>8}{'x p95':>8}"
    )
    print(header)
    print("-" * len(header))
    summary = {}
    everyday = list(dict.fromkeys(query.category for query in everyday_queries()))
    for category in [*CATEGORIES, *everyday, "overall"]:
        rows = [m for m in fast if category in ("overall", m.category) and not m.error]
        slow = [m for m in naive if category in ("overall", m.category) and not m.error]
        sampled = {tuple(map(tuple, m.params)) for m in slow}
        paired = [m.ms for m in rows if tuple(map(tuple, m.params)) in sampled]
        times = [m.ms for m in rows]
        stats = {
            "p50": percentile(times, 50),
            "p95": percentile(times, 95),
            "max": max(times, default=math.nan),
            "sql": max((m.sql for m in rows), default=0),
            "zero": sum(1 for m in rows if m.total == 0),
            "naive_p50": percentile([m.ms for m in slow], 50),
            "naive_p95": percentile([m.ms for m in slow], 95),
            "paired_p50": percentile(paired, 50),
            "paired_p95": percentile(paired, 95),
        }
        summary[category] = stats
        count = len(rows) or len(slow)
        if category == "overall":
            print("-" * len(header))
        print(
            f"{category:<14}{count:>8}{_ms(stats['p50']):>9}{_ms(stats['p95']):>9}{_ms(stats['max']):>9}"
            f"{stats['sql'] if rows else '-':>8}{stats['zero'] if rows else '-':>6}"
            f"{_ms(stats['naive_p50']):>11}{_ms(stats['naive_p95']):>11}"
            f"{_ratio(stats['naive_p50'], stats['paired_p50']):>8}{_ratio(stats['naive_p95'], stats['paired_p95']):>8}"
        )
    print("(zero: searches that found nothing; x: naive time / fast time on the same queries)")

    empty = [m for m in fast if m.total == 0]
    if empty:
        print("found nothing: " + ";  ".join(urlencode(m.params) for m in empty[:8]))
    rejected = [m for m in fast if m.rejected]
    if rejected:
        print(f"\n{len(rejected)} searches reported invalid parameters, for example:")
        for m in rejected[:5]:
            print(f"  {urlencode(m.params)}")
    widened = [m for m in fast if m.widened]
    if widened:
        print(
            f"{len(widened)} searches widened to most or any of their words, p95 {percentile([m.ms for m in widened], 95):.1f} ms"
        )
    capped = sum(1 for m in fast if m.capped)
    if capped:
        print(f"{capped} searches returned a capped total")
    naive_totals = {tuple(map(tuple, m.params)): m.total for m in naive if not m.error}
    differ = sum(
        1
        for m in fast
        if tuple(map(tuple, m.params)) in naive_totals
        and m.total != naive_totals[tuple(map(tuple, m.params))]
    )
    if naive and fast:
        print(
            f"{differ} of {len(naive_totals)} searches have a different total from naive (stemming, synonyms, typos)"
        )
    errors = [m for m in [*fast, *naive] if m.error]
    for m in errors[:5]:
        print(f"ERROR {urlencode(m.params)}: {m.error}")

    if not fast:
        return
    overall = summary["overall"]
    target = p95_target(n)
    print(f"\nTargets at n = {n:,}:")
    verdict = "PASS" if overall["p95"] <= target else "FAIL"
    print(f"  {verdict}  p95 {overall['p95']:.1f} ms <= {target:.0f} ms")
    verdict = "PASS" if overall["sql"] <= MAX_QUERIES_PER_SEARCH else "FAIL"
    print(f"  {verdict}  at most {overall['sql']} SQL queries per search <= {MAX_QUERIES_PER_SEARCH}")
    if naive:
        speedups = (
            overall["naive_p50"] / overall["paired_p50"],
            overall["naive_p95"] / overall["paired_p95"],
        )
        verdict = "PASS" if min(speedups) >= MIN_SPEEDUP else "FAIL"
        if n < SPEEDUP_JUDGED_FROM:
            verdict = "n/a "
        print(
            f"  {verdict}  {speedups[0]:.1f}x (p50) and {speedups[1]:.1f}x (p95) faster than naive "
            f">= {MIN_SPEEDUP}x"
            + ("" if n >= SPEEDUP_JUDGED_FROM else f" (judged from n = {SPEEDUP_JUDGED_FROM:,})")
        )
    if errors:
        print(f"  FAIL  {len(errors)} searches raised an error")


def main(argv=None) -> int:
    args = parse_args(argv)
    if ensure_database(args.db):
        print(f"created database {args.db}")
    configure_django(args.db)

    import django
    from django.db import connection

    from tests.bench.naive import naive_search
    from tests.bench.queries import QUERIES

    QUERIES = [*QUERIES, *everyday_queries()]  # noqa: N806 (the mix timed)

    search = None if args.naive_only else load_search(args.search)
    prepare_data(args.n, args.regenerate)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    environment = {
        "date": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "postgres": postgres,
        "django": django.get_version(),
    }

    fast: list[Measurement] = []
    if search is not None:
        started = time.perf_counter()
        warm_up(search, QUERIES, args.touch_cards)
        print(f"warm-up: {len(QUERIES)} searches ({time.perf_counter() - started:.1f} s)")
        started = time.perf_counter()
        fast = measure(search, QUERIES, args.touch_cards)
        print(f"timed {len(QUERIES)} searches ({time.perf_counter() - started:.1f} s)")

    naive: list[Measurement] = []
    naive_every = args.naive_every or (4 if args.n > NAIVE_SAMPLE_ABOVE else 1)
    if not args.skip_naive:
        sample = QUERIES[::naive_every]
        started = time.perf_counter()
        warm_up(naive_search, sample[:: max(1, len(sample) // 6)])
        naive = measure(naive_search, sample)
        print(f"timed naive on {len(sample)} searches ({time.perf_counter() - started:.1f} s)")

    print_report(args.n, args.db, fast, naive, naive_every, environment)
    return 0


if __name__ == "__main__":
    sys.exit(main())
