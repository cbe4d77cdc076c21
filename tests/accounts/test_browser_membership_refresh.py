"""In a real browser: a member added in the GuardDuty console, outside the hub, shows up after
the Admin refreshes the administrator's member status."""

import pytest
from playwright.sync_api import expect

from guardduty_hub.accounts.models import AwsAccount
from tests.fixtures.membership import statuses

ADDED_ELSEWHERE = "666666666666"


@pytest.mark.django_db(transaction=True)
def test_refresh_learns_a_member_added_in_the_console(signed_in_page, sim, admin_alice, hub_admin):
    sim.guardduty(None, "eu-west-1").create_members(
        DetectorId=sim.detector(None, "eu-west-1"),
        AccountDetails=[{"AccountId": ADDED_ELSEWHERE, "Email": "console@example.com"}],
    )
    page = signed_in_page(admin_alice, "/accounts/")
    expect(page.locator(f'tr[data-account="{ADDED_ELSEWHERE}"]')).to_have_count(0)

    page.get_by_role("navigation", name="Accounts").get_by_role(
        "link", name="Administrators"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Administrators")
    page.locator(f"#refresh-{hub_admin.account_id}").click()
    expect(page.locator(".msg-success")).to_have_text(
        f"Member status of {hub_admin} refreshed in every region."
    )
    page.get_by_role("link", name="Member accounts", exact=True).click()
    row = page.locator(f'tr[data-account="{ADDED_ELSEWHERE}"]')
    expect(row).to_contain_text("console@example.com")
    expect(row.locator('[data-region="eu-west-1"]')).to_have_attribute("data-status", "Created")
    assert AwsAccount.objects.filter(account_id=ADDED_ELSEWHERE).exists()
    assert statuses(hub_admin)[(ADDED_ELSEWHERE, "eu-west-1")] == "Created"
