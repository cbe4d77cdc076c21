"""Deleting a channel: the confirmation page (GET) says what goes with it and deletes nothing;
the POST deletes the channel with its rules, deliveries and queued findings, the findings
themselves stay, and the audit log records who did it. Admins of every account only."""

import pytest
from django.urls import reverse

from guardduty_hub.accounts.audit_words import event_sentence
from guardduty_hub.accounts.models import AuditEvent
from guardduty_hub.findings.models import Finding
from guardduty_hub.notifications.choices import Reason
from guardduty_hub.notifications.models import (
    Channel,
    Delivery,
    DeliveryAttempt,
    NotificationState,
    PendingNotification,
    Rule,
)
from guardduty_hub.notifications.services import channel_send_test
from tests.factories import make_finding
from tests.notifications.conftest import make_channel, make_rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def channel(receiver):
    made = make_channel(receiver.url)
    make_rule(made)
    make_rule(made, name="Second")
    channel_send_test(made)
    sent = channel_send_test(made)
    DeliveryAttempt.objects.create(delivery=sent, number=1, status="sent", sent_at=sent.created_at)
    finding = make_finding()
    PendingNotification.objects.create(
        channel=made, finding=finding, reason=Reason.NEW, severity=finding.severity
    )
    NotificationState.objects.create(
        channel=made, finding=finding, severity=finding.severity, notified_at=sent.created_at
    )
    return made


def test_the_confirmation_page_says_what_goes_and_deletes_nothing(client, admin_alice, channel):
    client.force_login(admin_alice)
    page = client.get(reverse("notifications:channel_delete", args=[channel.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "2 rules" in text and "2 deliveries" in text and "1 finding queued" in text
    assert Channel.objects.filter(pk=channel.pk).exists()
    detail = client.get(reverse("notifications:channel", args=[channel.pk])).content.decode()
    assert reverse("notifications:channel_delete", args=[channel.pk]) in detail


def test_an_admin_deletes_the_channel_with_what_belongs_to_it(client, admin_alice, channel):
    client.force_login(admin_alice)
    answer = client.post(reverse("notifications:channel_delete", args=[channel.pk]))
    assert answer.status_code == 302 and answer["Location"] == reverse("notifications:channels")
    assert not Channel.objects.exists() and not Rule.objects.exists()
    assert not Delivery.objects.exists() and not DeliveryAttempt.objects.exists()
    assert not PendingNotification.objects.exists() and not NotificationState.objects.exists()
    assert Finding.objects.count() == 1
    event = AuditEvent.objects.get(action="notifications.channel_delete")
    assert (event.actor, event.target_label) == (admin_alice, "SOC webhook")
    assert event.details == {"kind": "webhook", "rules": 2, "deliveries": 2}
    assert event_sentence(event) == (
        "Deleted the notification channel, with 2 rules and 2 deliveries"
    )


def test_who_may_not_change_notifications_cannot_delete_a_channel(
    client, analyst_bob, viewer_carol, channel
):
    for person in (analyst_bob, viewer_carol):
        client.force_login(person)
        url = reverse("notifications:channel_delete", args=[channel.pk])
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
    assert Channel.objects.filter(pk=channel.pk).exists()
    assert not AuditEvent.objects.filter(action="notifications.channel_delete").exists()
