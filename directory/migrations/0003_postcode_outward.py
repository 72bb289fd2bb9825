from django.db import migrations, models


def fill_outward(apps, schema_editor):
    Postcode = apps.get_model("directory", "Postcode")
    for row in Postcode.objects.all().only("postcode").iterator():
        Postcode.objects.filter(pk=row.pk).update(outward=row.postcode.split(" ")[0])


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_seed_audiences_and_topics")]

    operations = [
        migrations.AddField(
            model_name="postcode",
            name="outward",
            field=models.CharField(db_index=True, default="", editable=False, max_length=4),
            preserve_default=False,
        ),
        migrations.RunPython(fill_outward, migrations.RunPython.noop),
    ]
