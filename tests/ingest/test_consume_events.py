"""The consumer stores the findings GuardDuty publishes (through EventBridge and SQS) with the
sync's upsert, under the right administrator and region, deletes what it committed, and leaves
the watermark to polling."""

import io

import pytest
from django.core.management import CommandError, call_command

from guardduty_hub.findings.models import Finding
from guardduty_hub.simulator.findings.api import advance_activity
from guardduty_hub.sync.models import EventFlow, SyncState
from guardduty_hub.sync.services import sync_region
from tests.fixtures.simulator import ADMIN_ACCOUNT
from tests.fixtures.sync_world import OTHER_REGION, REGION


def test_new_findings_arrive_without_a_sync(ingest):
    made = advance_activity(ADMIN_ACCOUNT, REGION, seed=1, new=3, reoccur=0)["new"]
    assert ingest.waiting() == 3
    (batch,) = ingest.drain()
    assert (batch.received, batch.stored, batch.counts.created, batch.deleted) == (3, 3, 3, 3)
    rows = Finding.objects.filter(guardduty_id__in=made)
    assert sorted(rows.values_list("guardduty_id", flat=True)) == sorted(made)
    assert {(r.administrator_id, r.api_region) for r in rows} == {(ingest.world.admin.pk, REGION)}
    assert ingest.waiting() == 0
    # Events never move the watermark: polling stays the source of truth.
    assert not SyncState.objects.filter(watermark__isnull=False).exists()
    flow = EventFlow.objects.get(administrator=ingest.world.admin, region=REGION)
    assert flow.events_received == 3 and flow.last_event_at and flow.last_received_at


def test_a_region_other_than_the_queues_is_forwarded_and_filed_under_its_own_region(ingest):
    made = advance_activity(ADMIN_ACCOUNT, OTHER_REGION, seed=2, new=2, reoccur=0)["new"]
    ingest.drain()
    regions = set(
        Finding.objects.filter(guardduty_id__in=made).values_list("api_region", flat=True)
    )
    assert regions == {OTHER_REGION}
    assert EventFlow.objects.filter(region=OTHER_REGION, events_received=2).exists()


def test_the_same_events_twice_and_a_later_sync_give_one_row_per_finding(ingest):
    made = advance_activity(ADMIN_ACCOUNT, REGION, seed=3, new=4, reoccur=0)["new"]
    bodies = []
    for message in ingest.sqs.receive_message(
        QueueUrl=ingest.setup.queue_url, MaxNumberOfMessages=10, VisibilityTimeout=0
    )["Messages"]:
        bodies.append(message["Body"])
    for body in bodies:  # a redelivery: the same event again
        ingest.send(body)
    ingest.drain()
    assert Finding.objects.count() == 4
    run = sync_region(ingest.world.admin.pk, REGION)
    assert run.created == 0 and Finding.objects.count() == 4
    assert set(Finding.objects.values_list("guardduty_id", flat=True)) == set(made)


def test_a_reoccurrence_updates_the_row(ingest):
    made = advance_activity(ADMIN_ACCOUNT, REGION, seed=4, new=1, reoccur=0)["new"]
    ingest.drain()
    advance_activity(ADMIN_ACCOUNT, REGION, seed=5, new=0, reoccur=1)
    (batch,) = ingest.drain()
    assert batch.counts.updated == 1
    assert Finding.objects.get(guardduty_id=made[0]).count == 2


def test_the_command_stores_what_is_queued_and_refuses_a_queue_it_cannot_read(ingest):
    made = advance_activity(ADMIN_ACCOUNT, REGION, seed=6, new=2, reoccur=0)["new"]
    out = io.StringIO()
    call_command("consume_findings", "--until-idle", queue_url=ingest.setup.queue_url, stdout=out)
    assert set(Finding.objects.values_list("guardduty_id", flat=True)) == set(made)
    missing = ingest.setup.queue_url.rsplit("/", 1)[0] + "/no-such-queue"
    with pytest.raises(CommandError, match=r"NonExistentQueue|does not exist"):
        call_command("consume_findings", "--until-idle", queue_url=missing, stdout=out)
