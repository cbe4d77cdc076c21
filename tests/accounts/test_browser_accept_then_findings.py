"""In a real browser: an Admin accepts a member's invitation on its behalf, and the member's
findings are in the finding list straight away (the acceptance synced that pair)."""

import pytest
from playwright.sync_api import expect

from guardduty_hub.simulator.findings import load_findings
from tests.findings.builders import raw_finding
from tests.fixtures.membership import HUB_ADMIN

from .conftest import member_view_invitations


@pytest.mark.django_db(transaction=True)
def test_findings_listed_right_after_accepting(
    signed_in_page, sim, admin_alice, hub_admin, invited_member
):
    account_id = invited_member.account_id
    sim.detector(account_id, "eu-west-1")
    titles = ["Probe one", "Probe two", "Probe three"]
    load_findings(
        account_id, "eu-west-1", [raw_finding(account_id=account_id, title=t) for t in titles]
    )
    page = signed_in_page(admin_alice, f"/findings/?account={account_id}")
    expect(page.locator("#findings-total")).to_contain_text("0 findings")

    page.goto(page.url.split("/findings/")[0] + "/accounts/")
    member_view_invitations(page, account_id)
    page.locator(f'[data-inviter="{HUB_ADMIN}"]').get_by_role(
        "button", name="Accept in eu-west-1"
    ).click()
    expect(page.locator(".msg-success")).to_have_text("Accepted in eu-west-1.")

    page.goto(page.url.split("/accounts/")[0] + f"/findings/?account={account_id}")
    expect(page.locator("#findings-total")).to_contain_text("3 findings")
    for title in titles:
        expect(page.locator("table.findings")).to_contain_text(title)
