"""Load the search vocabulary from a CSV file (by default directory/data/thesaurus.csv, the file
the first migration seeded it from): after the file has grown, or to bring in entries written in a
spreadsheet. Entries are created or updated by phrase; entries not in the file are kept. Each bad
row is reported with its line and reason, and the rest are loaded."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from directory.models import Audience, SearchTerm, Topic
from directory.thesaurus import CSV_PATH, VocabularyFileError, check_rows, save_rows


class Command(BaseCommand):
    help = (
        "Load search vocabulary entries from a CSV file (phrase,topics,audiences,elements,words,note); "
        "bad rows are reported by line and the rest are loaded."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=CSV_PATH, help=f"the CSV file (default {CSV_PATH})")

    def handle(self, *args, **options):
        path: Path = options["file"]
        topics = dict(Topic.objects.values_list("slug", "pk"))
        audiences = dict(Audience.objects.values_list("slug", "pk"))
        try:
            rows, problems = check_rows(path, set(topics), set(audiences))
        except FileNotFoundError:
            raise CommandError(f"There is no file at {path}.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{path} is not UTF-8 text: save it as CSV UTF-8 and try again.") from None
        except VocabularyFileError as error:
            raise CommandError(str(error)) from None
        with transaction.atomic():
            loaded = save_rows(SearchTerm, topics, audiences, rows)
        for problem in problems:
            self.stderr.write(f"Not loaded: {problem}")
        summary = f"Search vocabulary: {loaded:,} entries loaded from {path}"
        if problems:
            summary += f"; {len(problems)} row{'s' if len(problems) != 1 else ''} not loaded (above)"
        self.stdout.write(self.style.SUCCESS(summary + "."))
