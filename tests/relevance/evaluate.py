"""The relevance evaluation: `python -m tests.relevance.evaluate [--database sqlite|postgres|both]`.

Runs every query of tests/relevance/queries.csv through the real search
(directory.search.search_services, with the parameters the search page sends: q, postcode,
radius) over the demo data, and prints per database:

- hit@3: the share of queries with an acceptable service among the first 3 results;
- MRR@10: the mean of 1/rank of the first acceptable service within the first 10 (0 if none);
- the no-result share: queries that showed no service at all;

then the same per kind of query and with or without a postcode, the targets (hit@3 >= 90%,
no-result share <= 2%) with PASS or FAIL, and every query that missed (no acceptable service in
the first three): what was expected and what came first.

SQLite runs in a fresh temporary database file; PostgreSQL in the database supportmap_eval at
127.0.0.1:5432 (created if missing, migrated, and its demo data refreshed). Each database runs in
a child process of its own, since Django is set up once per process. The exit code is 0 whatever
the figures; it is 2 when the queries file is broken or a database cannot be reached.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

QUERIES_FILE = Path(__file__).with_name("queries.csv")
POSTGRES_DATABASE = "supportmap_eval"
KINDS = ("lay", "misspelling", "abbreviation", "multi-need", "sentence", "exact", "postcode")
COLUMNS = ("query", "kind", "postcode", "radius", "acceptable", "note")
RADII = ("", "1", "2", "5", "10", "25")
HIT_DEPTH = 3
MRR_DEPTH = 10
TARGET_HIT_AT_3 = 0.90
TARGET_NO_RESULT_SHARE = 0.02
# Results the page shows beyond its list of matches, in the order the page shows them. When the
# page gains groups of its own (nearest beyond the radius, available by phone or online), name
# the SearchResult attributes that hold them here, so the evaluation ranks what a person sees.
EXTRA_GROUPS: tuple[str, ...] = ()


# --- the queries -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    text: str
    kind: str
    postcode: str
    radius: str
    acceptable: tuple[str, ...]
    note: str = ""
    line: int = 0

    @property
    def key(self) -> tuple[str, str, str]:
        """Two rows with the same key are the same search."""
        return (" ".join(self.text.lower().split()), self.postcode.replace(" ", "").upper(), self.radius)

    def params(self):
        """The search page's parameters for this query, as a QueryDict."""
        from django.http import QueryDict

        params = QueryDict(mutable=True)
        params["q"] = self.text
        if self.postcode:
            params["postcode"] = self.postcode
        if self.radius:
            params["radius"] = self.radius
        return params

    def label(self) -> str:
        place = f" near {self.postcode}" if self.postcode else ""
        within = f" within {self.radius} km" if self.radius else ""
        return f"“{self.text}”{place}{within}"


def load_queries(path: Path = QUERIES_FILE) -> list[Query]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{path.name}: the header must be {','.join(COLUMNS)}, not {reader.fieldnames}")
        return [
            Query(
                text=row["query"].strip(),
                kind=row["kind"].strip(),
                postcode=row["postcode"].strip(),
                radius=row["radius"].strip(),
                acceptable=tuple(row["acceptable"].split()),
                note=row["note"].strip(),
                line=number,
            )
            for number, row in enumerate(reader, start=2)
        ]


def problems_in(queries: Sequence[Query], known_slugs: Iterable[str] | None = None) -> list[str]:
    """What is wrong with the queries file, one line per problem (empty when it is well formed)."""
    known = set(known_slugs) if known_slugs is not None else None
    found, seen = [], {}
    for query in queries:
        where = f"line {query.line} ({query.label()})"
        if not query.text:
            found.append(f"{where}: the query is empty")
        if query.kind not in KINDS:
            found.append(f"{where}: kind “{query.kind}” is not one of {', '.join(KINDS)}")
        if query.radius not in RADII:
            found.append(f"{where}: radius “{query.radius}” is not one of 1, 2, 5, 10, 25 (or empty)")
        if query.radius and not query.postcode:
            found.append(f"{where}: a radius needs a postcode")
        if not query.acceptable:
            found.append(f"{where}: no acceptable service is named")
        if len(set(query.acceptable)) != len(query.acceptable):
            found.append(f"{where}: a service is named twice")
        if known is not None:
            for slug in query.acceptable:
                if slug not in known:
                    found.append(f"{where}: no demo service has the slug “{slug}”")
        if query.key in seen:
            found.append(f"{where}: the same search as line {seen[query.key]}")
        seen.setdefault(query.key, query.line)
    return found


# --- the metrics -------------------------------------------------------------------------------


def first_acceptable_rank(ranking: Sequence[str], acceptable: Iterable[str]) -> int | None:
    """The 1-based rank of the first acceptable service in the ranking, or None."""
    wanted = set(acceptable)
    return next((rank for rank, slug in enumerate(ranking, start=1) if slug in wanted), None)


def hit_at(ranking: Sequence[str], acceptable: Iterable[str], depth: int = HIT_DEPTH) -> bool:
    rank = first_acceptable_rank(ranking, acceptable)
    return rank is not None and rank <= depth


