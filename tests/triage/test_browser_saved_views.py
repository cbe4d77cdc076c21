"""In a real browser: save the current filters as a view, open it again, share it with a teammate."""

import re

import pytest
from playwright.sync_api import expect

from guardduty_hub.findings.models import SavedView
from tests.factories import make_finding
from tests.triage.conftest import MEMBER_IDS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def spread(accounts):
    """Two High findings in member two, one High elsewhere, one Low in member two."""
    make_finding(severity=8.0, account_id=MEMBER_IDS[1], title="High two A")
    make_finding(severity=8.0, account_id=MEMBER_IDS[1], title="High two B")
    make_finding(severity=8.0, account_id=MEMBER_IDS[0], title="High one")
    make_finding(severity=2.0, account_id=MEMBER_IDS[1], title="Low two")


def test_save_the_filters_then_open_the_view_again(signed_in_page, analyst_bob, spread):
    page = signed_in_page(analyst_bob, "/findings/")
    expect(page.locator("#findings-total")).to_contain_text("4 findings")
    # Filters applied in place (htmx): the view must keep what is on screen, not the first load.
    page.get_by_role("checkbox", name="High", exact=True).check()
    page.locator("#id_account summary").click()
    page.locator("#id_account").get_by_label("Member 2").check()
    expect(page.locator("#findings-total")).to_contain_text("2 findings")

    page.get_by_label("Save the current filters as").fill("Member two, high")
    page.get_by_role("button", name="Save view").click()
    expect(page.locator(".messages")).to_contain_text("View “Member two, high” saved.")
    view = SavedView.objects.get(owner=analyst_bob)
    assert view.name == "Member two, high" and view.shared is False
    assert f"account={MEMBER_IDS[1]}" in view.query and "severity=3" in view.query

    page.get_by_role("link", name="Reset").click()
    expect(page.locator("#findings-total")).to_contain_text("4 findings")
    page.get_by_role("link", name="Member two, high").click()
    expect(page.locator("#findings-total")).to_contain_text("2 findings")
    expect(page.locator("#id_account").get_by_label("Member 2")).to_be_checked()
    expect(page.get_by_role("checkbox", name="High", exact=True)).to_be_checked()
    titles = page.locator("table.findings tbody tr")
    expect(titles).to_have_count(2)
    expect(page.locator("table.findings")).not_to_contain_text("High one")

    page.get_by_role("button", name="Delete view Member two, high").click()
    expect(page.locator(".messages")).to_contain_text("View “Member two, high” deleted.")
    expect(page.locator(".saved-views")).to_contain_text("None yet.")
    assert not SavedView.objects.exists()


def test_a_shared_view_is_seen_by_a_teammate_a_private_one_is_not(
    signed_in_page, analyst_bob, viewer_carol, spread
):
    page = signed_in_page(analyst_bob, f"/findings/?severity=3&account={MEMBER_IDS[1]}")
    expect(page.locator("#findings-total")).to_contain_text("2 findings")
    page.get_by_label("Save the current filters as").fill("Team: member two high")
    page.get_by_label("Share with the team").check()
    page.get_by_role("button", name="Save view").click()
    expect(page.locator(".saved-views")).to_contain_text("Team: member two high")
    page.get_by_label("Save the current filters as").fill("Bob's own")
    page.get_by_role("button", name="Save view").click()
    expect(page.locator(".saved-views")).to_contain_text("Bob's own")
    assert set(SavedView.objects.values_list("name", "shared")) == {
        ("Team: member two high", True),
        ("Bob's own", False),
    }

    # Carol, in her own browser session, sees the shared one only, marked as Bob's.
    page.context.clear_cookies()
    page = signed_in_page(viewer_carol, "/findings/")
    views = page.locator(".saved-views")
    expect(views).to_contain_text("Team: member two high")
    expect(views).to_contain_text("shared by bob")
    expect(views).not_to_contain_text("Bob's own")
    expect(page.get_by_role("button", name=re.compile("Delete view"))).to_have_count(0)
    views.get_by_role("link", name="Team: member two high").click()
    expect(page.locator("#findings-total")).to_contain_text("2 findings")
    expect(page.locator("table.findings")).to_contain_text("High two A")
