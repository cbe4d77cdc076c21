"""In the browser: with many accounts the account filter is a search; typing part of an id
and picking the account filters the list, and unticking its chip shows every account again."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.list_ui.conftest import SCREENSHOTS, put_findings

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path(__file__).parent / SCREENSHOTS


def test_type_part_of_an_id_pick_it_and_the_list_filters(
    signed_in_page, analyst_bob, gd_world, member_accounts, settings
):
    settings.FINDINGS_ACCOUNT_PICKER_THRESHOLD = 2  # the administrator and three members
    put_findings(gd_world, 1, account="111111111111", title="In one")
    put_findings(gd_world, 1, account="222222222222", title="In two")
    page = signed_in_page(analyst_bob, "/findings/")
    rows = page.locator("table.findings tbody")
    expect(rows).to_contain_text("In one")
    assert page.locator('input[type=checkbox][name="account"]').count() == 0

    page.locator("#id_account_search").fill("2222")
    page.get_by_role("option", name="Member 2 (222222222222)").click()
    expect(rows).not_to_contain_text("In one")
    expect(rows).to_contain_text("In two")
    expect(page).to_have_url(re.compile(r"/findings/\?account=222222222222$"))
    chip = page.locator("#id_account_chosen .chip")
    expect(chip).to_have_text("Member 2")
    page.locator("#id_account_search").fill("Member")
    expect(page.locator("#id_account_results").get_by_role("option")).to_have_count(3)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "account-picker.png")
    page.locator("#id_account_search").fill("")

    page.reload()  # the chosen account survives as a ticked box, without any script run
    expect(page.locator('#id_account_chosen input[value="222222222222"]')).to_be_checked()
    # Unticking removes the chip (click: the box is gone before an uncheck could see it).
    page.locator('#id_account_chosen input[value="222222222222"]').click()
    expect(rows).to_contain_text("In one")
    expect(page.locator("#id_account_chosen .chip")).to_have_count(0)
