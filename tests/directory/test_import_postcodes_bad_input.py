"""The ONSPD importer never loses good rows: each broken row is reported by line and the rest load.

Each test writes a file with good rows on both sides of a broken one, so a run that aborts, or
loses the batch in hand, fails the test as surely as a missing report does.
"""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from directory.models import Postcode
from tests.directory.test_import_postcodes import HEADER, onspd_row, run, write_onspd


def good(n):
    return onspd_row(f"DD{n} {n}AB", f"56.{n:06d}", f"-2.{n:06d}")


def imported():
    return sorted(Postcode.objects.values_list("postcode", flat=True))


def replace_bytes(path, old: bytes, new: bytes):
    data = path.read_bytes()
    assert data.count(old) == 1
    path.write_bytes(data.replace(old, new))


@pytest.mark.django_db
def test_a_nul_byte_in_a_code_is_reported_and_the_rest_imported(tmp_path):
    # Short enough to pass the length check; PostgreSQL refuses NUL in text, SQLite would store it.
    rows = [good(1), onspd_row("DD2 2AB", "56.1", "-2.1", oslaua="S120\x000042"), good(3)]
    out, err = run(write_onspd(tmp_path, rows))

    assert err.splitlines() == ["line 3: contains a NUL byte"]
    assert imported() == ["DD1 1AB", "DD3 3AB"]
    assert "Imported 2 postcodes; skipped 0 terminated, 0 without a location; 1 bad rows." in out


@pytest.mark.django_db
def test_invalid_utf8_is_reported_by_line_and_the_rest_imported(tmp_path):
    rows = [good(1), onspd_row("DD2 2AB", "56.1", "-2.1", parish="MARKER"), good(3), good(4)]
    path = write_onspd(tmp_path, rows)
    replace_bytes(path, b"MARKER", b"M\xffRKER")  # A Latin-1 byte in a UTF-8 file.

    out, err = run(path)

    assert err.splitlines() == ["line 3: not valid UTF-8 text"]
    assert imported() == ["DD1 1AB", "DD3 3AB", "DD4 4AB"]
    assert "Imported 3 postcodes; skipped 0 terminated, 0 without a location; 1 bad rows." in out


@pytest.mark.django_db
def test_invalid_utf8_in_the_postcode_itself_is_reported_as_such(tmp_path):
    rows = [good(1), onspd_row("DD2 2AB", "56.1", "-2.1"), good(3)]
    path = write_onspd(tmp_path, rows)
    # pcd2 then pcds; a multi-byte sequence cut short in pcds.
    replace_bytes(path, b'"DD2  2AB","DD2 2AB"', b'"DD2  2AB","DD2 \xc32AB"')

    _, err = run(path)

    assert err.splitlines() == ["line 3: not valid UTF-8 text"]
    assert imported() == ["DD1 1AB", "DD3 3AB"]


@pytest.mark.django_db
def test_a_field_over_the_csv_size_limit_is_reported_and_the_rest_imported(tmp_path):
    huge = "x" * (140 * 1024)
    rows = [good(1), onspd_row("DD2 2AB", "56.1", "-2.1", parish=huge), good(3), good(4)]
    out, err = run(write_onspd(tmp_path, rows))

    assert err.splitlines() == ["line 3: a field is longer than 128 KB"]
    assert imported() == ["DD1 1AB", "DD3 3AB", "DD4 4AB"]
    assert "Imported 3 postcodes; skipped 0 terminated, 0 without a location; 1 bad rows." in out


@pytest.mark.django_db
def test_a_malformed_doterm_is_reported_not_counted_as_terminated(tmp_path):
    rows = [
        good(1),  # line 2
        onspd_row("DD2 2AB", "56.1", "-2.1", doterm="soon"),  # line 3
        onspd_row("DD3 3AB", "56.1", "-2.1", doterm="2001"),  # line 4
        onspd_row("DD4 4AB", "56.1", "-2.1", doterm="200113"),  # line 5: no month 13
        onspd_row("DD5 5AB", "56.1", "-2.1", doterm="200112"),  # line 6: really terminated
        good(6),  # line 7
    ]
    out, err = run(write_onspd(tmp_path, rows))

    assert err.splitlines() == [
        "line 3: doterm 'soon' is not a date (YYYYMM)",
        "line 4: doterm '2001' is not a date (YYYYMM)",
        "line 5: doterm '200113' is not a date (YYYYMM)",
    ]
    assert imported() == ["DD1 1AB", "DD6 6AB"]
    assert "Imported 2 postcodes; skipped 1 terminated, 0 without a location; 3 bad rows." in out


@pytest.mark.django_db
def test_a_row_with_too_few_or_too_many_fields_is_reported(tmp_path):
    # A short row would shift the columns, reading one column's value as another's.
    path = write_onspd(tmp_path, [good(1)])
    good_line = path.read_text().splitlines()[1]
    with open(path, "a", encoding="utf-8", newline="") as handle:
        handle.write('"DD2 2AB","56.1","-2.1"\r\n')  # line 3
        handle.write(good_line.replace("DD1 1AB", "DD3 3AB") + ',"extra"\r\n')  # line 4
    width = len(HEADER)

    _, err = run(path)

    assert err.splitlines() == [
        f"line 3: has 3 fields where the header has {width}",
        f"line 4: has {width + 1} fields where the header has {width}",
    ]
    assert imported() == ["DD1 1AB"]


