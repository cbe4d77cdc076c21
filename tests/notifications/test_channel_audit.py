"""Who may be alerted, and about what, is a security setting: adding or changing a channel and
adding, changing or deleting a rule are in the audit log, and the channel's secret never is."""

import pytest
from django.urls import reverse

from guardduty_hub.accounts.audit_words import event_sentence
from guardduty_hub.accounts.models import AuditEvent
from guardduty_hub.notifications.models import Channel, Rule

pytestmark = pytest.mark.django_db


def test_channel_and_rule_changes_are_audited_without_the_secret(client, admin_alice, receiver):
    client.force_login(admin_alice)
    form = {"name": "SOC hook", "kind": "webhook", "enabled": "on", "recipients": ""}
    answer = client.post(reverse("notifications:channel_new"), {**form, "new_url": receiver.url})
    assert answer.status_code == 302
    channel = Channel.objects.get()
    answer = client.post(reverse("notifications:channel_edit", args=[channel.pk]), form)
    assert answer.status_code == 302
    rule = {"name": "High", "enabled": "on", "bands": ["3"], "on_new": "on"}
    rule.update(type_prefix="", account_ids="", regions="")
    answer = client.post(reverse("notifications:rule_new", args=[channel.pk]), rule)
    assert answer.status_code == 302
    made = Rule.objects.get()
    answer = client.post(reverse("notifications:rule_delete", args=[made.pk]))
    assert answer.status_code == 302
    assert not Rule.objects.exists()

    events = list(AuditEvent.objects.filter(action__startswith="notifications.").order_by("pk"))
    assert [(e.action, e.actor_label) for e in events] == [
        ("notifications.channel_save", "alice"),
        ("notifications.channel_save", "alice"),
        ("notifications.rule_save", "alice"),
        ("notifications.rule_delete", "alice"),
    ]
    assert [event_sentence(e) for e in events] == [
        "Added the notification channel",
        "Changed the channel",
        "Added a rule to channel SOC hook",
        "Deleted a rule of channel SOC hook",
    ]
    for event in events:
        assert receiver.url not in str(event.details)
    page = client.get(reverse("findings:audit")).content.decode()
    assert "Added a rule to channel SOC hook" in page
    assert receiver.url not in page
