# SQLite's text search (issue 10, point 4): an FTS5 index of the listings, weighted by column as
# PostgreSQL's document is, kept up to date by signals (directory.search.sqlite). SQLite only:
# on PostgreSQL this migration does nothing.

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from directory.search import sqlite as search_sqlite

    for sql in search_sqlite.CREATE_SQL:
        schema_editor.execute(sql)
    search_sqlite.rebuild(schema_editor.connection)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from directory.search import sqlite as search_sqlite

    for sql in search_sqlite.DROP_SQL:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("directory", "0010_seed_search_vocabulary")]

    operations = [migrations.RunPython(create, drop)]
