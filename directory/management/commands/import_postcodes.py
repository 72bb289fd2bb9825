"""`manage.py import_postcodes FILE`: load the ONS Postcode Directory (ONSPD) CSV into Postcode.

The file is streamed row by row and written in batches, each batch one upsert in its own
transaction, so the full directory (about 2.7 million rows) loads in minutes and a re-import
updates rows in place. Rows are checked in Python (postcode shape, coordinates, code lengths)
rather than with full_clean(), and bad rows are reported with their line number and skipped.
Terminated postcodes and those ONSPD places at 99.999999, 0 (no grid reference) are skipped.

No bad row ends the run or costs a good one: bytes that are not UTF-8, NUL bytes, a field over
csv's size limit, a row of the wrong width and a doterm that is not a date are each reported as
"line N: reason", and a batch the database refuses is written again row by row, so only the rows
it refuses are lost, each reported with its line.
"""

import csv
import re
import time
from decimal import Decimal, InvalidOperation
from typing import NoReturn

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, InterfaceError, OperationalError, transaction

from directory.models import Postcode
from directory.postcodes import InvalidPostcode, normalise_postcode

REQUIRED_COLUMNS = ("pcds", "lat", "long", "oslaua")
HEALTH_BOARD_COLUMN = "hlthau"  # Health authority: the NHS board (S08...) for Scottish postcodes.
NO_LOCATION_LATITUDE = Decimal("99.999999")  # ONSPD's marker for "no grid reference".
SIX_PLACES = Decimal("0.000001")
CODE_LENGTH = Postcode._meta.get_field("council_code").max_length
UPDATE_FIELDS = ["outward", "latitude", "longitude", "council_code", "health_board_code"]
MAX_REPORTED = 100
TERMINATION_DATE = re.compile(r"[0-9]{4}(0[1-9]|1[0-2])")  # doterm: YYYYMM, or empty if live.
# The file is decoded with errors="surrogateescape": each byte that is not UTF-8 becomes one of
# these lone surrogates instead of a UnicodeDecodeError that would end the run.
NOT_UTF8 = re.compile("[\udc80-\udcff]")


class BadRow(ValueError):
    pass


def number(raw: str, name: str) -> Decimal:
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise BadRow(f"{name} {raw!r} is not a number") from None
    if not value.is_finite():
        raise BadRow(f"{name} {raw!r} is not a number")
    return value


def coordinate(value: Decimal, name: str, limit: int) -> Decimal:
    if not -limit <= value <= limit:
        raise BadRow(f"{name} {value} is out of range (-{limit} to {limit})")
    return value.quantize(SIX_PLACES)


def code(raw: str | None, name: str) -> str:
    value = (raw or "").strip()
    if len(value) > CODE_LENGTH:
        raise BadRow(f"{name} {value!r} is longer than {CODE_LENGTH} characters")
    return value


