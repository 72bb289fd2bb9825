"""Groups that meet in homes: keep only the centre of the home's grid cell, never its exact point
(Location.save does this for every later save; the search's triggers then recompute the service's
place columns from the cell's centre)."""

from django.db import migrations


def snap_homes(apps, schema_editor):
    from directory.models import home_cell_centre

    Location = apps.get_model("directory", "Location")
    homes = Location.objects.filter(hide_exact_address=True, latitude__isnull=False)
    for location in homes.iterator():
        location.latitude, location.longitude = home_cell_centre(location.latitude, location.longitude)
        location.save(update_fields=["latitude", "longitude"])


class Migration(migrations.Migration):
    dependencies = [("directory", "0011_fts5_search")]

    operations = [migrations.RunPython(snap_homes, migrations.RunPython.noop)]
