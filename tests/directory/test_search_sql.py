"""directory/sql/search.sql is the truth about the PostgreSQL search's derived columns, functions,
triggers, extensions and indexes: the migrated database holds exactly what it says, running it
again changes nothing, and a change to it comes with a migration that runs it again."""

import importlib
import re
from pathlib import Path

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.http import QueryDict

from directory.models import Service, Topic
from directory.search import search_services
from directory.sql import apply_search_sql, search_sql, search_sql_fingerprint
from tests.factories import ServiceFactory

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="search.sql is PostgreSQL's (SQLite searches its FTS5 index, test_search_fts.py)",
)

SQL = search_sql()
# Function bodies as written (their comments included, as PostgreSQL keeps them); the rest from
# the statements alone, so the explanations cannot be taken for definitions.
STATEMENTS = "\n".join(line for line in SQL.splitlines() if not line.lstrip().startswith("--"))
FUNCTIONS = dict(re.findall(r"CREATE OR REPLACE FUNCTION (\w+)\(.*?\$\$(.*?)\$\$", SQL, re.S))
TRIGGERS = {
    name: (table, function)
    for name, table, function in re.findall(
        r"CREATE TRIGGER (\w+)\b.*?\bON (\w+).*?EXECUTE FUNCTION (\w+)\(\);", STATEMENTS, re.S
    )
}
INDEXES = dict(re.findall(r"CREATE INDEX IF NOT EXISTS (\w+) (ON .*?);", STATEMENTS, re.S))
EXTENSIONS = re.findall(r"CREATE EXTENSION IF NOT EXISTS (\w+);", STATEMENTS)
COLUMNS = dict(re.findall(r"ADD COLUMN IF NOT EXISTS (\w+) ([\w\[\]]+)", STATEMENTS))


def rows(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def catalog():
    """Every definition the file could touch, as PostgreSQL prints it back."""
    return {
        "functions": rows(
            "SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p"
            " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()"
            " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')"
            " ORDER BY 1"
        ),
        "triggers": rows(
            "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1"
        ),
        "indexes": rows(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1"
        ),
        "columns": rows(
            "SELECT attname, format_type(atttypid, atttypmod), attnotnull FROM pg_attribute"
            " WHERE attrelid = 'directory_service'::regclass AND attnum > 0 AND NOT attisdropped"
            " ORDER BY attnum"
        ),
        "extensions": rows("SELECT extname, extversion FROM pg_extension ORDER BY 1"),
    }


def test_the_file_names_what_the_search_relies_on():
    # The parsing below must see the file's objects, or the other tests would check nothing.
    assert set(FUNCTIONS) >= {"directory_service_document", "directory_service_place", "directory_place_cell"}
    assert len(TRIGGERS) == 8 and len(INDEXES) == 14
    assert set(EXTENSIONS) == {"pg_trgm", "cube", "earthdistance"}
    assert set(COLUMNS) == {"place_box", "place_points", "place_cells", "place_areas", "search_tags"}


def test_the_newest_migration_that_runs_the_file_was_written_for_its_present_text():
    migrations = sorted(Path(importlib.import_module("directory.migrations").__file__).parent.glob("0*.py"))
    written_for = {}
    for path in migrations:
        module = importlib.import_module(f"directory.migrations.{path.stem}")
        if hasattr(module, "SEARCH_SQL_FINGERPRINT"):
            written_for[path.stem] = module.SEARCH_SQL_FINGERPRINT
    newest = max(written_for)
    assert written_for[newest] == search_sql_fingerprint(), (
        f"directory/sql/search.sql changed after {newest} ran it: add a migration that runs it again "
        f"(SEARCH_SQL_FINGERPRINT = {search_sql_fingerprint()!r}); databases migrated already keep the old SQL"
    )


@postgresql_only
@pytest.mark.django_db
def test_every_function_in_the_file_is_in_the_database_with_the_files_body():
    for name, body in FUNCTIONS.items():
        assert rows("SELECT prosrc FROM pg_proc WHERE proname = %s", [name]) == [(body,)], name


@postgresql_only
@pytest.mark.django_db
def test_every_trigger_in_the_file_is_on_its_table_and_calls_its_function():
    live = {
        name: (table, function)
        for name, table, function in rows(
            "SELECT tgname, tgrelid::regclass::text, tgfoid::regproc::text FROM pg_trigger"
            " WHERE NOT tgisinternal"
        )
    }
    for name, table_and_function in TRIGGERS.items():
        assert live.get(name) == table_and_function, name


@postgresql_only
@pytest.mark.django_db
def test_the_database_has_no_search_function_or_trigger_the_file_leaves_out():
    functions = {name for name, _ in catalog()["functions"] if name.startswith("directory_")}
    triggers = {name for name, _ in catalog()["triggers"] if name.startswith("directory_")}
    assert functions == set(FUNCTIONS)
    assert triggers == set(TRIGGERS)


@postgresql_only
@pytest.mark.django_db
def test_every_index_in_the_file_is_in_the_database_as_the_file_defines_it():
    # CREATE INDEX IF NOT EXISTS keeps an index of that name whatever it covers, so build the
    # file's definition under another name and compare it with the index the database has.
    live = dict(catalog()["indexes"])
    for name, definition in INDEXES.items():
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE INDEX {name}_as_filed {definition}")
            cursor.execute("SELECT pg_get_indexdef(%s::regclass)", [f"{name}_as_filed"])
            [as_filed] = cursor.fetchone()
            cursor.execute(f"DROP INDEX {name}_as_filed")
        assert as_filed.replace(f"{name}_as_filed", name) == live.get(name), name


@postgresql_only
@pytest.mark.django_db
def test_every_extension_and_derived_column_in_the_file_is_in_the_database():
    found = catalog()
    assert set(EXTENSIONS) <= {name for name, _ in found["extensions"]}
    columns = {name: type_ for name, type_, _ in found["columns"]}
    assert {name: columns.get(name) for name in COLUMNS} == COLUMNS


@postgresql_only
@pytest.mark.django_db
def test_running_the_file_again_raises_nothing_and_changes_nothing():
    before = catalog()
    apply_search_sql(connection)
    apply_search_sql(connection)
    assert catalog() == before


# What the triggers are for: a write through the ORM is searchable straight away.


def found(query: str) -> list[str]:
    return [service.slug for service in search_services(QueryDict(query)).services]


@postgresql_only
@pytest.mark.django_db
def test_saving_a_service_through_the_orm_updates_its_search_document():
    service = ServiceFactory(slug="tea", description="A weekly gathering over porridge.")
    assert found("q=porridge") == ["tea"]
    service.description = "A weekly gathering over pancakes."
    service.save()
    documents = Service.objects.filter(pk=service.pk)
    assert documents.filter(search_vector=SearchQuery("pancakes")).exists()
    assert not documents.filter(search_vector=SearchQuery("porridge")).exists()
    assert found("q=pancakes") == ["tea"]
    assert found("q=porridge") == []


@postgresql_only
@pytest.mark.django_db
def test_adding_and_removing_a_topic_through_the_orm_updates_the_search_document():
    service = ServiceFactory(slug="tea", summary="Tea.", description="Tea.")
    topic = Topic.objects.create(name="Xylophone practice", slug="xylophone")
    assert found("q=xylophone") == []
    service.topics.add(topic)
    assert found("q=xylophone") == ["tea"]
    service.topics.remove(topic)
    assert found("q=xylophone") == []
