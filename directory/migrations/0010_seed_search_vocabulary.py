# Seeds the search vocabulary (directory.SearchTerm) from directory/data/thesaurus.csv, read when
# the migration runs. Every row is checked first (directory.thesaurus.read_rows): an empty or
# repeated phrase, a row that maps to nothing, or a topic, audience or element the directory does
# not have stops the migration with a message listing each bad row by line number. Entries that
# are already there are updated; editors' own entries are kept. Going back leaves the entries
# (the previous migration drops the table).

from django.db import migrations


def seed(apps, schema_editor):
    from directory.thesaurus import load_rows

    load_rows(
        apps.get_model("directory", "SearchTerm"),
        apps.get_model("directory", "Topic"),
        apps.get_model("directory", "Audience"),
    )


class Migration(migrations.Migration):
    dependencies = [("directory", "0009_search_vocabulary_entries")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
