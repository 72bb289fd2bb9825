# directory/sql/search.sql again, with three more indexes: the services by phone or online with no
# place (by words, and by name) and the services at several places, for the groups after a
# postcode search's results (directory/search/nearby.py). PostgreSQL only; nothing on SQLite; the
# reverse does nothing.

from django.db import migrations

# What directory.sql.search_sql_fingerprint() gave for the file this migration was written for.
SEARCH_SQL_FINGERPRINT = "45e34b58b045cee0"


def apply_search_sql(apps, schema_editor):
    from directory.sql import apply_search_sql

    apply_search_sql(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("directory", "0014_more_search_vocabulary")]

    operations = [migrations.RunPython(apply_search_sql, migrations.RunPython.noop)]
