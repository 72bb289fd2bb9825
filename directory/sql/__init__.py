"""The SQL the PostgreSQL search relies on, kept in one file: directory/sql/search.sql (its
derived columns, functions, triggers, extensions and indexes, each explained at its top).

A migration runs it with apply_search_sql(); running it again changes nothing. When the file
changes, a new migration runs it again and records search_sql_fingerprint() as SEARCH_SQL_FINGERPRINT
(tests/directory/test_search_sql.py checks that the newest such migration matches the file).
"""

import hashlib
from pathlib import Path

SEARCH_SQL_PATH = Path(__file__).resolve().parent / "search.sql"


def search_sql() -> str:
    """The text of search.sql, read now (a migration runs the file as it is when it runs)."""
    return SEARCH_SQL_PATH.read_text(encoding="utf-8")


def search_sql_fingerprint(sql: str | None = None) -> str:
    """A hash of the file's statements: lines that are only a comment, blank lines and trailing
    spaces do not count, so rewording the explanations needs no migration."""
    text = search_sql() if sql is None else sql
    lines = [line.rstrip() for line in text.splitlines()]
    kept = [line for line in lines if line.strip() and not line.lstrip().startswith("--")]
    return hashlib.sha256("\n".join(kept).encode()).hexdigest()[:16]


def apply_search_sql(connection) -> None:
    """Run search.sql on a PostgreSQL connection, in one go; on any other database do nothing."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        # No parameters, so the driver sends the text as it is (several statements, and no
        # placeholders to fill).
        cursor.execute(search_sql())
