"""AccessDenied in one region (a service control policy denying GuardDuty there) fails that
region's items only; the other regions go on, the administrator stays reachable, and a retry
redoes the failed region alone. A refused role stays account-wide."""

import pytest

from guardduty_hub.accounts.access import access_for
from guardduty_hub.accounts.administrators import administrator_onboard
from guardduty_hub.accounts.memberships import memberships_refresh
from guardduty_hub.accounts.models import ItemState, OperationState
from guardduty_hub.accounts.operations import operation_retry
from guardduty_hub.aws import count_requests, sessions
from guardduty_hub.simulator import controls
from tests.fixtures.membership import HUB_ADMIN, REGIONS, role_arn, statuses

pytestmark = pytest.mark.django_db

# Three regions: us-west-2 is one hub_admin reaches but has no detector in yet (made on use).
THREE = sorted([*REGIONS, "us-west-2"])
DENIED = "us-east-1"
# Each kind's status once it went through.
EXPECTED = {"invite": "Invited", "create": "Created"}


def deny(region=DENIED, account=HUB_ADMIN):
    controls.inject_fault("denied", rate=1.0, accounts=[account], regions=[region])


@pytest.fixture
def retry(django_capture_on_commit_callbacks):
    def call(actor, operation):
        with django_capture_on_commit_callbacks(execute=True):
            count = operation_retry(actor, operation)
        operation.refresh_from_db()
        return count

    return call


@pytest.mark.parametrize("kind", ["invite", "create"])
def test_denied_in_one_region_fails_that_region_only_and_is_retried_alone(
    kind, run_operation, retry, admin_alice, hub_admin, members
):
    deny()
    operation = run_operation(admin_alice, kind, hub_admin, members, THREE)

    assert operation.state == OperationState.PARTIAL
    failed = list(operation.items.filter(state=ItemState.FAILED))
    assert {i.region for i in failed} == {DENIED} and len(failed) == len(members)
    for item in failed:
        # In plain words: where, why (AWS's own reason), and that only this region is held up.
        assert item.result.startswith(f"Not done in {DENIED}: Access denied")
        assert "service control policy" in item.result
        assert "Only this region is affected" in item.result
    done = operation.items.filter(state=ItemState.DONE)
    assert {i.region for i in done} == set(THREE) - {DENIED}
    assert done.count() == 2 * len(members)
    found = statuses(hub_admin)
    assert {region for _, region in found} == set(THREE) - {DENIED}
    assert set(found.values()) == {EXPECTED[kind]}
    # The region carries the error; the administrator itself is reachable.
    hub_admin.refresh_from_db()
    assert hub_admin.last_error == ""
    assert "service control policy" in hub_admin.admin_regions.get(region=DENIED).last_error
    assert hub_admin.admin_regions.get(region="eu-west-1").last_error == ""

    # Still denied: the retry goes to the failed region alone, and fails again there.
    with count_requests() as counted:
        assert retry(admin_alice, operation) == len(members)
    assert operation.state == OperationState.PARTIAL
    assert operation.items.filter(state=ItemState.FAILED, region=DENIED).count() == len(members)
    assert counted.by_operation["guardduty.GetMembers"] == 1  # one region, one batch

    controls.clear_faults()
    assert retry(admin_alice, operation) == len(members)
    assert operation.state == OperationState.DONE
    found = statuses(hub_admin)
    assert {region for _, region in found} == set(THREE)
    assert set(found.values()) == {EXPECTED[kind]}
    assert hub_admin.admin_regions.get(region=DENIED).last_error == ""


def test_a_refused_role_fails_every_region_once_and_is_shown_on_the_account(
    sim, run_operation, admin_alice, hub_admin, members
):
    other_admin = "888888888888"
    for region in REGIONS:
        sim.detector(other_admin, region)
    other, report = administrator_onboard(
        admin_alice, account_id=other_admin, role_arn=role_arn(other_admin), regions=REGIONS
    )
    assert report.ok, report.error
    controls.deny_assume_role([other_admin])
    sessions.forget(access_for(other))  # onboarding's credentials would still be good
    with count_requests() as counted:
        operation = run_operation(admin_alice, "invite", other, members, REGIONS)
    assert operation.state == OperationState.FAILED
    results = set(operation.items.values_list("result", flat=True))
    assert len(results) == 1 and "assuming role" in results.pop()
    assert counted.by_operation.get("guardduty.GetMembers", 0) == 0  # no region was tried
    other.refresh_from_db()
    assert "assuming role" in other.last_error


def test_refresh_denied_in_one_region_refreshes_the_others(hub_admin, invited):
    hub_admin.last_error = "An old problem, from before"
    hub_admin.save()
    deny()
    errors = memberships_refresh(hub_admin)
    assert set(errors) == {DENIED} and "service control policy" in errors[DENIED]
    assert "service control policy" in hub_admin.admin_regions.get(region=DENIED).last_error
    hub_admin.refresh_from_db()
    assert hub_admin.last_error == ""  # eu-west-1 answered: the account is reachable
