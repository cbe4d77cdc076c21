"""Slack gets its text and blocks (finding text escaped for mrkdwn); email goes through
Django's mail to the channel's recipients."""

import json

import pytest
from django.core import mail

from guardduty_hub.findings.models import Finding
from guardduty_hub.notifications.choices import ChannelKind
from guardduty_hub.notifications.models import Delivery
from tests.notifications.conftest import make_channel, make_rule
from tests.notifications.support import publish

pytestmark = [
    pytest.mark.usefixtures("fast_notifications"),
    pytest.mark.django_db(transaction=True),
]


def test_slack_gets_a_text_and_blocks_unsigned(ingest, receiver):
    channel = make_channel(receiver.url, kind=ChannelKind.SLACK, name="Slack")
    make_rule(channel)
    publish(ingest.world, "s1")
    ingest.drain()
    (got,) = receiver.wait_for(1)
    assert "x-gdh-signature" not in got.headers
    message = json.loads(got.body)
    assert message["text"] == "GuardDuty Hub: 1 finding to look at"
    text = message["blocks"][1]["text"]["text"]
    finding = Finding.objects.get()
    assert text.startswith("• High 8 · ") and finding.type in text


def test_email_goes_to_the_recipients(ingest, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    channel = make_channel(
        "", kind=ChannelKind.EMAIL, name="Mail", recipients="soc@example.com\nlead@example.com"
    )
    make_rule(channel)
    publish(ingest.world, "m1")
    publish(ingest.world, "m2")
    ingest.drain()
    (message,) = mail.outbox
    assert message.to == ["soc@example.com", "lead@example.com"]
    assert message.subject == "GuardDuty Hub: 2 findings to look at"
    assert Delivery.objects.get().status == "sent"
