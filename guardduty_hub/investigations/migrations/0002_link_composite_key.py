"""Links keyed by (finding, indicator): no id column and no separate unique index, and one
index serving both the indicator's findings and its timeline (each link the sync writes
updated four indexes, now two). Links are derived data: `manage.py backfill_indicators`
fills the new table from the stored findings.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("findings", "0008_raw_lz4"),
        ("investigations", "0001_initial"),
    ]

    operations = [
        migrations.DeleteModel(name="FindingIndicator"),
        migrations.CreateModel(
            name='FindingIndicator',
            fields=[
                ('pk', models.CompositePrimaryKey('finding', 'indicator', blank=True, editable=False, primary_key=True, serialize=False)),
                ('account_id', models.CharField(max_length=32)),
                ('region', models.CharField(max_length=32)),
                ('first_seen_at', models.DateTimeField()),
                ('last_seen_at', models.DateTimeField()),
                ('finding', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='indicator_links', to='findings.finding')),
                ('indicator', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='finding_links', to='investigations.indicator')),
            ],
            options={
                'indexes': [models.Index(fields=['indicator', '-last_seen_at', '-finding'], include=('account_id', 'region', 'first_seen_at'), name='investigations_link_recent')],
            },
        ),
    ]
