# The account and status indexes without samples (which have their own index), archived first:
# the totals of an account or status list are then counted from the index alone.

import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_regions_memberships_scope_audit_operations"),
        ("findings", "0006_list_region"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="finding",
            name="findings_list_status",
        ),
        migrations.RemoveIndex(
            model_name="finding",
            name="findings_list_account",
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
                condition=models.Q(("is_sample", False)),
                name="findings_list_account",
            ),
        ),
        migrations.AddIndex(
            model_name="finding",
            index=models.Index(
                models.F("archived"),
                models.F("status"),
                models.F("severity"),
                django.db.models.functions.comparison.Coalesce(
                    models.F("last_seen_at"), models.F("updated_at")
                ),
                models.F("id"),
                condition=models.Q(("is_sample", False)),
                name="findings_list_status",
            ),
        ),
    ]
