"""Writing a suppression rule on its page: back-test first, confirmation for High/Critical."""

import pytest
from django.urls import reverse

from guardduty_hub.configuration.models import SuppressionRule
from tests.configuration.conftest import HUB_ADMIN
from tests.factories import make_finding


@pytest.fixture
def new_url(hub_admin):
    return reverse("configuration:rule_new", args=[HUB_ADMIN])


def test_suppression_page_backtest_then_save(
    client_for, admin_alice, hub_admin, new_url, django_capture_on_commit_callbacks
):
    make_finding(administrator=hub_admin, type="Backdoor:EC2/Spambot", severity=8.0)
    client = client_for(admin_alice)
    page = client.get(new_url, {"type": "Backdoor:EC2/Spambot"}).content.decode()
    assert 'data-total="1"' in page and 'id="severe-warning"' in page
    data = {"type": "Backdoor:EC2/Spambot", "name": "spam", "action": "ARCHIVE", "rank": 1}
    refused = client.post(new_url, data)
    assert refused.status_code == 400 and b"Confirm that you mean it" in refused.content
    assert not SuppressionRule.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(new_url, {**data, "confirmed_severe": "on"})
    assert saved.status_code == 302
    rule = SuppressionRule.objects.get()
    assert rule.query == "type=Backdoor%3AEC2%2FSpambot"
    rules_page = client.get(reverse("configuration:rules", args=[HUB_ADMIN])).content.decode()
    assert 'data-rule="spam"' in rules_page and 'data-drift="false"' in rules_page


def test_suppression_pages_viewer_reads_only(client_for, viewer_carol, hub_admin, new_url):
    client = client_for(viewer_carol)
    assert client.get(reverse("configuration:rules", args=[HUB_ADMIN])).status_code == 200
    assert client.get(new_url).status_code == 403


def test_suppression_pages_need_sign_in(client, hub_admin):
    response = client.get(reverse("configuration:rules", args=[HUB_ADMIN]))
    assert response.status_code == 302 and "/login/" in response["Location"]
