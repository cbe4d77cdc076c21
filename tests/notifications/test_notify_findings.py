"""A finding the rules pick reaches its channel once, signed; again only when it re-occurs
after being resolved or its severity rises; a burst is one message per channel per window.
Through the real paths: the simulator publishes, the consumer (moto's SQS) or the sync writes,
tasks run eagerly here (tests/notifications/test_notify_worker.py runs a real worker)."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from guardduty_hub.findings.choices import FindingStatus, SeverityBand
from guardduty_hub.findings.models import Finding
from guardduty_hub.notifications.models import Channel, Delivery, NotificationState
from guardduty_hub.notifications.tasks import notifications_sweep
from guardduty_hub.sync.services import sync_region
from tests.notifications.conftest import make_channel, make_rule
from tests.notifications.support import REGION, publish, signature_ok

# Transactions commit for real: the flush is sent after the page's commit.
pytestmark = [
    pytest.mark.usefixtures("fast_notifications"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def _no_window(settings):
    settings.NOTIFICATIONS_WINDOW_SECONDS = 0


def test_a_high_finding_from_an_event_reaches_the_webhook_once_signed(ingest, receiver):
    channel = make_channel(receiver.url)
    make_rule(channel)
    made = publish(ingest.world, "a1")
    ingest.drain()
    (got,) = receiver.wait_for(1)
    assert signature_ok(got)
    message = json.loads(got.body)
    assert message["event"] == "findings" and message["total"] == 1
    (item,) = message["findings"]
    assert (item["id"], item["severity_label"], item["reason"]) == (made, "High", "new")
    # The same finding again: a sync, and the same event delivered twice.
    sync_region(ingest.world.admin.pk, REGION)
    publish(ingest.world, "a1")
    ingest.drain()
    assert len(receiver.wait_for(2, timeout=1)) == 1
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.response_code, delivery.attempts) == ("sent", 200, 1)


def test_findings_no_rule_picks_send_nothing(ingest, receiver):
    channel = make_channel(receiver.url)
    make_rule(channel, type_prefix="Backdoor:")
    publish(ingest.world, "b1", severity=2.0)  # Low
    publish(ingest.world, "b2", severity=8.0)  # High, but a Recon type
    ingest.drain()
    assert receiver.wait_for(1, timeout=0.5) == []
    assert not Delivery.objects.exists()


def test_a_rule_for_updated_findings_only_skips_new_ones(ingest, receiver):
    channel = make_channel(receiver.url)
    make_rule(channel, bands=(), on_new=False, on_updated=True)
    publish(ingest.world, "c1", count=1, minutes_ago=10)
    ingest.drain()
    assert receiver.wait_for(1, timeout=0.5) == []
    publish(ingest.world, "c1", count=2, minutes_ago=5)
    ingest.drain()
    (got,) = receiver.wait_for(1)
    assert json.loads(got.body)["findings"][0]["reason"] == "updated"


def test_it_notifies_again_when_severity_rises_or_it_reoccurs_after_being_resolved(
    ingest, receiver
):
    channel = make_channel(receiver.url)
    make_rule(channel, bands=(SeverityBand.MEDIUM, SeverityBand.HIGH, SeverityBand.CRITICAL))
    made = publish(ingest.world, "d1", severity=5.0, minutes_ago=30)
    ingest.drain()
    publish(ingest.world, "d1", severity=4.5, minutes_ago=25)  # lower: nothing
    ingest.drain()
    publish(ingest.world, "d1", severity=8.0, minutes_ago=20)  # rose: again
    ingest.drain()
    Finding.objects.filter(guardduty_id=made).update(status=FindingStatus.RESOLVED)
    publish(ingest.world, "d1", severity=8.0, count=2, minutes_ago=10)  # re-occurred
    ingest.drain()
    reasons = [json.loads(r.body)["findings"][0]["reason"] for r in receiver.wait_for(3)]
    assert reasons == ["new", "severity_raised", "reopened"]
    assert len(receiver.wait_for(4, timeout=0.5)) == 3
    state = NotificationState.objects.get()
    assert state.severity == 8.0 and state.reopened_at is not None


def test_a_burst_is_one_message_per_channel_per_window(ingest, receiver, settings):
    settings.NOTIFICATIONS_WINDOW_SECONDS = 60
    channel = make_channel(receiver.url)
    make_rule(channel)
    for n in range(3):
        publish(ingest.world, f"e{n}")
    ingest.drain()
    for n in range(3, 5):
        publish(ingest.world, f"e{n}")
    ingest.drain()
    (first,) = receiver.wait_for(1)
    assert json.loads(first.body)["total"] == 3
    # The rest waits for the window; the sweep sends it once the window is over.
    notifications_sweep.delay()
    assert len(receiver.wait_for(2, timeout=0.5)) == 1
    Channel.objects.filter(pk=channel.pk).update(window_until=timezone.now() - timedelta(seconds=1))
    notifications_sweep.delay()
    second = receiver.wait_for(2)[1]
    assert json.loads(second.body)["total"] == 2
    notifications_sweep.delay()
    assert len(receiver.wait_for(3, timeout=0.5)) == 2
