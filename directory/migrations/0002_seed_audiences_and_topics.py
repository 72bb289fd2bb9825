from django.db import migrations

# Frozen copies of directory/taxonomy.py at the time of this migration.
AUDIENCES = [
    ("carers", "Carers"),
    ("young_people", "Young people"),
    ("children", "Children"),
    ("men", "Men"),
    ("women", "Women"),
    ("older_people", "Older people"),
    ("families", "Families"),
    ("lgbtq", "LGBTQ+ people"),
    ("veterans", "Veterans"),
    ("disabled_people", "Disabled people"),
    ("new_scots", "Refugees and new Scots"),
]

TOPICS = [
    ("loneliness", "Loneliness and isolation"),
    ("bereavement", "Bereavement"),
    ("anxiety", "Anxiety"),
    ("depression", "Depression"),
    ("trauma", "Trauma"),
    ("addiction", "Drugs, alcohol and gambling"),
    ("physical_activity", "Physical activity"),
    ("debt", "Money and debt"),
    ("housing", "Housing"),
    ("food", "Food"),
    ("employment", "Work and training"),
    ("long_term_conditions", "Long-term health conditions"),
    ("dementia", "Dementia"),
    ("domestic_abuse", "Domestic abuse"),
    ("suicidal_thoughts", "Suicidal thoughts"),
    ("parenting", "Parenting"),
]


def seed(apps, schema_editor):
    Audience = apps.get_model("directory", "Audience")
    Topic = apps.get_model("directory", "Topic")
    for slug, name in AUDIENCES:
        Audience.objects.update_or_create(slug=slug, defaults={"name": name})
    for slug, name in TOPICS:
        Topic.objects.update_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
