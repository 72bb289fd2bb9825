from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Directory"

    def ready(self):
        # SQLite's FTS5 index follows the listings (directory.search.sqlite).
        from directory.search import sqlite as search_sqlite

        search_sqlite.connect_signals()
