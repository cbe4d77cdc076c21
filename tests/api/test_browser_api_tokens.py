"""In a real browser: issue an API token, use it from a script, revoke it, and it stops working."""

import re

import pytest
import requests
from playwright.sync_api import expect

from guardduty_hub.api.models import ApiToken

pytestmark = pytest.mark.django_db(transaction=True)


def findings_status(base_url: str, key: str) -> int:
    """What a script holding `key` gets from the findings endpoint."""
    answer = requests.get(
        f"{base_url}/api/findings/", headers={"Authorization": f"Token {key}"}, timeout=10
    )
    return answer.status_code


def test_issue_use_and_revoke_a_token(signed_in_page, live_server, analyst_bob, finding_rows):
    page = signed_in_page(analyst_bob, "/")
    page.get_by_role("link", name="API tokens", exact=True).click()
    expect(page.get_by_role("heading", name="API tokens")).to_be_visible()
    expect(page.get_by_role("table", name="Your API tokens")).to_contain_text("No tokens yet.")

    page.get_by_label("Name").fill("SIEM export")
    page.get_by_role("button", name="Issue a token").click()
    key = page.get_by_test_id("new-key").inner_text().strip()
    token = ApiToken.objects.get(user=analyst_bob)
    assert token.name == "SIEM export" and token.revoked_at is None
    assert key.startswith(token.prefix) and len(key) > len(token.prefix)
    expect(page.locator("#token-example")).to_contain_text(f"Authorization: Token {key}")
    row = page.get_by_role("row", name="SIEM export")
    expect(row).to_contain_text("active")
    expect(row).to_contain_text("never")
    assert findings_status(live_server.url, key) == 200

    # The key is shown once: reloading the page does not show it again.
    page.goto(page.url)
    expect(page.get_by_test_id("new-key")).to_have_count(0)
    expect(row).not_to_contain_text("never")  # last used just now: "now" or "… ago"
    expect(row).to_contain_text(re.compile(r"\bnow\b|seconds? ago"))

    row.get_by_role("button", name="Revoke").click()
    expect(page.locator(".messages")).to_contain_text(
        "Revoked “SIEM export”. Clients using it now get 401."
    )
    expect(row).to_contain_text("revoked")
    expect(row.get_by_role("button", name="Revoke")).to_have_count(0)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert findings_status(live_server.url, key) == 401
