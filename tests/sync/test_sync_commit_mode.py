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
    assert sql.count(ASYNC_COMMIT) == run.pages