def reciprocal_rank(ranking: Sequence[str], acceptable: Iterable[str], depth: int = MRR_DEPTH) -> float:
    rank = first_acceptable_rank(ranking, acceptable)
    return 1.0 / rank if rank is not None and rank <= depth else 0.0


@dataclass
class Outcome:
    """One query's results: the slugs in the order the page shows them."""

    query: Query
    ranking: tuple[str, ...]
    note: str = ""  # what the search did with the words ("did you mean", a correction)

    @property
    def hit(self) -> bool:
        return hit_at(self.ranking, self.query.acceptable)

    @property
    def reciprocal_rank(self) -> float:
        return reciprocal_rank(self.ranking, self.query.acceptable)

    @property
    def empty(self) -> bool:
        return not self.ranking


@dataclass
class Figures:
    queries: int
    hit_at_3: float
    mrr: float
    no_result_share: float

    @property
    def passes(self) -> dict[str, bool]:
        return {
            "hit@3": self.hit_at_3 >= TARGET_HIT_AT_3,
            "no-result share": self.no_result_share <= TARGET_NO_RESULT_SHARE,
        }


def no_result_share(rankings: Sequence[Sequence[str]]) -> float:
    return sum(1 for ranking in rankings if not ranking) / len(rankings) if rankings else 0.0


def figures(outcomes: Sequence[Outcome]) -> Figures:
    count = len(outcomes)
    if not count:
        return Figures(0, 0.0, 0.0, 0.0)
    return Figures(
        queries=count,
        hit_at_3=sum(outcome.hit for outcome in outcomes) / count,
        mrr=sum(outcome.reciprocal_rank for outcome in outcomes) / count,
        no_result_share=no_result_share([outcome.ranking for outcome in outcomes]),
    )


def breakdown(outcomes: Sequence[Outcome]) -> dict[str, Figures]:
    """Figures per kind of query (in KINDS order), then with and without a postcode."""
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        groups[outcome.query.kind].append(outcome)
    rows = {kind: figures(groups[kind]) for kind in KINDS if groups[kind]}
    rows["with a postcode"] = figures([o for o in outcomes if o.query.postcode])
    rows["without a postcode"] = figures([o for o in outcomes if not o.query.postcode])
    return rows


# --- running the search ------------------------------------------------------------------------


def shown_services(result) -> list:
    """The services the page shows, in order: its list, then any extra groups (EXTRA_GROUPS)."""
    shown = list(result.services)
    for name in EXTRA_GROUPS:
        shown.extend(getattr(result, name, None) or [])
    return shown


def run_query(query: Query, search) -> Outcome:
    result = search(query.params())
    if result.messages:
        raise ValueError(f"line {query.line}: the search rejected {query.label()}: {result.messages}")
    ranking = tuple(dict.fromkeys(service.slug for service in shown_services(result)))
    note = ""
    if result.corrected_from:
        note = f"searched for “{result.suggestion}” instead"
    elif result.suggestion:
        note = f"offered “{result.suggestion}”"
    return Outcome(query, ranking, note)


def prepare_sqlite(directory: str) -> None:
    # As tests.bench.run.configure_django does for PostgreSQL, but on a fresh SQLite file.
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(directory) / 'eval.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "supportmap.settings"
    os.environ.pop("DEBUG", None)
    import django

    django.setup()


def prepare_postgres(name: str) -> None:
    from tests.bench.run import SERVER, configure_django, ensure_database

    try:
        created = ensure_database(name)
    except Exception as exc:  # psycopg.OperationalError and its kin: say so and stop
        print(f"PostgreSQL is not reachable at {SERVER} ({type(exc).__name__}: {exc}).", file=sys.stderr)
        raise SystemExit(2) from None
    print(f"PostgreSQL database {name}: {'created' if created else 'reused'}")
    configure_django(name)


def load_demo_directory() -> set[str]:
    """Migrate, load (or refresh) the demo data, and return the demo services' slugs."""
    from django.core.management import call_command

    from directory.demo import data
    from directory.models import Service

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo_data", verbosity=0)
    demo = {spec["slug"] for spec in data.SERVICES}
    others = Service.objects.exclude(slug__in=demo).count()
    if others:
        print(f"Note: the database also holds {others} services that are not demo data.")
    return demo


def evaluate(database: str, queries_path: Path, postgres_name: str = POSTGRES_DATABASE) -> dict:
    """Set Django up on one database, run every query, print the figures; return them as a dict."""
    with tempfile.TemporaryDirectory(prefix="supportmap-eval-") as directory:
        if database == "sqlite":
            prepare_sqlite(directory)
        else:
            prepare_postgres(postgres_name)
        queries = load_queries(queries_path)
        slugs = load_demo_directory()
        problems = problems_in(queries, slugs)
        if problems:
            print(f"{queries_path.name} is not well formed:", *problems, sep="\n  ", file=sys.stderr)
            raise SystemExit(2)

        from directory.search import search_services

        outcomes = [run_query(query, search_services) for query in queries]
        report(database, outcomes)
        return summary(database, outcomes)


