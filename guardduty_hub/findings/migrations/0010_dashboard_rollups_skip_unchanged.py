"""The counts' triggers skip writes that change nothing they count (a re-sync of the same copy,
a status or an assignee) before any arithmetic: installed again, as rollups.py now writes them."""

from django.db import migrations

from guardduty_hub.findings import rollups


def reinstall(apps, schema_editor):
    rollups.rollups_install(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("findings", "0009_dashboard_rollups")]

    operations = [migrations.RunPython(reinstall, migrations.RunPython.noop)]
