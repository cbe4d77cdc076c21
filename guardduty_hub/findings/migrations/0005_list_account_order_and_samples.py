# The account index in one direction with archived first (sort=account becomes a range of it),
# and a partial index of the sample findings (sample=yes, and the samples half of sample=any).

import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_regions_memberships_scope_audit_operations"),
        ("findings", "0004_list_index_rationalisation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="finding",
            name="findings_list_acct_region",
        ),
        migrations.AddIndex(
            model_name="finding",
            index=models.Index(
                models.F("archived"),
                models.OrderBy(models.F("severity"), descending=True),
                models.OrderBy(
                    django.db.models.functions.comparison.Coalesce(
                        models.F("last_seen_at"), models.F("updated_at")
                    ),
                    descending=True,
                ),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("is_sample", True)),
                name="findings_list_samples",
            ),
        ),
        migrations.AddIndex(
            model_name="finding",
            index=models.Index(
                models.F("archived"),
                models.F("account_id"),
                models.F("region"),
                models.F("severity"),
                django.db.models.functions.comparison.Coalesce(
                    models.F("last_seen_at"), models.F("updated_at")
                ),
                models.F("id"),
                name="findings_list_account",
            ),
        ),
    ]
