# Reloads the search vocabulary (directory.SearchTerm) from directory/data/thesaurus.csv, as 0010
# does, for the entries added since: professionals' abbreviations (CAB, DWP, MH, DV, NA, CLW,
# ACSP, YP, SW, HSCP, ...), benefits, and sentence forms people type (crisis, grief, caring,
# families affected by drink and drugs, cold homes, first tenancies, getting to appointments).
# Every row is checked first (directory.thesaurus.read_rows); entries already there are updated
# and editors' own entries are kept. Going back leaves the entries.

from django.db import migrations


def reload_vocabulary(apps, schema_editor):
    from directory.thesaurus import load_rows

    load_rows(
        apps.get_model("directory", "SearchTerm"),
        apps.get_model("directory", "Topic"),
        apps.get_model("directory", "Audience"),
    )


class Migration(migrations.Migration):
    dependencies = [("directory", "0013_search_sql_file")]

    operations = [migrations.RunPython(reload_vocabulary, migrations.RunPython.noop)]
