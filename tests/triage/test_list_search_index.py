"""Free text (`q`): one trigram index on PostgreSQL, and the filter writes its very expression."""

import importlib

from django.db import connection
from django.test.utils import CaptureQueriesContext

from guardduty_hub.findings.list_indexes import SEARCH_DOCUMENT_SQL, SEARCH_INDEX
from tests.factories import make_finding
from tests.fixtures.services import need

MIGRATION = importlib.import_module("guardduty_hub.findings.migrations.0013_search_index_gist")


def test_migration_indexes_the_document_the_filter_searches():
    # The migration keeps its own copy of the SQL; the two must not drift apart.
    assert MIGRATION.NAME == SEARCH_INDEX
    assert SEARCH_DOCUMENT_SQL in MIGRATION.GIST


def test_like_wildcards_in_the_text_are_literal(list_page):
    underscore = make_finding(title="backup_job on host")
    make_finding(title="backupXjob on host")
    percent = make_finding(title="disk 100% full")
    make_finding(title="disk 1000 full")
    pks = {row.pk for row in list_page(q="backup_job").context["page"].rows}
    assert pks == {underscore.pk}
    pks = {row.pk for row in list_page(q="100%").context["page"].rows}
    assert pks == {percent.pk}


def test_postgresql_has_one_trigram_index_and_q_uses_its_expression(list_page):
    need(connection.vendor == "postgresql", "trigram index: PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'findings_finding'"
            " AND indexdef LIKE '%%trgm_ops%%'"
        )
        assert [name for (name,) in cursor.fetchall()] == [SEARCH_INDEX]
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [SEARCH_INDEX])
        assert "USING gist" in cursor.fetchone()[0]
        # The database's index, as built, answers the expression the filter writes.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            f"EXPLAIN SELECT id FROM findings_finding WHERE {SEARCH_DOCUMENT_SQL} LIKE %s",
            ["%zebra%"],
        )
        assert SEARCH_INDEX in "\n".join(line for (line,) in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
    make_finding(title="zebra crossing")
    with CaptureQueriesContext(connection) as queries:
        list_page(q="zebra")
    assert any(f"{SEARCH_DOCUMENT_SQL} LIKE lower(" in q["sql"] for q in queries.captured_queries)
