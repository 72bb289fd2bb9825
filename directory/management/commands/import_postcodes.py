"""`manage.py import_postcodes FILE`: load the ONS Postcode Directory (ONSPD) CSV into Postcode.

The file is streamed row by row and written in batches, each batch one upsert in its own
transaction, so the full directory (about 2.7 million rows) loads in minutes and a re-import
updates rows in place. Rows are checked in Python (postcode shape, coordinates, code lengths)
rather than with full_clean(), and bad rows are reported with their line number and skipped.
Terminated postcodes and those ONSPD places at 99.999999, 0 (no grid reference) are skipped.
"""

import csv
import time
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from directory.models import Postcode
from directory.postcodes import InvalidPostcode, normalise_postcode

REQUIRED_COLUMNS = ("pcds", "lat", "long", "oslaua")
HEALTH_BOARD_COLUMN = "hlthau"  # Health authority: the NHS board (S08...) for Scottish postcodes.
NO_LOCATION_LATITUDE = Decimal("99.999999")  # ONSPD's marker for "no grid reference".
SIX_PLACES = Decimal("0.000001")
CODE_LENGTH = Postcode._meta.get_field("council_code").max_length
UPDATE_FIELDS = ["outward", "latitude", "longitude", "council_code", "health_board_code"]
MAX_REPORTED = 100


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
            with open(file, encoding="utf-8-sig", newline="") as handle:
                self.import_rows(csv.DictReader(handle), batch_size, verbosity)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror or exc}.") from None
        except (UnicodeDecodeError, csv.Error) as exc:
            raise CommandError(f"{file} is not a readable CSV file: {exc}.") from None
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

    def import_rows(self, reader: csv.DictReader, batch_size: int, verbosity: int):
        header = reader.fieldnames
        if not header:
            raise CommandError("The file is empty: expected an ONSPD header row.")
        missing = [name for name in REQUIRED_COLUMNS if name not in header]
        if missing:
            raise CommandError(
                f"The file is missing required ONSPD column(s): {', '.join(missing)}. "
                f"Expected a header with at least {', '.join(REQUIRED_COLUMNS)}."
            )
        batch = {}  # By postcode: one INSERT ... ON CONFLICT may not touch a row twice.
        for row in reader:
            self.counts["read"] += 1
            try:
                postcode = self.parse(row)
            except BadRow as problem:
                self.counts["bad"] += 1
                if self.counts["bad"] <= MAX_REPORTED:
                    self.stderr.write(f"line {reader.line_num}: {problem}")
                continue
            if postcode is not None:
                batch[postcode.postcode] = postcode
                if len(batch) >= batch_size:
                    self.write(batch, verbosity)
        if batch:
            self.write(batch, verbosity)

    def parse(self, row: dict) -> Postcode | None:
        """A Postcode ready to save, None for a row skipped on purpose, or BadRow."""
        if (row.get("doterm") or "").strip():
            self.counts["terminated"] += 1
            return None
        empty = [name for name in REQUIRED_COLUMNS if not (row.get(name) or "").strip()]
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
        with transaction.atomic():
            Postcode.objects.bulk_create(
                batch.values(),
                update_conflicts=True,
                unique_fields=["postcode"],
                update_fields=UPDATE_FIELDS,
            )
        self.counts["imported"] += len(batch)
        if verbosity >= 2:
            self.stdout.write(f"... {self.counts['imported']} postcodes written")
        batch.clear()
