"""In the browser: with two administrators, the finding list filters by the one a finding came
through (issue 15 item 3, the list's half)."""

import re

import pytest
from playwright.sync_api import expect

from guardduty_hub.accounts.models import AccountKind, AwsAccount
from tests.list_ui.conftest import put_findings

pytestmark = pytest.mark.django_db(transaction=True)


def test_pick_an_administrator_and_the_list_shows_its_findings(
    signed_in_page, analyst_bob, gd_world, member_accounts
):
    audit = AwsAccount.objects.create(
        account_id="888888888888", name="Audit", kind=AccountKind.ADMINISTRATOR
    )
    put_findings(gd_world, 1, account="111111111111", title="Through security")
    put_findings(audit, 1, account="111111111111", title="Through audit")
    page = signed_in_page(analyst_bob, "/findings/")
    rows = page.locator("table.findings tbody")
    expect(rows).to_contain_text("Through security")

    page.locator("#id_administrator summary").click()
    page.get_by_role("group", name="Administrator").get_by_label("Audit").check()
    expect(rows).not_to_contain_text("Through security")
    expect(rows).to_contain_text("Through audit")
    expect(page).to_have_url(re.compile(r"/findings/\?administrator=888888888888$"))
    expect(page.locator("#id_administrator .picked")).to_have_text("Audit")
