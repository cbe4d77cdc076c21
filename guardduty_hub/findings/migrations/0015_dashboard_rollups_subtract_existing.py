"""The counts' triggers subtract only from a count's row that is there, never creating a
negative one: installed again, as rollups.py now writes them."""

from django.db import migrations

from guardduty_hub.findings import rollups


def reinstall(apps, schema_editor):
    rollups.rollups_install(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("findings", "0014_assignee_partial_index")]

    operations = [migrations.RunPython(reinstall, migrations.RunPython.noop)]
