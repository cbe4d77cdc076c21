"""Inviting members: all regions, message and email, batches of 50, failures, retry."""

import pytest

from guardduty_hub.accounts.models import (
    AwsAccount,
    ItemState,
    JoinMethod,
    MembershipOperation,
    OperationState,
)
from guardduty_hub.accounts.operations import operation_progress, operation_retry
from guardduty_hub.aws import count_requests
from guardduty_hub.simulator import controls
from tests.fixtures.membership import HUB_ADMIN, REGIONS, statuses

pytestmark = pytest.mark.django_db


def invite(run_operation, actor, admin, accounts, regions=REGIONS, **params):
    params.setdefault("message", "Please accept")
    params.setdefault("disable_email_notification", False)
    return run_operation(actor, "invite", admin, accounts, regions, **params)


def test_invite_creates_and_invites_in_every_region(run_operation, admin_alice, hub_admin, members):
    operation = invite(run_operation, admin_alice, hub_admin, members)
    assert operation.state == OperationState.DONE
    assert set(statuses(hub_admin).values()) == {"Invited"}
    assert len(statuses(hub_admin)) == 3 * len(REGIONS)
    # The root user got the message, once per region.
    mails = controls.outbox(account_id="111111111111")
    assert sorted(m["region"] for m in mails) == REGIONS
    assert all(m["message"] == "Please accept" for m in mails)
    assert [p["done_pct"] for p in operation_progress(operation)] == [100, 100]


def test_without_email_notification_nothing_is_mailed(
    run_operation, admin_alice, hub_admin, members
):
    invite(run_operation, admin_alice, hub_admin, members, disable_email_notification=True)
    assert controls.outbox() == []
    assert set(statuses(hub_admin).values()) == {"Invited"}


def test_batches_of_50_per_call_per_region(run_operation, admin_alice, hub_admin):
    accounts = [
        AwsAccount.objects.create(account_id=str(700000000000 + n), root_email=f"m{n}@example.com")
        for n in range(120)
    ]
    with count_requests() as counted:
        operation = invite(run_operation, admin_alice, hub_admin, accounts)
    assert operation.state == OperationState.DONE
    assert counted.by_operation["guardduty.CreateMembers"] == 3 * len(REGIONS)
    assert counted.by_operation["guardduty.InviteMembers"] == 3 * len(REGIONS)
    assert len(statuses(hub_admin)) == 120 * len(REGIONS)


def test_unprocessed_accounts_are_shown_per_account_and_region(
    run_operation, admin_alice, hub_admin, members
):
    # GuardDuty refuses the administrator as its own member: UnprocessedAccounts, HTTP 200.
    itself = AwsAccount.objects.get(account_id=HUB_ADMIN)
    operation = invite(run_operation, admin_alice, hub_admin, [members[0], itself])
    assert operation.state == OperationState.PARTIAL
    failed = operation.items.filter(state=ItemState.FAILED)
    assert {(i.account.account_id, i.region) for i in failed} == {(HUB_ADMIN, r) for r in REGIONS}
    assert all(i.result for i in failed)
    assert operation.items.filter(state=ItemState.DONE).count() == len(REGIONS)


def test_email_verification_failure_then_fixed_email(
    run_operation, admin_alice, hub_admin, members
):
    member = members[0]
    member.root_email = "wrong@example.com"
    member.save()
    invite(run_operation, admin_alice, hub_admin, [member])
    assert set(statuses(hub_admin).values()) == {"EmailVerificationFailed"}
    # Fix: the right email, invite again (delete + create + invite under the hood).
    member.root_email = "root+1@example.com"
    member.save()
    operation = invite(run_operation, admin_alice, hub_admin, [member])
    assert operation.state == OperationState.DONE
    assert set(statuses(hub_admin).values()) == {"Invited"}


