# The region filter and sort=region from an index (was a read of the whole table for its total
# or its order).

import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_regions_memberships_scope_audit_operations"),
        ("findings", "0005_list_account_order_and_samples"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="finding",
            index=models.Index(
                models.F("archived"),
                models.F("region"),
                models.F("severity"),
                django.db.models.functions.comparison.Coalesce(
                    models.F("last_seen_at"), models.F("updated_at")
                ),
                models.F("id"),
                condition=models.Q(("is_sample", False)),
                name="findings_list_region",
            ),
        ),
    ]
