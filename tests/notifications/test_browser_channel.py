"""In a real browser: an Admin adds a webhook channel from the Notifications menu, sends a test
to a receiver started here and sees the delivery row; the saved secret is never shown again."""

import json

import pytest
from playwright.sync_api import expect

from guardduty_hub.notifications.models import Channel, Rule
from tests.notifications.conftest import make_channel, make_rule
from tests.notifications.support import signature_ok

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("fast_notifications"),
]

SECRET = "receiver-shared-secret"


def test_admin_adds_a_channel_and_sends_a_test(signed_in_page, admin_alice, receiver):
    page = signed_in_page(admin_alice, "/")
    page.get_by_role("link", name="Notifications").first.click()
    page.get_by_role("link", name="Add a channel").click()
    page.get_by_label("Name").fill("SOC receiver")
    page.get_by_label("Kind").select_option("webhook")
    page.get_by_label("Webhook URL").fill(receiver.url)
    page.get_by_label("Signing secret").fill(SECRET)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".msg-success")).to_have_text("Channel SOC receiver saved.")
    expect(page.get_by_role("heading", level=1)).to_have_text("SOC receiver")
    expect(page.locator("main, body").first).not_to_contain_text(receiver.url)

    page.get_by_role("button", name="Send a test").click()
    row = page.locator("#deliveries tbody tr").first
    expect(row).to_have_attribute("data-status", "sent")
    expect(row).to_contain_text("Test")
    expect(row).to_contain_text("200")
    (got,) = receiver.requests
    assert signature_ok(got, SECRET)
    assert json.loads(got.body)["event"] == "test"

    # Changing the channel: the secrets are "set", never filled in again.
    page.get_by_role("link", name="Change").click()
    url_field = page.get_by_label("Webhook URL")
    expect(url_field).to_have_value("")
    expect(page.locator("#channel-form")).to_contain_text("set (encrypted) — replace?")
    assert receiver.url not in page.content() and SECRET not in page.content()
    assert Channel.objects.get().url.startswith("fernet:")


def test_a_viewer_sees_channels_but_no_change_buttons(signed_in_page, viewer_carol, receiver):
    channel = make_channel(receiver.url)
    page = signed_in_page(viewer_carol, f"/notifications/{channel.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("SOC webhook")
    expect(page.get_by_role("button", name="Send a test")).to_have_count(0)
    expect(page.get_by_role("link", name="Notifications")).to_have_count(0)


def test_admin_adds_a_rule_that_also_sends_overdue_findings(signed_in_page, admin_alice, receiver):
    channel = make_channel(receiver.url)
    page = signed_in_page(admin_alice, f"/notifications/{channel.pk}/")
    page.get_by_role("link", name="Add a rule").click()
    page.get_by_label("Name").fill("Critical, and when overdue")
    page.get_by_label("Critical").check()
    page.get_by_label("Also when overdue (past its SLA)").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".msg-success")).to_have_text("Rule Critical, and when overdue saved.")
    row = page.locator("tr[data-rule]")
    expect(row).to_contain_text("Critical")
    expect(row).to_contain_text("new, overdue")
    rule = Rule.objects.get()
    assert rule.notify_overdue and rule.bands == [4] and rule.on_new


def test_admin_deletes_a_channel_from_its_page(signed_in_page, admin_alice, receiver):
    channel = make_channel(receiver.url, name="Old webhook")
    make_rule(channel)
    make_channel(receiver.url, name="Kept webhook")
    page = signed_in_page(admin_alice, "/notifications/")
    page.get_by_role("link", name="Old webhook").click()
    page.get_by_role("link", name="Delete channel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete channel “Old webhook”?")
    expect(page.locator("#channel-parts")).to_contain_text("1 rule choosing its findings")
    page.get_by_role("button", name="Delete channel").click()
    expect(page.locator(".msg-success")).to_have_text("Channel Old webhook deleted.")
    channels = page.get_by_role("table", name="Notification channels")
    expect(channels).not_to_contain_text("Old webhook")
    expect(channels).to_contain_text("Kept webhook")
    assert list(Channel.objects.values_list("name", flat=True)) == ["Kept webhook"]
