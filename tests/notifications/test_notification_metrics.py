"""/metrics counts notifications sent and failed per channel kind, from the delivery rows."""

import pytest
from django.urls import reverse

from guardduty_hub.notifications.choices import ChannelKind
from guardduty_hub.notifications.services import channel_send_test
from guardduty_hub.notifications.tasks import delivery_send
from tests.ingest.test_metrics import TOKEN, metrics_on, samples  # noqa: F401
from tests.notifications.conftest import make_channel

pytestmark = pytest.mark.usefixtures("fast_notifications", "metrics_on")


def test_sent_and_failed_per_channel_kind(client, db, receiver, settings):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 1
    webhook = make_channel(receiver.url)
    slack = make_channel(receiver.url, kind=ChannelKind.SLACK, name="Slack")
    receiver.answers.extend([200, 200, 500])
    for channel in (webhook, webhook, slack):
        delivery_send.delay(channel_send_test(channel).pk)
    text = client.get(reverse("metrics"), headers={"Authorization": f"Bearer {TOKEN}"})
    found = samples(text.content.decode())
    assert found[("gdh_notifications_sent_total", (("kind", "webhook"),))] == 2
    assert found[("gdh_notifications_sent_total", (("kind", "slack"),))] == 0
    assert found[("gdh_notifications_failed_total", (("kind", "slack"),))] == 1
    assert found[("gdh_notifications_attempts_failed_total", (("kind", "slack"),))] == 1
    assert found[("gdh_notifications_failed_total", (("kind", "email"),))] == 0
