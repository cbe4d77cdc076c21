"""An endpoint that answers 500 or times out is retried with backoff and every attempt is a
row; it never blocks the sync or another channel; a 4xx is not retried."""

import pytest

from guardduty_hub.notifications.choices import ChannelKind
from guardduty_hub.notifications.models import Delivery, DeliveryAttempt
from guardduty_hub.notifications.services import channel_send_test
from guardduty_hub.notifications.tasks import delivery_send
from tests.notifications.conftest import make_channel, make_rule
from tests.notifications.support import publish

pytestmark = [
    pytest.mark.usefixtures("fast_notifications"),
    pytest.mark.django_db(transaction=True),
]


def test_a_500_is_retried_until_it_succeeds_each_attempt_recorded(ingest, receiver):
    receiver.answers.extend([500, 503])
    channel = make_channel(receiver.url)
    make_rule(channel)
    publish(ingest.world, "f1")
    ingest.drain()
    assert len(receiver.wait_for(3)) == 3
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("sent", 3, 200)
    attempts = list(delivery.attempt_rows.values_list("number", "status", "response_code"))
    assert attempts == [(1, "failed", 500), (2, "failed", 503), (3, "sent", 200)]
    # The same bytes every time (the signature covers them).
    assert len({r.body for r in receiver.requests}) == 1


def test_a_timing_out_endpoint_fails_after_its_attempts_and_the_other_channel_still_hears(
    ingest, receiver, settings
):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    slow = make_channel(receiver.url.replace("/hook", "/slow"), name="Slow")
    make_rule(slow)
    receiver.stall_seconds = 1.5  # over the 1 s timeout
    other_url = receiver.url
    publish(ingest.world, "g1")
    ingest.drain()  # the consumer committed its batch whatever the endpoint did
    failed = Delivery.objects.get(channel=slow)
    assert (failed.status, failed.attempts) == ("failed", 2)
    assert "timed out" in failed.error
    assert list(DeliveryAttempt.objects.values_list("status", flat=True)) == ["failed", "failed"]
    receiver.stall_seconds = 0
    healthy = make_channel(other_url, name="Healthy")
    make_rule(healthy)
    publish(ingest.world, "g2")
    ingest.drain()
    assert Delivery.objects.get(channel=healthy).status == "sent"


def test_a_4xx_is_not_retried(db, receiver):
    receiver.answers.append(404)
    channel = make_channel(receiver.url)
    delivery = channel_send_test(channel)
    delivery_send.delay(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("failed", 1, 404)
    assert len(receiver.requests) == 1


def test_an_unreadable_secret_fails_the_delivery_with_that_reason(db, monkeypatch):
    channel = make_channel("", kind=ChannelKind.SLACK)
    channel.url = "env:NOTIFY_MISSING_URL"
    channel.save()
    monkeypatch.delenv("NOTIFY_MISSING_URL", raising=False)
    delivery = channel_send_test(channel)
    delivery_send.delay(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == "failed"
    assert "NOTIFY_MISSING_URL is not set" in delivery.error


def test_a_second_run_of_a_sent_delivery_sends_nothing(db, receiver):
    channel = make_channel(receiver.url)
    delivery = channel_send_test(channel)
    delivery_send.delay(delivery.pk)
    delivery_send.delay(delivery.pk)  # a redelivered task
    assert len(receiver.requests) == 1
