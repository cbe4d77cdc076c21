"""The dashboard's counts (models/counts.py), their triggers and the backfill of existing rows.

The triggers are installed before the recount, in the same transaction, so no write of a
finding can fall between the two (rollups.rollups_rebuild locks findings writes out meanwhile).
"""

from django.conf import settings
from django.db import migrations, models

from guardduty_hub.findings import rollups


def install_and_backfill(apps, schema_editor):
    rollups.rollups_install(schema_editor)
    rollups.rollups_rebuild(schema_editor.connection)


def uninstall(apps, schema_editor):
    rollups.rollups_uninstall(schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_regions_memberships_scope_audit_operations'),
        ('findings', '0008_raw_lz4'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='FindingDayCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('account_id', models.CharField(max_length=32)),
                ('day', models.DateField()),
                ('severity_band', models.PositiveSmallIntegerField(choices=[(1, 'Low'), (2, 'Medium'), (3, 'High'), (4, 'Critical')])),
                ('findings', models.IntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name='FindingRegionCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('account_id', models.CharField(max_length=32)),
                ('region', models.CharField(blank=True, max_length=32)),
                ('severity_band', models.PositiveSmallIntegerField(choices=[(1, 'Low'), (2, 'Medium'), (3, 'High'), (4, 'Critical')])),
                ('findings', models.IntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name='FindingTypeCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('account_id', models.CharField(max_length=32)),
                ('type', models.CharField(max_length=128)),
                ('findings', models.IntegerField(default=0)),
            ],
        ),
        migrations.AddIndex(
            model_name='finding',
            index=models.Index(condition=models.Q(('archived', False), ('is_sample', False)), fields=['first_seen_at'], include=('severity_band', 'account_id'), name='findings_new_by_first_seen'),
        ),
        migrations.AddIndex(
            model_name='findingdaycount',
            index=models.Index(fields=['day'], name='findings_day_count_day'),
        ),
        migrations.AddConstraint(
            model_name='findingdaycount',
            constraint=models.UniqueConstraint(fields=('account_id', 'day', 'severity_band'), name='findings_day_count_key'),
        ),
        migrations.AddConstraint(
            model_name='findingregioncount',
            constraint=models.UniqueConstraint(fields=('account_id', 'region', 'severity_band'), name='findings_region_count_key'),
        ),
        migrations.AddConstraint(
            model_name='findingtypecount',
            constraint=models.UniqueConstraint(fields=('account_id', 'type'), name='findings_type_count_key'),
        ),
        migrations.RunPython(install_and_backfill, uninstall),
    ]
