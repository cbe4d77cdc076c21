"""A sync page commits asynchronously on PostgreSQL: GuardDuty holds every finding, and a database
crash loses pages and their watermark together."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guardduty_hub.sync.services import sync_region
from tests.fixtures.sync_world import REGION, recent_window

ASYNC_COMMIT = "SET LOCAL synchronous_commit TO OFF"


def test_every_sync_page_transaction_commits_asynchronously(sync_world):
    if connection.vendor != "postgresql":
        pytest.skip("asynchronous commit is PostgreSQL's")
    sync_world.populate(120, **recent_window())
    with CaptureQueriesContext(connection) as queries:
        run = sync_region(sync_world.admin.pk, REGION)
    assert run.pages == 3
    sql = [q["sql"] for q in queries.captured_queries]
    # Once per page: in the upsert's round trip, not again beside it.
    assert sum(ASYNC_COMMIT in statement for statement in sql) == run.pages


def test_a_pair_with_nothing_new_costs_few_queries_and_no_helper_thread(sync_world):
    """Most pairs of a beat cycle are idle: their run is a handful of statements and one
    ListFindings, without a prefetch thread."""
    import threading

    sync_world.populate(10, **recent_window())
    sync_region(sync_world.admin.pk, REGION)
    started = []
    original = threading.Thread.start

    def spy(thread):
        started.append(thread.name)
        return original(thread)

    threading.Thread.start = spy
    try:
        with CaptureQueriesContext(connection) as queries:
            run = sync_region(sync_world.admin.pk, REGION)
    finally:
        threading.Thread.start = original
    assert (run.fetched, run.api_calls) == (0, 1)
    assert "sync-prefetch" not in started
    # The state with its administrator, the lease, the state again, the run, the detector, the
    # run's end, the lease back.
    statements = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SET ")]
    assert len(statements) == 7, statements


@pytest.mark.parametrize(("every_seconds", "writes"), [(3600, 2), (0, 4)])
def test_a_run_writes_its_page_counters_once_a_second_and_whole_at_its_end(
    sync_world, monkeypatch, every_seconds, writes
):
    """The Sync page's progress needs no more than once a second; the run's row is right when
    the run ends. (3 pages: the first page's write and the end's, or every page's and the end's.)"""
    from guardduty_hub.sync import services
    from guardduty_hub.sync.models import SyncRun

    monkeypatch.setattr(services, "PROGRESS_EVERY_SECONDS", every_seconds)
    sync_world.populate(120, **recent_window())
    with CaptureQueriesContext(connection) as queries:
        run = sync_region(sync_world.admin.pk, REGION)
    table = SyncRun._meta.db_table
    progress = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith(f'UPDATE "{table}"') and '"pages"' in q["sql"]
    ]
    assert len(progress) == writes, progress
    stored = SyncRun.objects.get(pk=run.pk)
    assert (stored.pages, stored.fetched, stored.created) == (3, 120, 120)


def test_store_page_commits_asynchronously_only_when_asked(sync_world):
    """The sync's page loop asks; the event consumer (which deletes SQS messages after its
    commits) and any other caller get a synchronous commit."""
    from django.utils import timezone

    from guardduty_hub.findings.mapping import finding_from_guardduty
    from guardduty_hub.sync.fetch import PairContext, store_page
    from tests.findings.builders import raw_finding

    if connection.vendor != "postgresql":
        pytest.skip("asynchronous commit is PostgreSQL's")
    ctx = PairContext(sync_world.admin.pk, sync_world.admin.account_id, REGION, None, "")
    values = [
        finding_from_guardduty(raw_finding(finding_id=f"f{n}", region=REGION)) for n in range(3)
    ]
    for asked, expected in ((False, 0), (True, 1)):
        with CaptureQueriesContext(connection) as queries:
            store_page(ctx, values, timezone.now(), asynchronous_commit=asked)
        sql = [q["sql"] for q in queries.captured_queries]
        assert sum(ASYNC_COMMIT in statement for statement in sql) == expected
