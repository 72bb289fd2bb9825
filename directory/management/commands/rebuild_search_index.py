"""Write SQLite's FTS5 search index again from every listing (after bulk writes that skip signals)."""

from django.core.management.base import BaseCommand
from django.db import connection

from directory.search import sqlite as search_sqlite


class Command(BaseCommand):
    help = "Rebuild SQLite's full-text search index from the listings (does nothing on PostgreSQL)."

    def handle(self, *args, **options):
        if connection.vendor != "sqlite":
            self.stdout.write("PostgreSQL keeps its search document itself: nothing to do.")
            return
        search_sqlite.rebuild()
        self.stdout.write("Rebuilt the search index.")
