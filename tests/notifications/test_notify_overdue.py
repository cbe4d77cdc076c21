"""A finding that misses an SLA deadline reaches the channels whose rule says "also when
overdue", once per deadline, through the outbox (grouping, retries); never for findings with
no running clock. The simulator publishes, the consumer writes, beat's task scans (eagerly).

The deadlines are set by the SLA settings (a High finding's time to acknowledge / resolve) so
that they fall between the "previous scan" (the watermark, a minute ago) and now."""

import json
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from guardduty_hub.findings.choices import FindingStatus
from guardduty_hub.findings.models import Finding
from guardduty_hub.notifications.models import Delivery, NotificationState, OverdueScan
from guardduty_hub.notifications.tasks import notifications_overdue
from tests.notifications.conftest import make_channel, make_rule
from tests.notifications.support import publish, signature_ok

pytestmark = [
    pytest.mark.usefixtures("fast_notifications"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def _no_window(settings):
    settings.NOTIFICATIONS_WINDOW_SECONDS = 0


def last_scan(seconds_ago: int) -> None:
    """As if beat's previous scan ran `seconds_ago` seconds ago."""
    OverdueScan.objects.update_or_create(
        pk=1, defaults={"scanned_until": timezone.now() - timedelta(seconds=seconds_ago)}
    )


def due_seconds_ago(settings, finding_id: str, seconds: int, phase: str = "SLA_ACKNOWLEDGE"):
    """Set the High band's time for `phase` so the finding's deadline passed `seconds` ago."""
    first_seen = Finding.objects.get(guardduty_id=finding_id).first_seen_at
    age = int((timezone.now() - first_seen).total_seconds())
    per_band = dict(getattr(settings, phase), high=age - seconds)
    if phase == "SLA_ACKNOWLEDGE":  # the resolve time stays later, as settings require
        settings.SLA_RESOLVE = dict(settings.SLA_RESOLVE, high=max(age * 10, per_band["high"]))
    setattr(settings, phase, per_band)


def overdue_messages(receiver, path="/hook") -> list[dict]:
    return [
        item
        for request in receiver.requests
        if request.path == path
        for item in json.loads(request.body)["findings"]
        if item["reason"] == "overdue"
    ]


def test_a_finding_past_its_acknowledge_time_is_sent_once_to_rules_that_ask(
    ingest, receiver, settings
):
    asks = make_channel(receiver.url, name="Asks")
    make_rule(asks, notify_overdue=True)
    quiet = make_channel(receiver.url.replace("/hook", "/quiet"), name="Quiet")
    make_rule(quiet)  # the same scope, without "also when overdue"
    made = publish(ingest.world, "o1", severity=8.0)
    ingest.drain()
    assert len(receiver.wait_for(2)) == 2  # both heard of it as new
    due_seconds_ago(settings, made, 30)
    last_scan(60)

    notifications_overdue.delay()
    receiver.wait_for(3)
    (item,) = overdue_messages(receiver)
    assert item["id"] == made and item["reason_label"] == "Overdue: past its SLA"
    assert item["overdue"]["sla"] == "acknowledge" and item["overdue"]["overdue_seconds"] >= 30
    assert item["why"].startswith("overdue by ")
    assert "the High SLA is to acknowledge within" in item["why"]
    assert signature_ok(receiver.requests[-1])
    assert overdue_messages(receiver, "/quiet") == []

    # Beat again; and again over the same window (a restarted scan): never twice.
    notifications_overdue.delay()
    last_scan(60)
    notifications_overdue.delay()
    assert len(receiver.wait_for(4, timeout=0.5)) == 3
    state = NotificationState.objects.get(channel=asks)
    assert state.overdue_due_at is not None
    assert Delivery.objects.filter(channel=asks).count() == 2


def test_an_acknowledged_finding_is_sent_again_when_it_misses_its_resolve_time(
    ingest, receiver, settings
):
    channel = make_channel(receiver.url)
    make_rule(channel, on_new=False, notify_overdue=True)
    made = publish(ingest.world, "o2", severity=8.0)
    ingest.drain()
    Finding.objects.filter(guardduty_id=made).update(status=FindingStatus.ACKNOWLEDGED)
    settings.SLA_ACKNOWLEDGE = dict(settings.SLA_ACKNOWLEDGE, high=60)
    due_seconds_ago(settings, made, 20, phase="SLA_RESOLVE")
    last_scan(60)

    notifications_overdue.delay()
    (got,) = receiver.wait_for(1)
    (item,) = json.loads(got.body)["findings"]
    assert item["overdue"]["sla"] == "resolve"
    assert "the High SLA is to resolve within" in item["why"]


def test_findings_without_a_running_clock_are_not_sent(ingest, receiver, settings):
    channel = make_channel(receiver.url)
    make_rule(channel, on_new=False, notify_overdue=True)
    resolved = publish(ingest.world, "o3", severity=8.0)
    archived = publish(ingest.world, "o4", severity=8.0)
    false_positive = publish(ingest.world, "o5", severity=8.0)
    ingest.drain()
    Finding.objects.filter(guardduty_id=resolved).update(status=FindingStatus.RESOLVED)
    Finding.objects.filter(guardduty_id=archived).update(archived=True)
    Finding.objects.filter(guardduty_id=false_positive).update(status=FindingStatus.FALSE_POSITIVE)
    due_seconds_ago(settings, resolved, 20)
    last_scan(120)

    notifications_overdue.delay()
    assert receiver.wait_for(1, timeout=0.5) == []
    assert not NotificationState.objects.exists()


def test_the_first_scan_does_not_send_the_backlog(ingest, receiver, settings):
    """Turning overdue notices on announces deadlines from then on; the dashboard counts the
    findings already overdue."""
    channel = make_channel(receiver.url)
    make_rule(channel, on_new=False, notify_overdue=True)
    made = publish(ingest.world, "o6", severity=8.0)
    ingest.drain()
    due_seconds_ago(settings, made, 30)
    notifications_overdue.delay()
    assert receiver.wait_for(1, timeout=0.5) == []
    assert OverdueScan.objects.get().scanned_until > timezone.now() - timedelta(seconds=5)


def test_beat_runs_the_overdue_scan():
    entry = django_settings.CELERY_BEAT_SCHEDULE["notifications-overdue"]
    assert entry["task"] == notifications_overdue.name
    assert entry["schedule"] == django_settings.NOTIFICATIONS_OVERDUE_SECONDS


def test_a_notice_queued_before_the_finding_was_acknowledged_is_not_sent(
    ingest, receiver, settings
):
    """The channel's window holds the notice; someone acknowledges the finding meanwhile: the
    flush drops the notice (it is not late any more) instead of sending it."""
    from guardduty_hub.notifications.models import Channel, PendingNotification
    from guardduty_hub.notifications.services import channel_flush

    channel = make_channel(receiver.url)
    make_rule(channel, on_new=False, notify_overdue=True)
    made = publish(ingest.world, "o7", severity=8.0)
    ingest.drain()
    Channel.objects.filter(pk=channel.pk).update(window_until=timezone.now() + timedelta(minutes=5))
    due_seconds_ago(settings, made, 30)
    last_scan(60)
    notifications_overdue.delay()
    assert PendingNotification.objects.filter(channel=channel, delivery__isnull=True).count() == 1

    Finding.objects.filter(guardduty_id=made).update(status=FindingStatus.ACKNOWLEDGED)
    Channel.objects.filter(pk=channel.pk).update(window_until=None)
    assert channel_flush(channel.pk).delivery_id is None
    assert not PendingNotification.objects.filter(channel=channel).exists()
    assert receiver.wait_for(1, timeout=0.5) == []