@pytest.mark.django_db
def test_every_kind_of_bad_row_in_one_file_keeps_physical_line_numbers(tmp_path):
    rows = [
        good(1),  # line 2
        onspd_row("DD2 2AB", "56.1", "-2.1", parish="x" * (130 * 1024)),  # line 3
        good(3),  # line 4
        onspd_row("DD4 4AB", "56.1", "-2.1", parish="MARKER"),  # line 5
        onspd_row("DD5 5AB", "56.1", "-2.1", oslaua="S1\x00"),  # line 6
        onspd_row("DD6 6AB", "56.1", "-2.1", doterm="later"),  # line 7
        onspd_row("DD7 7AB", "56.1", "east"),  # line 8
        good(8),  # line 9
    ]
    path = write_onspd(tmp_path, rows)
    replace_bytes(path, b"MARKER", b"MARK\x80R")

    out, err = run(path, "--batch-size", "2")

    assert err.splitlines() == [
        "line 3: a field is longer than 128 KB",
        "line 5: not valid UTF-8 text",
        "line 6: contains a NUL byte",
        "line 7: doterm 'later' is not a date (YYYYMM)",
        "line 8: longitude 'east' is not a number",
    ]
    assert imported() == ["DD1 1AB", "DD3 3AB", "DD8 8AB"]
    assert "Imported 3 postcodes; skipped 0 terminated, 0 without a location; 5 bad rows." in out
    assert "Read 8 rows" in out


REFUSED = "DD5 5AB"


@pytest.fixture
def database_refuses_one_postcode(db):
    """A trigger that makes the database itself refuse REFUSED, a row every Python check passes."""
    table = Postcode._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION test_refuse_postcode() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN IF NEW.postcode = '{REFUSED}' THEN "
                "RAISE EXCEPTION USING ERRCODE = 'check_violation', MESSAGE = 'postcode refused by test'; "
                "END IF; RETURN NEW; END $$"
            )
            cursor.execute(
                f"CREATE TRIGGER test_refuse_postcode BEFORE INSERT OR UPDATE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION test_refuse_postcode()"
            )
        else:
            cursor.execute(
                f"CREATE TRIGGER test_refuse_postcode BEFORE INSERT ON {table} "
                f"WHEN NEW.postcode = '{REFUSED}' "
                "BEGIN SELECT RAISE(ABORT, 'postcode refused by test'); END"
            )
    yield
    # The test's transaction rolls the trigger back on both databases; dropping it says so plainly.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER test_refuse_postcode ON {table}")
            cursor.execute("DROP FUNCTION test_refuse_postcode()")
        else:
            cursor.execute("DROP TRIGGER test_refuse_postcode")


@pytest.mark.django_db
def test_a_batch_the_database_refuses_is_retried_row_by_row(tmp_path, database_refuses_one_postcode):
    rows = [good(n) for n in range(1, 9)]  # Lines 2 to 9; DD5 5AB is on line 6.
    out, err = run(write_onspd(tmp_path, rows), "--batch-size", "3")  # Batches: 2-4, 5-7, 8-9.

    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("line 6: the database refused this row: ")
    assert "postcode refused by test" in lines[0]
    assert imported() == ["DD1 1AB", "DD2 2AB", "DD3 3AB", "DD4 4AB", "DD6 6AB", "DD7 7AB", "DD8 8AB"]
    assert Postcode.objects.get(pk="DD6 6AB").latitude == Decimal("56.000006")
    assert "Imported 7 postcodes; skipped 0 terminated, 0 without a location; 1 bad rows." in out


@pytest.mark.django_db
def test_bad_rows_of_every_kind_share_the_report_cap(tmp_path):
    rows = [onspd_row("DD2 2AB", "56.1", "-2.1", doterm="x") for _ in range(98)]  # Lines 2 to 99.
    rows += [
        onspd_row("DD2 2AB", "56.1", "-2.1", oslaua="\x00"),  # line 100
        onspd_row("DD2 2AB", "56.1", "-2.1", parish="x" * (130 * 1024)),  # line 101: the 100th
        good(1),  # line 102
        onspd_row("DD2 2AB", "56.1", "-2.1", parish="x" * (130 * 1024)),  # line 103: not shown
        onspd_row("DD2 2AB", "56.1", "-2.1", parish="MARKER"),  # line 104: not shown
    ]
    path = write_onspd(tmp_path, rows)
    replace_bytes(path, b"MARKER", b"MARK\xe9R")

    out, err = run(path)

    lines = err.splitlines()
    assert lines[-3:] == [
        "line 100: contains a NUL byte",
        "line 101: a field is longer than 128 KB",
        "... and 2 more bad rows",
    ]
    assert len(lines) == 101
    assert imported() == ["DD1 1AB"]
    assert "102 bad rows" in out


@pytest.fixture
def postcode_table_locked_elsewhere(db):
    """A second connection holding a write lock on the postcode table, as another import would."""
    table = Postcode._meta.db_table
    if connection.vendor == "postgresql":
        import psycopg

        params = connection.get_connection_params()
        other = psycopg.connect(**{key: value for key, value in params.items() if key != "cursor_factory"})
        other.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '200ms'")  # Fail fast rather than wait.
    else:
        import sqlite3

        # The test database is a shared-cache in-memory one: a second connection's write
        # transaction locks the table for the test's connection at once.
        other = sqlite3.connect(connection.settings_dict["NAME"], uri=True, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute(f"DELETE FROM {table}")  # noqa: S608 (our own table name, no input)
    yield
    other.rollback()
    other.close()


@pytest.mark.django_db
def test_a_database_that_fails_for_every_row_stops_the_run_with_a_clear_message(
    tmp_path, postcode_table_locked_elsewhere
):
    rows = [good(n) for n in range(1, 6)]
    err = StringIO()
    with pytest.raises(
        CommandError,
        match=r"The database failed while writing the rows from line 2: .*"
        r"0 postcodes were written before it; running the import again is safe",
    ):
        call_command("import_postcodes", str(write_onspd(tmp_path, rows)), stdout=StringIO(), stderr=err)
    assert err.getvalue() == ""  # Not five rows reported as refused.
