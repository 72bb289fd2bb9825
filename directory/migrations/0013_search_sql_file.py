# The PostgreSQL search's derived columns, functions, triggers, extensions and indexes, from their
# one definition: directory/sql/search.sql, read when this migration runs. On a database that
# migrations 0004, 0006 and 0008 built it changes nothing (the file is what they left); from here
# on the file is the truth. PostgreSQL only; nothing on SQLite; the reverse does nothing.
#
# When the file changes, add a new migration that runs it again (the same operation, with its own
# SEARCH_SQL_FINGERPRINT = directory.sql.search_sql_fingerprint() of the new text), and read the
# file's header for what else the change needs (a changed index, recomputed columns).

from django.db import migrations

# What directory.sql.search_sql_fingerprint() gave for the file this migration was written for.
SEARCH_SQL_FINGERPRINT = "e5063c0add6e9dac"


def apply_search_sql(apps, schema_editor):
    from directory.sql import apply_search_sql

    apply_search_sql(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("directory", "0012_near_home_cells")]

    operations = [migrations.RunPython(apply_search_sql, migrations.RunPython.noop)]