def test_region_not_enabled_fails_its_items_and_retry_redoes_only_them(
    run_operation, admin_alice, hub_admin, members, django_capture_on_commit_callbacks
):
    controls.disable_region(HUB_ADMIN, "eu-west-1")
    operation = invite(run_operation, admin_alice, hub_admin, members)
    assert operation.state == OperationState.PARTIAL
    failed = list(operation.items.filter(state=ItemState.FAILED))
    assert {i.region for i in failed} == {"eu-west-1"} and len(failed) == 3
    assert all(i.result for i in failed)
    assert hub_admin.admin_regions.get(region="eu-west-1").last_error

    controls.clear_faults()
    with count_requests() as counted, django_capture_on_commit_callbacks(execute=True):
        assert operation_retry(admin_alice, operation) == 3
    operation.refresh_from_db()
    assert operation.state == OperationState.DONE
    # Only the failed region went out again: one batch of each call.
    assert counted.by_operation["guardduty.InviteMembers"] == 1
    assert counted.by_operation["guardduty.CreateMembers"] == 1
    assert set(statuses(hub_admin).values()) == {"Invited"}
    assert hub_admin.admin_regions.get(region="eu-west-1").last_error == ""


def test_throttling_longer_than_botocore_retries_is_retried_by_the_task(
    run_operation, admin_alice, hub_admin, members, settings
):
    settings.AWS_MAX_ATTEMPTS = 2  # botocore gives up quickly; the task's retries take over
    controls.inject_fault(
        "throttle", burst=settings.AWS_MAX_ATTEMPTS + 2, operations=["InviteMembers"]
    )
    operation = invite(run_operation, admin_alice, hub_admin, members)
    assert operation.state == OperationState.DONE
    # The first run spends the burst and gives up; the task's retry gets through.
    assert operation.attempts == 2
    assert set(statuses(hub_admin).values()) == {"Invited"}


def test_throttling_that_never_ends_fails_with_the_reason(
    run_operation, admin_alice, hub_admin, members, settings, monkeypatch
):
    from guardduty_hub.accounts.tasks import membership_operation_run

    settings.AWS_MAX_ATTEMPTS = 1
    monkeypatch.setattr(membership_operation_run, "max_retries", 1)
    controls.inject_fault("throttle", rate=1.0, operations=["InviteMembers"])
    operation = invite(run_operation, admin_alice, hub_admin, members, regions=["us-east-1"])
    assert operation.state == OperationState.FAILED
    # Every member's item, with the reason (GuardDuty's own detail between the two) and that
    # the hub has stopped retrying, not that it will retry.
    reason = (
        f"AWS is throttling InviteMembers requests in account {HUB_ADMIN}, region us-east-1 "
        "(TooManyRequestsException): "
    )
    gave_up = " Still failing after the hub's retries: retry the failed items."
    for item in operation.items.all():
        assert item.state == ItemState.FAILED
        assert item.result.startswith(reason) and item.result.endswith(gave_up), item.result
    assert operation.items.count() == len(members)


def test_organizations_members_are_created_never_invited(
    run_operation, admin_alice, hub_admin, members
):
    org_member = members[2]
    org_member.joined_via = JoinMethod.ORGANIZATIONS
    org_member.save()
    with count_requests() as counted:
        operation = invite(
            run_operation, admin_alice, hub_admin, [org_member], regions=["us-east-1"]
        )
    assert counted.by_operation.get("guardduty.InviteMembers", 0) == 0
    (item,) = operation.items.all()
    assert "Organizations" in item.result


def test_operation_progress_counts(run_operation, admin_alice, hub_admin, members):
    operation = invite(run_operation, admin_alice, hub_admin, members)
    assert MembershipOperation.objects.count() == 1
    progress = operation_progress(operation)
    assert [(p["region"], p["total"], p["done"], p["failed"]) for p in progress] == [
        ("eu-west-1", 3, 3, 0),
        ("us-east-1", 3, 3, 0),
    ]
