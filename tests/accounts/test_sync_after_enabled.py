"""A member that becomes Enabled (it accepted, or a refresh saw it so) has its findings synced
for that (administrator, region) at once, not at the next beat; other pairs are left alone."""

import pytest

from guardduty_hub.accounts.invitations import invitation_accept, invitations_refresh
from guardduty_hub.accounts.memberships import memberships_refresh
from guardduty_hub.aws import gateway
from guardduty_hub.findings.models import Finding
from guardduty_hub.simulator.findings import load_findings
from guardduty_hub.sync.models import SyncRun
from tests.findings.builders import raw_finding
from tests.fixtures.membership import HUB_ADMIN

pytestmark = pytest.mark.django_db


def _member_findings(sim, account_id: str, region: str, n: int = 3) -> None:
    sim.detector(account_id, region)
    load_findings(account_id, region, [raw_finding(account_id=account_id) for _ in range(n)])


def _synced_regions(hub_admin) -> set[str]:
    return set(
        SyncRun.objects.filter(state__administrator=hub_admin).values_list(
            "state__region", flat=True
        )
    )


def test_accepting_syncs_that_pair(
    sim, hub_admin, invited, admin_alice, django_capture_on_commit_callbacks
):
    member = invited[0]
    _member_findings(sim, member.account_id, "eu-west-1")
    invitations_refresh(member)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_accept(admin_alice, member, HUB_ADMIN, regions=["eu-west-1"])
    assert _synced_regions(hub_admin) == {"eu-west-1"}
    assert Finding.objects.filter(account_id=member.account_id, api_region="eu-west-1").count() == 3


def test_a_refresh_that_sees_enabled_syncs_that_pair(
    sim, hub_admin, invited, django_capture_on_commit_callbacks
):
    member = invited[1]
    _member_findings(sim, member.account_id, "us-east-1", n=2)
    # The member accepted in the console, outside the hub.
    access = gateway.AccountAccess(member.account_id, role_arn=member.role_arn)
    invitation = gateway.list_invitations(access, "us-east-1")[0]
    detector = gateway.list_detector_id(access, "us-east-1")
    gateway.accept_administrator_invitation(
        access, "us-east-1", detector, HUB_ADMIN, invitation.invitation_id
    )
    with django_capture_on_commit_callbacks(execute=True):
        memberships_refresh(hub_admin)
    assert _synced_regions(hub_admin) == {"us-east-1"}
    assert Finding.objects.filter(account_id=member.account_id).count() == 2

    # Nothing changed since: a second refresh starts no sync.
    runs = SyncRun.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        memberships_refresh(hub_admin)
    assert SyncRun.objects.count() == runs
