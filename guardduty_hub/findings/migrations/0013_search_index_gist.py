# Free text's trigram index (list_indexes.SEARCH_INDEX, the document filters.TextContains
# searches) becomes GiST instead of GIN. GIN stores one entry per trigram of the document (about
# 150 a finding), GiST one signature per row: the sync's write of 20,000 new findings spent
# 1.4 s of PostgreSQL's time in the GIN and 0.6 s in the GiST, and every update of a finding
# (a new count or last-seen time, not a HOT update) re-inserts all of them. A rare word at 1M
# rows: 9-11 ms through GiST, 6-9 ms through GIN. PostgreSQL's own advice for pg_trgm: GIN for
# static data, GiST for data that changes often. The SQL is copied here (not imported) so this
# migration keeps meaning what it meant when written.

from django.db import migrations

NAME = "findings_search_trgm"
DOCUMENT = "lower(title || ' ' || type || ' ' || resource_id || ' ' || left(description, 1000))"
GIN = f"USING gin (({DOCUMENT}) gin_trgm_ops)"
# 256-byte signatures: a document's ~150 trigrams set ~7% of the bits, so a word's few trigrams
# still tell rows apart (the default 12 bytes would be nearly all ones).
GIST = f"USING gist (({DOCUMENT}) gist_trgm_ops(siglen=256))"


def _rebuild(definition: str):
    def rebuild(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")
        schema_editor.execute(f"CREATE INDEX {NAME} ON findings_finding {definition}")

    return rebuild


class Migration(migrations.Migration):
    dependencies = [("findings", "0012_sla_clock_index")]

    operations = [migrations.RunPython(_rebuild(GIST), _rebuild(GIN))]
