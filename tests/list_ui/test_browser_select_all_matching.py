"""In the browser: tick the page, choose "Select all N matching this filter", archive them all
(asked with the count), and follow the background run to its result."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.list_ui.conftest import SCREENSHOTS, archived_in_guardduty, put_findings

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path(__file__).parent / SCREENSHOTS


def test_select_all_matching_then_archive_in_the_background(
    signed_in_page, analyst_bob, gd_world, settings
):
    settings.FINDINGS_BULK_INLINE_MAX = 10  # 30 findings: a background run
    chosen = put_findings(gd_world, 30, title="Zebra")
    put_findings(gd_world, 2, title="Keep me")
    page = signed_in_page(analyst_bob, "/findings/?q=Zebra&per_page=25")
    bar = page.locator("#select-matching")
    expect(bar).to_be_hidden()

    page.locator("#select-all-findings").check()
    expect(bar).to_contain_text("All 25 findings on this page are selected.")
    bar.get_by_role("button", name="Select all 30 findings matching this filter").click()
    expect(bar).to_contain_text("All 30 findings matching this filter are selected.")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "select-all-matching.png")

    page.locator("#id_bulk_action").select_option("archive")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#confirm-question")).to_contain_text("Archive 30 findings in GuardDuty?")
    page.get_by_role("button", name="Archive in GuardDuty: 30 findings").click()

    message = page.locator(".messages li").first
    expect(message).to_contain_text("Archive in GuardDuty: 30 findings in the background.")
    message.get_by_role("link", name="See its progress").click()
    expect(page.locator("#bulk-status")).to_have_text("Done")
    expect(page.locator("#bulk-counts")).to_contain_text("30 of 30 findings processed: 30 done.")
    page.screenshot(path=SHOTS / "select-all-matching-done.png")
    assert set(archived_in_guardduty(chosen).values()) == {True}

    page.locator("#bulk-filter-link").click()
    expect(page.locator("table.findings tbody")).to_contain_text("No findings match")


def test_unticking_a_row_goes_back_to_the_page(signed_in_page, analyst_bob, gd_world):
    put_findings(gd_world, 26, title="Zebra")
    page = signed_in_page(analyst_bob, "/findings/?q=Zebra&per_page=25")
    page.locator("#select-all-findings").check()
    page.get_by_role("button", name="Select all 26 findings matching this filter").click()
    expect(page.locator('#select-matching input[name="select"]')).to_be_enabled()
    page.locator('#findings-results input[name="ids"]').first.uncheck()
    expect(page.locator("#select-matching")).to_be_hidden()
    expect(page.locator('#select-matching input[name="select"]')).to_be_disabled()
