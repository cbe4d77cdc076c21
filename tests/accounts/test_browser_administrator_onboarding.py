"""In a real browser: an Admin tests the connection to an administrator account, onboards it and
chooses its regions; a role the hub may not assume is explained and nothing is saved."""

import pytest
from playwright.sync_api import expect

from guardduty_hub.accounts.models import AccountKind, AdministratorRegion, AwsAccount
from guardduty_hub.simulator import controls
from tests.fixtures.membership import role_arn

pytestmark = pytest.mark.django_db(transaction=True)

NEW_ADMIN = "444444444444"


def fill_the_form(page):
    page.get_by_label("Account ID").fill(NEW_ADMIN)
    page.get_by_label("Name").fill("Security tooling")
    page.get_by_label("Role ARN").fill(role_arn(NEW_ADMIN))
    page.get_by_label("External ID").fill("ext-1")


def test_test_connection_onboard_and_choose_regions(signed_in_page, admin_alice, sim):
    detector = sim.detector(NEW_ADMIN, "eu-west-1")
    page = signed_in_page(admin_alice, "/accounts/administrators/")
    page.get_by_role("link", name="Onboard an administrator").click()
    fill_the_form(page)

    page.get_by_role("button", name="Test connection").click()
    report = page.locator("#connection-report")
    expect(report.get_by_role("heading")).to_have_text("Connection works")
    expect(report).to_contain_text(f"arn:aws:sts::{NEW_ADMIN}:assumed-role/")
    expect(report.get_by_role("row", name="eu-west-1")).to_contain_text(detector)
    assert not AwsAccount.objects.filter(account_id=NEW_ADMIN).exists()  # a test saves nothing

    page.get_by_role("button", name="Onboard").click()
    expect(page.locator(".messages")).to_contain_text("Regions with GuardDuty: eu-west-1.")
    section = page.locator(f'[data-administrator="{NEW_ADMIN}"]')
    expect(section.get_by_label("Use eu-west-1")).to_be_checked()
    expect(section.get_by_label("Use us-east-1")).not_to_be_checked()
    account = AwsAccount.objects.get(account_id=NEW_ADMIN)
    assert account.kind == AccountKind.ADMINISTRATOR and account.role_arn == role_arn(NEW_ADMIN)
    found = AdministratorRegion.objects.get(administrator=account, region="eu-west-1")
    assert found.detector_id == detector

    # Work in us-east-1 too (no detector there yet: the hub creates one when it needs it).
    section.get_by_label("Use us-east-1").check()
    section.get_by_role("button", name="Save regions").click()
    expect(page.locator(".messages")).to_contain_text(f"Regions of {account} saved.")
    expect(section.get_by_label("Use us-east-1")).to_be_checked()
    enabled = AdministratorRegion.objects.filter(administrator=account, enabled=True)
    assert sorted(enabled.values_list("region", flat=True)) == ["eu-west-1", "us-east-1"]


def test_a_role_the_hub_cannot_assume_is_explained_and_nothing_saved(
    signed_in_page, admin_alice, sim
):
    controls.deny_assume_role([NEW_ADMIN])
    page = signed_in_page(admin_alice, "/accounts/administrators/new/")
    fill_the_form(page)
    page.get_by_role("button", name="Onboard").click()
    report = page.locator("#connection-report")
    expect(report.get_by_role("heading")).to_have_text("Connection problem")
    expect(report.get_by_role("alert")).to_contain_text(NEW_ADMIN)
    expect(report).not_to_contain_text("Traceback")
    expect(page.get_by_label("Account ID")).to_have_value(NEW_ADMIN)  # the form is kept
    assert not AwsAccount.objects.filter(account_id=NEW_ADMIN).exists()
