"""In the browser: bulk archive asks with the count, and the result offers "Unarchive these"."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.list_ui.conftest import SCREENSHOTS, archived_in_guardduty, put_findings

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path(__file__).parent / SCREENSHOTS


def test_archive_two_confirm_then_unarchive_them(signed_in_page, analyst_bob, gd_world):
    chosen = put_findings(gd_world, 2, title="Archive me")
    put_findings(gd_world, 1, title="Keep me")
    page = signed_in_page(analyst_bob, "/findings/")
    for finding in chosen:
        page.get_by_label(f"Select finding {finding.pk}").check()
    page.locator("#id_bulk_action").select_option("archive")
    page.get_by_role("button", name="Apply").click()

    expect(page.locator("#confirm-question")).to_contain_text("Archive 2 findings in GuardDuty?")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "archive-confirm.png")
    assert set(archived_in_guardduty(chosen).values()) == {False}
    page.get_by_role("button", name="Archive in GuardDuty: 2 findings").click()

    message = page.locator(".messages li").first
    expect(message).to_contain_text("2 findings archived in GuardDuty.")
    expect(page.locator("table.findings tbody")).not_to_contain_text("Archive me")
    page.screenshot(path=SHOTS / "archive-done.png")
    assert set(archived_in_guardduty(chosen).values()) == {True}

    message.get_by_role("button", name="Unarchive these").click()
    expect(page.locator(".messages li").first).to_contain_text(
        "2 findings unarchived in GuardDuty."
    )
    expect(page.locator("table.findings tbody")).to_contain_text("Archive me 1")
    assert set(archived_in_guardduty(chosen).values()) == {False}
