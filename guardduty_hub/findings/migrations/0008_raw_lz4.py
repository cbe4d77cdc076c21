"""The raw finding (a few KB of jsonb per row) is compressed with lz4 on PostgreSQL.

Every synced page writes 50 of them; pglz, the default, cost about a tenth of the upsert's
database time, lz4 compresses several times faster for a similar size. Existing rows keep
their pglz values until rewritten (PostgreSQL reads both). A server built without lz4 keeps
pglz: the setting is an optimisation, not a requirement.
"""

from django.db import migrations

_TO_LZ4 = """
DO $$
BEGIN
    ALTER TABLE findings_finding ALTER COLUMN raw SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'lz4 is not available on this server: raw stays pglz-compressed';
END $$;
"""


def raw_lz4(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_TO_LZ4)


def raw_default(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE findings_finding ALTER COLUMN raw SET COMPRESSION DEFAULT"
        )


class Migration(migrations.Migration):
    dependencies = [("findings", "0007_list_account_status_without_samples")]

    operations = [migrations.RunPython(raw_lz4, raw_default)]
