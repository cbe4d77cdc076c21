"""In a real browser, from the accounts table: resume a suspended member; disassociate one.

Suspend and Remove have their own test (test_browser_suspend_remove.py); both use the enabled
member and the select-confirm-return steps of tests/accounts/conftest.py.
"""

import pytest
from playwright.sync_api import expect

from tests.fixtures.membership import REGIONS, statuses

from .conftest import run_from_table
from .seen_in_guardduty import administrator_of, relationships

pytestmark = pytest.mark.django_db(transaction=True)


def cells(page, account_id):
    row = page.locator(f'tr[data-account="{account_id}"]')
    return [row.locator(f'[data-region="{region}"]') for region in REGIONS]


def test_resume_a_suspended_member(
    signed_in_page,
    sim,
    admin_alice,
    hub_admin,
    run_operation,
    enabled_member,
):
    run_operation(admin_alice, "suspend", hub_admin, [enabled_member], REGIONS)
    assert set(relationships(sim, enabled_member.account_id).values()) == {"Disabled"}
    page = signed_in_page(admin_alice, "/accounts/")
    for cell in cells(page, enabled_member.account_id):
        expect(cell).to_have_attribute("data-status", "Disabled")

    run_from_table(page, enabled_member.account_id, "Resume")
    for cell in cells(page, enabled_member.account_id):
        expect(cell).to_have_attribute("data-status", "Enabled")
    assert relationships(sim, enabled_member.account_id) == dict.fromkeys(REGIONS, "Enabled")


def test_disassociate_a_member(
    signed_in_page,
    sim,
    admin_alice,
    hub_admin,
    enabled_member,
):
    page = signed_in_page(admin_alice, "/accounts/")
    run_from_table(page, enabled_member.account_id, "Disassociate")
    for cell in cells(page, enabled_member.account_id):
        expect(cell).to_have_attribute("data-status", "Removed")

    # Still listed by the administrator (not deleted, unlike Remove), no longer associated.
    assert relationships(sim, enabled_member.account_id) == dict.fromkeys(REGIONS, "Removed")
    for region in REGIONS:
        assert administrator_of(sim, enabled_member.account_id, region) is None
    assert set(statuses(hub_admin, enabled_member).values()) == {"Removed"}