class Command(BaseCommand):
    help = "Import or refresh postcodes from an ONS Postcode Directory (ONSPD) CSV file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the ONSPD CSV file (for example ONSPD_FEB_2025_UK.csv).")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=5000,
            help="Postcodes written per transaction (default 5000).",
        )

    def handle(self, *args, file, batch_size, verbosity=1, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        self.counts = dict.fromkeys(("read", "imported", "terminated", "no_location", "bad"), 0)
        started = time.monotonic()
        try:
            with open(file, encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
                self.import_rows(csv.reader(handle), batch_size, verbosity)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror or exc}.") from None
        elapsed = time.monotonic() - started
        counts = self.counts
        hidden = counts["bad"] - MAX_REPORTED
        if hidden > 0:
            self.stderr.write(f"... and {hidden} more bad rows")
        if verbosity:
            rate = counts["read"] / elapsed if elapsed else 0
            self.stdout.write(
                self.style.SUCCESS(
                    f"Imported {counts['imported']} postcodes; skipped {counts['terminated']} terminated, "
                    f"{counts['no_location']} without a location; {counts['bad']} bad rows."
                )
            )
            self.stdout.write(
                f"Read {counts['read']} rows in {elapsed:.1f} seconds ({rate:,.0f} rows/second)."
            )

    def import_rows(self, reader, batch_size: int, verbosity: int):
        try:
            header = next(reader, None)
        except csv.Error as exc:
            raise CommandError(f"The header row (line 1) cannot be read: {csv_problem(exc)}.") from None
        if not header:
            raise CommandError("The file is empty: expected an ONSPD header row.")
        missing = [name for name in REQUIRED_COLUMNS if name not in header]
        if missing:
            raise CommandError(
                f"The file is missing required ONSPD column(s): {', '.join(missing)}. "
                f"Expected a header with at least {', '.join(REQUIRED_COLUMNS)}."
            )
        batch = {}  # Postcode -> (line, Postcode). One INSERT ... ON CONFLICT may not touch a row twice.
        try:
            while True:
                # Not a for loop: after a csv.Error the reader has dropped the rest of that line and
                # carries on with the next one, but a for loop would end at the exception.
                try:
                    fields = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    self.counts["read"] += 1
                    self.report(reader.line_num, csv_problem(exc))
                    continue
                if not fields:  # A blank line, as csv.DictReader skips them.
                    continue
                self.counts["read"] += 1
                try:
                    postcode = self.parse(fields, header)
                except BadRow as problem:
                    self.report(reader.line_num, problem)
                    continue
                if postcode is not None:
                    batch[postcode.postcode] = (reader.line_num, postcode)
                    if len(batch) >= batch_size:
                        self.write(batch, verbosity)
        except OSError:
            # The disk failed mid-file: keep what was read before it, then say so.
            if batch:
                self.write(batch, verbosity)
            raise
        if batch:
            self.write(batch, verbosity)

    def report(self, line: int, problem):
        self.counts["bad"] += 1
        if self.counts["bad"] <= MAX_REPORTED:
            self.stderr.write(f"line {line}: {problem}")

    def parse(self, fields: list[str], header: list[str]) -> Postcode | None:
        """A Postcode ready to save, None for a row skipped on purpose, or BadRow."""
        text = "".join(fields)
        # isascii() first: it is a fast C check that passes nearly every ONSPD row.
        if not text.isascii() and NOT_UTF8.search(text):
            raise BadRow("not valid UTF-8 text")
        if "\x00" in text:  # PostgreSQL refuses NUL in text and SQLite would store it: a corrupt row.
            raise BadRow("contains a NUL byte")
        if len(fields) != len(header):  # A short row would read one column's value as another's.
            raise BadRow(f"has {len(fields)} fields where the header has {len(header)}")
        row = dict(zip(header, fields, strict=True))
        doterm = (row.get("doterm") or "").strip()
        if doterm:
            if not TERMINATION_DATE.fullmatch(doterm):
                raise BadRow(f"doterm {doterm!r} is not a date (YYYYMM)")
            self.counts["terminated"] += 1
            return None
        empty = [name for name in REQUIRED_COLUMNS if not row[name].strip()]
        if empty:
            raise BadRow(f"missing value for {', '.join(empty)}")
        try:
            postcode = normalise_postcode(row["pcds"])
        except InvalidPostcode:
            raise BadRow(f"malformed postcode {row['pcds'].strip()!r}") from None
        latitude = number(row["lat"].strip(), "latitude")
        longitude = number(row["long"].strip(), "longitude")
        if latitude == NO_LOCATION_LATITUDE:
            self.counts["no_location"] += 1
            return None
        latitude = coordinate(latitude, "latitude", 90)
        longitude = coordinate(longitude, "longitude", 180)
        return Postcode(
            postcode=postcode,
            outward=postcode.split(" ")[0],  # bulk_create skips Postcode.save(), which sets it.
            latitude=latitude,
            longitude=longitude,
            council_code=code(row["oslaua"], "oslaua"),
            health_board_code=code(row.get(HEALTH_BOARD_COLUMN), HEALTH_BOARD_COLUMN),  # "" if no column
        )

    def write(self, batch: dict, verbosity: int):
        try:
            upsert([postcode for _, postcode in batch.values()])
            self.counts["imported"] += len(batch)
        except (OperationalError, InterfaceError) as exc:
            self.lost_database(min(line for line, _ in batch.values()), exc)
        except DatabaseError:
            # One row the database refuses fails the whole statement: write each row on its own,
            # so the good rows are kept and each refused one is reported with its line.
            for line, postcode in batch.values():
                try:
                    upsert([postcode])
                except (OperationalError, InterfaceError) as exc:
                    self.lost_database(line, exc)
                except DatabaseError as exc:
                    self.report(line, f"the database refused this row: {first_line(exc)}")
                else:
                    self.counts["imported"] += 1
        if verbosity >= 2:
            self.stdout.write(f"... {self.counts['imported']} postcodes written")
        batch.clear()

    def lost_database(self, line: int, exc: Exception) -> NoReturn:
        # A lost connection, a lock or a full disk says nothing about the rows: retrying each one
        # would report the rest of the file as bad. Stop, and say a rerun is safe.
        raise CommandError(
            f"The database failed while writing the rows from line {line}: {first_line(exc)}. "
            f"{self.counts['imported']} postcodes were written before it; running the import "
            "again is safe (it updates rows in place)."
        ) from exc


def upsert(postcodes: list[Postcode]):
    with transaction.atomic():
        Postcode.objects.bulk_create(
            postcodes,
            update_conflicts=True,
            unique_fields=["postcode"],
            update_fields=UPDATE_FIELDS,
        )


def csv_problem(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return f"a field is longer than {csv.field_size_limit() // 1024} KB"
    return f"not a readable CSV row ({exc})"


def first_line(exc: Exception) -> str:
    """The database's own message, without the CONTEXT and HINT lines PostgreSQL adds."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
