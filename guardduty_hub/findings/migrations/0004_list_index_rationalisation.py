# Index rationalisation: every index of the findings table serves a named reader (list_indexes).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_regions_memberships_scope_audit_operations"),
        ("findings", "0003_list_severity_partial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="finding",
            name="findings_list_severity_all",
        ),
        migrations.AlterField(
            model_name="finding",
            name="administrator",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="administered_findings",
                to="accounts.awsaccount",
            ),
        ),
        migrations.AlterField(
            model_name="findingnote",
            name="finding",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="notes",
                to="findings.finding",
            ),
        ),
        migrations.AlterField(
            model_name="savedview",
            name="owner",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="saved_views",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]


# --- PostgreSQL only: one trigram index for free text instead of four -------------------------
# The four per-column trigram indexes of 0002 cost the sync's upsert 4.6 ms of a 7.2 ms page.
# The one that replaces them indexes the single document filters.TextContains searches; the SQL
# is copied here (not imported) so this migration keeps meaning what it meant when written.
OLD_TRIGRAM = {
    "findings_trgm_title": "USING gin ((UPPER(title::text)) gin_trgm_ops)",
    "findings_trgm_description": "USING gin ((UPPER(description::text)) gin_trgm_ops)",
    "findings_trgm_type": "USING gin ((UPPER(type::text)) gin_trgm_ops)",
    "findings_trgm_resource": "USING gin ((UPPER(resource_id::text)) gin_trgm_ops)",
}
SEARCH_INDEX = (
    "findings_search_trgm",
    "USING gin ((lower(title || ' ' || type || ' ' || resource_id || ' ' || "
    "left(description, 1000))) gin_trgm_ops)",
)

TYPE_STATS = "findings_type_upper_stats"
TYPE_STATS_ON = "ON (upper(type::text)) FROM findings_finding"


def one_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name in OLD_TRIGRAM:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    name, definition = SEARCH_INDEX
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON findings_finding {definition}")
    # Not an index (nothing to maintain on writes): statistics of the type_contains recheck
    # (icontains = UPPER(type) LIKE), without which the planner guesses a common word ("EC2")
    # matches a handful of rows and reads all its matches through the trigram index.
    schema_editor.execute(f"CREATE STATISTICS IF NOT EXISTS {TYPE_STATS} {TYPE_STATS_ON}")


def four_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP STATISTICS IF EXISTS {TYPE_STATS}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX[0]}")
    for name, definition in OLD_TRIGRAM.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON findings_finding {definition}")


Migration.operations.append(migrations.RunPython(one_trigram_index, four_trigram_indexes))
