"""A batch write the database fails for its own reasons (a deadlock with a sync page, a dropped
connection) is tried again a few times, 0.1 s then 0.2 s later; after the last it is raised and
the messages are neither stored nor dead-lettered: they come back after the visibility timeout.
The failure is injected at the write (a real deadlock needs two racing transactions)."""

import logging

import pytest
from django.db import OperationalError

from guardduty_hub.findings.models import Finding
from guardduty_hub.simulator.findings.api import advance_activity
from guardduty_hub.sync.events.consumer import WRITE_ATTEMPTS, EventConsumer
from guardduty_hub.sync.models import DeadLetter
from tests.fixtures.simulator import ADMIN_ACCOUNT
from tests.fixtures.sync_world import REGION


@pytest.fixture
def deadlocks(monkeypatch):
    """deadlocks(n): the next n batch writes fail as a deadlock would, before writing."""
    real_write = EventConsumer._write
    left = []

    def write(self, handled, result):
        if left:
            left.pop()
            raise OperationalError("deadlock detected")
        real_write(self, handled, result)

    monkeypatch.setattr(EventConsumer, "_write", write)
    return lambda n: left.extend([None] * n)


def test_a_deadlocked_batch_write_is_tried_again(ingest, deadlocks, caplog):
    made = advance_activity(ADMIN_ACCOUNT, REGION, seed=4, new=2, reoccur=0)["new"]
    deadlocks(WRITE_ATTEMPTS - 1)
    with caplog.at_level(logging.INFO, logger="guardduty_hub.sync.retry"):
        (batch,) = ingest.drain()
    assert (batch.stored, batch.deleted) == (2, 2)
    assert set(Finding.objects.values_list("guardduty_id", flat=True)) == set(made)
    retries = [r.getMessage() for r in caplog.records if r.name == "guardduty_hub.sync.retry"]
    assert retries == [
        "batch write failed (deadlock detected); retry 1 in 0.10s",
        "batch write failed (deadlock detected); retry 2 in 0.20s",
    ]


def test_a_write_failing_every_attempt_leaves_the_messages_to_come_back(ingest, deadlocks):
    advance_activity(ADMIN_ACCOUNT, REGION, seed=5, new=2, reoccur=0)
    deadlocks(WRITE_ATTEMPTS)
    consumer = ingest.consumer()
    with pytest.raises(OperationalError):
        consumer.poll_once()
    assert not Finding.objects.exists()
    assert not DeadLetter.objects.exists()
    assert ingest.waiting() == 2  # received, not deleted
