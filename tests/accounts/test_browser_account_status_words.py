"""In a real browser: the accounts page says each account's status in words, per named
administrator, with a legend (readable without colour); it filters by administrator; "Refresh
status now" on the accounts and operation pages reads GuardDuty again; in the member view,
Accept is disabled where another administrator already holds the account, saying why.
A screenshot of the accounts page is kept under tests/accounts/screenshots/."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.fixtures.membership import HUB_ADMIN, REGIONS
from tests.fixtures.simulator import accept_invitation

from .conftest import OTHER_ADMIN, SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path(__file__).parent / SCREENSHOTS


def test_status_in_words_per_administrator(signed_in_page, admin_alice, held_elsewhere, members):
    member = held_elsewhere.account_id
    page = signed_in_page(admin_alice, "/accounts/")
    row = page.locator(f'tr[data-account="{member}"]')
    hub = row.locator(f'[data-administrator="{HUB_ADMIN}"]')
    expect(hub).to_contain_text("Security (123456789012)")
    expect(hub.locator("[data-status-summary]")).to_have_text(
        "Enabled in eu-west-1, Invited in us-east-1"
    )
    other = row.locator(f'[data-administrator="{OTHER_ADMIN}"]')
    expect(other).to_contain_text(OTHER_ADMIN)
    expect(other.locator("[data-status-summary]")).to_have_text("Invited in both regions")
    # Each square carries a symbol and the region's code, not only a colour.
    expect(hub.locator('[data-region="eu-west-1"]')).to_have_text("✓ euw1eu-west-1: Enabled")
    expect(row.locator("[data-joined]")).to_contain_text("By invitation")
    never = page.locator(f'tr[data-account="{members[2].account_id}"]')
    expect(never.locator("[data-joined]")).to_contain_text("Not invited yet")
    expect(never.locator("[data-status-summary]")).to_have_text("Not a member in both regions")
    legend = page.locator("#status-legend")
    expect(legend).to_be_visible()
    expect(legend.locator('[data-legend="EmailVerificationInProgress"]')).to_contain_text(
        "Verifying email"
    )
    expect(legend.locator('[data-legend="Invited"]')).to_contain_text(
        "Invitation sent; waiting for the member."
    )
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "accounts.png", full_page=True)

    page.get_by_label("Administrator").select_option(OTHER_ADMIN)
    page.get_by_role("button", name="Filter").click()
    row = page.locator(f'tr[data-account="{member}"]')
    expect(row.locator("[data-administrator]")).to_have_count(1)
    expect(row.locator(f'[data-administrator="{OTHER_ADMIN}"]')).to_be_visible()
    expect(page.locator(f'tr[data-account="{members[2].account_id}"]')).to_have_count(0)


def test_refresh_status_now_on_accounts_and_operation_pages(
    signed_in_page, sim, admin_alice, hub_admin, members, run_operation
):
    member = members[0].account_id
    operation = run_operation(admin_alice, "invite", hub_admin, members[:1], REGIONS)
    page = signed_in_page(admin_alice, "/accounts/?q=1111")
    summary = page.locator(f'tr[data-account="{member}"] [data-status-summary]')
    expect(summary).to_have_text("Invited in both regions")
    # The member accepts in GuardDuty itself; the hub learns it when it reads again.
    accept_invitation(sim, member, "eu-west-1")
    page.locator(f"#refresh-status-{HUB_ADMIN}").click()
    expect(page.locator(".msg-success")).to_have_text(
        f"Member status of {hub_admin} refreshed in every region."
    )
    assert page.url.endswith("/accounts/?q=1111")  # back where the person was
    expect(summary).to_have_text("Enabled in eu-west-1, Invited in us-east-1")

    accept_invitation(sim, member, "us-east-1")
    page.goto(page.url.split("/accounts/")[0] + f"/accounts/operations/{operation.pk}/")
    page.get_by_role("button", name="Refresh status now").click()
    expect(page.locator(".msg-success")).to_have_text(
        f"Member status of {hub_admin} refreshed in every region."
    )
    assert page.url.endswith(f"/accounts/operations/{operation.pk}/")
    page.get_by_role("link", name="Back to member accounts").click()
    expect(summary.first).to_have_text("Enabled in both regions")


def test_accept_disabled_where_another_administrator_holds_the_account(
    signed_in_page, admin_alice, held_elsewhere
):
    page = signed_in_page(admin_alice, f"/accounts/member/{held_elsewhere.account_id}/")
    invitation = page.locator(f'[data-inviter="{OTHER_ADMIN}"]')
    blocked = invitation.locator('tr[data-invitation-region="eu-west-1"]')
    expect(blocked.get_by_role("button", name="Accept in eu-west-1")).to_be_disabled()
    expect(
        blocked.get_by_role("button", name="Accept in eu-west-1")
    ).to_have_accessible_description(
        re.compile(f"Already a member of administrator {HUB_ADMIN} in eu-west-1")
    )
    expect(blocked).to_contain_text("GuardDuty allows only one administrator per region")
    open_region = invitation.locator('tr[data-invitation-region="us-east-1"]')
    expect(open_region.get_by_role("button", name="Accept in us-east-1")).to_be_enabled()
    expect(page.locator(f"#accept-all-{OTHER_ADMIN}")).to_have_text(
        "Accept in the 1 region you can"
    )
