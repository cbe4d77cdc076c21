"""Suspend, then remove, a member in every region from the accounts table, in Chromium."""

import pytest
from playwright.sync_api import expect

from tests.fixtures.membership import REGIONS

from .conftest import run_from_table

pytestmark = pytest.mark.django_db(transaction=True)


def test_suspend_then_remove(signed_in_page, admin_alice, enabled_member):
    page = signed_in_page(admin_alice, "/accounts/")
    row = page.locator(f'tr[data-account="{enabled_member.account_id}"]')
    for region in REGIONS:
        expect(row.locator(f'[data-region="{region}"]')).to_have_attribute("data-status", "Enabled")

    run_from_table(page, enabled_member.account_id, "Suspend")
    for region in REGIONS:
        expect(row.locator(f'[data-region="{region}"]')).to_have_attribute(
            "data-status", "Disabled"
        )

    run_from_table(page, enabled_member.account_id, "Remove")
    for region in REGIONS:
        expect(row.locator(f'[data-region="{region}"]')).to_have_attribute("data-status", "none")