# --- the report --------------------------------------------------------------------------------


def percent(share: float) -> str:
    return f"{share * 100:5.1f}%"


def figures_line(label: str, values: Figures, width: int = 20) -> str:
    return (
        f"  {label:<{width}} {values.queries:>5}   {percent(values.hit_at_3)}   {values.mrr:6.3f}   "
        f"{percent(values.no_result_share)}"
    )


def report(database: str, outcomes: Sequence[Outcome], out=None) -> None:
    out = out or sys.stdout
    overall = figures(outcomes)
    header = f"  {'':<20} {'queries':>5}   {'hit@3':>6}   {'MRR@10':>6}   {'no result':>6}"
    print(f"\n== {database}: {overall.queries} queries over the demo data", file=out)
    print(header, file=out)
    print(figures_line("all", overall), file=out)
    for label, values in breakdown(outcomes).items():
        print(figures_line(label, values), file=out)

    misses = [outcome for outcome in outcomes if not outcome.hit]
    print(
        f"\n-- {database}: {len(misses)} queries without an acceptable service in the first {HIT_DEPTH}",
        file=out,
    )
    for outcome in misses:
        query = outcome.query
        rank = first_acceptable_rank(outcome.ranking[:MRR_DEPTH], query.acceptable)
        came = ", ".join(outcome.ranking[:HIT_DEPTH]) if outcome.ranking else "no results"
        found = f"first acceptable at {rank}" if rank else f"none acceptable in the first {MRR_DEPTH}"
        wanted = ", ".join(query.acceptable[:4]) + (
            f" (+{len(query.acceptable) - 4})" if len(query.acceptable) > 4 else ""
        )
        print(f"  [{query.kind}] {query.label()}", file=out)
        print(f"      expected: {wanted}", file=out)
        print(f"      came first: {came}; {found}" + (f"; {outcome.note}" if outcome.note else ""), file=out)
    print_targets(database, overall, out)


def print_targets(database: str, values: Figures, out=None) -> None:
    out = out or sys.stdout
    passes = values.passes
    print(f"\n-- {database}: targets", file=out)
    print(
        f"  hit@3 >= {TARGET_HIT_AT_3:.0%}: {percent(values.hit_at_3).strip()}  "
        f"{'PASS' if passes['hit@3'] else 'FAIL'}",
        file=out,
    )
    print(
        f"  no-result share <= {TARGET_NO_RESULT_SHARE:.0%}: {percent(values.no_result_share).strip()}  "
        f"{'PASS' if passes['no-result share'] else 'FAIL'}",
        file=out,
    )


def summary(database: str, outcomes: Sequence[Outcome]) -> dict:
    overall = figures(outcomes)
    return {
        "database": database,
        "queries": overall.queries,
        "hit_at_3": overall.hit_at_3,
        "mrr": overall.mrr,
        "no_result_share": overall.no_result_share,
        "by_kind": {label: vars(values) for label, values in breakdown(outcomes).items()},
        "misses": [outcome.query.line for outcome in outcomes if not outcome.hit],
    }


# --- entry point -------------------------------------------------------------------------------


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.relevance.evaluate", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--database", choices=("sqlite", "postgres", "both"), default="both", help="where to search (both)"
    )
    parser.add_argument(
        "--queries", type=Path, default=QUERIES_FILE, help="the queries file (queries.csv here)"
    )
    parser.add_argument(
        "--db", default=POSTGRES_DATABASE, help=f"the PostgreSQL database's name ({POSTGRES_DATABASE})"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file as JSON")
    return parser.parse_args(argv)


def run_children(args: argparse.Namespace) -> int:
    """Each database in a child process of its own; then the two summaries side by side."""
    results, code = [], 0
    with tempfile.TemporaryDirectory(prefix="supportmap-eval-") as directory:
        for database in ("sqlite", "postgres"):
            figures_file = Path(directory) / f"{database}.json"
            command = [sys.executable, "-m", "tests.relevance.evaluate", "--database", database]
            command += ["--queries", str(args.queries), "--db", args.db, "--json", str(figures_file)]
            returned = subprocess.run(command, check=False).returncode
            code = max(code, returned)
            if returned == 0 and figures_file.exists():
                results.append(json.loads(figures_file.read_text()))
    if results:
        print("\n== summary (targets on each database: hit@3 >= 90%, no-result share <= 2%)")
        print(
            f"  {'database':<10} {'queries':>7}   {'hit@3':>6}   {'MRR@10':>6}   {'no result':>9}   targets"
        )
        for row in results:
            values = Figures(row["queries"], row["hit_at_3"], row["mrr"], row["no_result_share"])
            verdict = ", ".join(f"{name} {'PASS' if ok else 'FAIL'}" for name, ok in values.passes.items())
            print(
                f"  {row['database']:<10} {row['queries']:>7}   {percent(values.hit_at_3)}   {values.mrr:6.3f}   "
                f"{percent(values.no_result_share):>9}   {verdict}"
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return code


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.database == "both":
        return run_children(args)
    result = evaluate(args.database, args.queries, args.db)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
