"""In a real browser: a person picks a time zone in Preferences and pages show times in it."""

import pytest
from playwright.sync_api import expect

from guardduty_hub.findings.models import UserProfile
from tests.factories import NOW, make_finding

pytestmark = pytest.mark.django_db(transaction=True)


def last_seen(page):
    return page.locator("dt", has_text="Last seen").locator("xpath=following-sibling::dd[1]")


def test_times_follow_the_chosen_zone_and_it_is_kept(signed_in_page, analyst_bob, accounts):
    finding = make_finding(updated_at=NOW, title="Seen at noon UTC")
    page = signed_in_page(analyst_bob, f"/findings/{finding.pk}/")
    expect(last_seen(page)).to_have_text("2025-06-01 12:00 UTC")

    page.locator(".userbox").get_by_role("link", name="Preferences").click()
    expect(page.get_by_label("Time zone")).to_have_value("UTC")
    page.get_by_label("Time zone").select_option("Asia/Tokyo")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Times are now shown in Asia/Tokyo.")
    assert UserProfile.objects.get(user=analyst_bob).time_zone == "Asia/Tokyo"

    page.goto(page.url.split("/findings/")[0] + f"/findings/{finding.pk}/")
    expect(last_seen(page)).to_have_text("2025-06-01 21:00 JST")
    # The exact UTC time stays on hover.
    expect(last_seen(page).locator("time")).to_have_attribute("title", "2025-06-01 12:00:00 UTC")

    # A new sign-in (new session) still shows Tokyo time: the choice is stored, not just cached.
    page.context.clear_cookies()
    page = signed_in_page(analyst_bob, "/findings/")
    row_time = page.locator(f'tr[data-finding="{finding.pk}"] time').first
    expect(row_time).to_have_attribute("title", "2025-06-01 21:00 JST · 2025-06-01 12:00:00 UTC")
