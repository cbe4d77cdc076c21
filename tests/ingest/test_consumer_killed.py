"""The consumer SIGKILLed mid-batch (its transaction open, its messages received), then again
at random moments, and restarted: every published finding is stored once, the queue ends empty,
nothing is dead-lettered. Runs `manage.py consume_findings` against the HTTP simulator's SQS and
PostgreSQL."""

import signal

import pytest
from django.db import connection, transaction

from guardduty_hub.findings.models import Finding
from guardduty_hub.sync.models import DeadLetter, EventFlow, SyncState
from tests.fixtures.processes import wait_for
from tests.fixtures.sync_world import REGION
from tests.ingest.http_ingest import (
    messages_left,
    point_at_simulator,
    publish_new,
    setup_queue,
    start_consumer,
)
from tests.sync.http_world import make_http_world, need_shared_database

pytestmark = [pytest.mark.postgres, pytest.mark.server, pytest.mark.django_db(transaction=True)]

FINDINGS = 400
# Short, so the killed consumer's messages come back within the test.
CONSUMER_ENV = {"INGEST_VISIBILITY_TIMEOUT": "2", "INGEST_BATCH_SIZE": "50"}


def blocked_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        # Inside a transaction the statistics views are a snapshot unless cleared.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def kill(proc) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def test_sigkill_mid_batch_and_restart_lose_and_duplicate_nothing(simulator_http, monkeypatch):
    need_shared_database()
    point_at_simulator(monkeypatch, simulator_http)
    world = make_http_world(simulator_http)
    setup = setup_queue()
    published = publish_new(simulator_http, FINDINGS, REGION)
    assert messages_left(setup) == FINDINGS

    # 1. Mid-batch: the findings table is locked, so the first batch's upsert waits inside its
    # transaction with its messages received and not deleted. Killed there.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {Finding._meta.db_table} IN EXCLUSIVE MODE")
        proc = start_consumer(setup, **CONSUMER_ENV)
        assert wait_for(blocked_on_a_lock), "the consumer never reached its upsert"
        kill(proc)
    assert Finding.objects.count() == 0  # its transaction died with it

    # 2. Killed at arbitrary moments while it works through the rest.
    killed_at = []
    for threshold in (60, 150, 250):
        proc = start_consumer(setup, **CONSUMER_ENV)
        assert wait_for(
            lambda t=threshold, p=proc: Finding.objects.count() >= t or p.poll() is not None
        )
        assert proc.poll() is None, "the consumer exited by itself"
        kill(proc)
        killed_at.append(Finding.objects.count())
    print(f"rows when killed: {killed_at} of {FINDINGS}")
    assert killed_at[-1] < FINDINGS

    # 3. Restarted: the messages of the dead batches come back after the visibility timeout.
    proc = start_consumer(setup, **CONSUMER_ENV)
    try:
        assert wait_for(
            lambda: Finding.objects.count() >= FINDINGS and messages_left(setup) == 0, timeout=90
        ), f"{Finding.objects.count()} rows, {messages_left(setup)} messages left"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert proc.returncode == 0  # SIGTERM: the batch in hand is finished, then a clean exit
    stored = list(Finding.objects.values_list("guardduty_id", flat=True))
    assert len(stored) == len(set(stored)) == FINDINGS
    assert set(stored) == set(published)
    assert not DeadLetter.objects.exists()
    assert messages_left(setup, setup.dead_letter_url) == 0
    assert (
        EventFlow.objects.get(administrator=world.admin, region=REGION).events_received >= FINDINGS
    )
    assert not SyncState.objects.filter(watermark__isnull=False).exists()
