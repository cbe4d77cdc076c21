"""Onboarding an administrator: test connection, region discovery, plain-words errors."""

import pytest

from guardduty_hub.accounts.administrators import (
    administrator_onboard,
    administrator_test_connection,
)
from guardduty_hub.accounts.models import AccountKind, AdministratorRegion, AuditEvent, AwsAccount
from guardduty_hub.aws import AccountAccess
from guardduty_hub.simulator import controls
from tests.fixtures.membership import HUB_ADMIN, REGIONS, role_arn

pytestmark = pytest.mark.django_db


def test_onboarding_discovers_detector_regions(hub_admin):
    assert hub_admin.kind == AccountKind.ADMINISTRATOR
    rows = {r.region: r for r in AdministratorRegion.objects.filter(administrator=hub_admin)}
    assert set(rows) == {*REGIONS, "us-west-2"}
    assert all(rows[r].enabled and rows[r].detector_id for r in REGIONS)
    # Reachable without a detector: kept, but not a region the hub works in by default.
    assert not rows["us-west-2"].enabled and rows["us-west-2"].detector_id == ""
    assert AuditEvent.objects.filter(action="administrator.onboard").exists()


def test_onboarding_through_an_assumed_role(sim, admin_alice):
    sim.detector("444444444444", "eu-west-1")
    account, report = administrator_onboard(
        admin_alice,
        account_id="444444444444",
        role_arn=role_arn("444444444444"),
        external_id="ext-1",
        regions=["us-east-1", "eu-west-1"],
    )
    assert report.ok
    assert "444444444444" in report.identity_arn
    assert report.detector_regions == ["eu-west-1"]
    assert account.role_arn == role_arn("444444444444")


def test_denied_assume_role_is_reported_in_plain_words_and_nothing_saved(sim, admin_alice):
    controls.deny_assume_role(["444444444444"])
    account, report = administrator_onboard(
        admin_alice, account_id="444444444444", role_arn=role_arn("444444444444"), regions=REGIONS
    )
    assert account is None
    assert not report.ok
    assert "444444444444" in report.error
    assert "Traceback" not in report.error
    assert not AwsAccount.objects.filter(account_id="444444444444").exists()


def test_region_not_enabled_shows_on_that_region(sim):
    sim.detector(None, "us-east-1")
    controls.disable_region(HUB_ADMIN, "eu-west-1")
    report = administrator_test_connection(
        AccountAccess(HUB_ADMIN, use_hub_credentials=True), ["us-east-1", "eu-west-1"]
    )
    assert report.ok
    by_region = {region: error for region, _, error in report.regions}
    assert by_region["us-east-1"] == ""
    assert by_region["eu-west-1"]


def test_wrong_account_behind_the_credentials_is_caught(sim):
    # The hub's own credentials act in 123456789012, not in the account the person typed.
    report = administrator_test_connection(
        AccountAccess("555555555555", use_hub_credentials=True), ["us-east-1"]
    )
    assert not report.ok
    assert "another account" in report.error
