"""Organizations: the delegated administrator's members are Enabled without an invitation."""

import pytest
from botocore.exceptions import ClientError

from guardduty_hub.simulator import messages
from tests.simulator.conftest import MEMBER, status_of

DELEGATED = "555566667777"


@pytest.fixture
def delegated(gd_sim):
    # moto records the delegated admin in the management account's (here ADMIN's) backend.
    gd_sim.guardduty().enable_organization_admin_account(AdminAccountId=DELEGATED)
    return gd_sim.guardduty(DELEGATED), gd_sim.detector(DELEGATED)


def test_delegated_admin_create_members_enables_without_invitation(gd_sim, delegated):
    gd, detector = delegated
    result = gd.create_members(
        DetectorId=detector, AccountDetails=[{"AccountId": MEMBER, "Email": "m@example.com"}]
    )
    assert result["UnprocessedAccounts"] == []
    assert status_of(gd_sim, MEMBER, admin=DELEGATED) == "Enabled"
    member = gd_sim.guardduty(MEMBER)
    # GuardDuty was turned on in the member, which sees its administrator but no invitation.
    (member_detector,) = member.list_detectors()["DetectorIds"]
    assert (
        member.get_administrator_account(DetectorId=member_detector)["Administrator"]["AccountId"]
        == DELEGATED
    )
    assert member.list_invitations()["Invitations"] == []
    # Organization members cannot be invited.
    invited = gd.invite_members(DetectorId=detector, AccountIds=[MEMBER])
    assert invited["UnprocessedAccounts"][0]["Result"] == messages.ORG_MEMBER_NO_INVITE
    # ... nor leave on their own.
    with pytest.raises(ClientError):
        member.disassociate_from_administrator_account(DetectorId=member_detector)


def test_disassociated_org_member_comes_back_with_create_members(gd_sim, delegated):
    gd, detector = delegated
    details = [{"AccountId": MEMBER, "Email": "m@example.com"}]
    gd.create_members(DetectorId=detector, AccountDetails=details)
    gd.disassociate_members(DetectorId=detector, AccountIds=[MEMBER])
    assert status_of(gd_sim, MEMBER, admin=DELEGATED) == "Removed"
    assert (
        gd.create_members(DetectorId=detector, AccountDetails=details)["UnprocessedAccounts"] == []
    )
    assert status_of(gd_sim, MEMBER, admin=DELEGATED) == "Enabled"


def test_organization_configuration(gd_sim, delegated):
    gd, detector = delegated
    assert (
        gd.describe_organization_configuration(DetectorId=detector)["AutoEnableOrganizationMembers"]
        == "NONE"
    )
    gd.update_organization_configuration(DetectorId=detector, AutoEnableOrganizationMembers="ALL")
    described = gd.describe_organization_configuration(DetectorId=detector)
    assert described["AutoEnableOrganizationMembers"] == "ALL"
    assert described["AutoEnable"] is True and described["MemberAccountLimitReached"] is False
    # With ALL, organization members cannot be stopped or removed.
    gd.create_members(
        DetectorId=detector, AccountDetails=[{"AccountId": MEMBER, "Email": "m@example.com"}]
    )
    stopped = gd.stop_monitoring_members(DetectorId=detector, AccountIds=[MEMBER])
    assert stopped["UnprocessedAccounts"][0]["Result"] == messages.ORG_AUTO_ENABLE_ALL


def test_only_the_delegated_admin_has_an_organization_configuration(gd_sim):
    with pytest.raises(ClientError) as caught:
        gd_sim.guardduty().describe_organization_configuration(DetectorId=gd_sim.detector())
    assert caught.value.response["Error"]["Message"] == messages.NOT_DELEGATED_ADMIN


def test_organization_admin_account_enable_list_disable(gd_sim):
    management = gd_sim.guardduty()
    assert management.list_organization_admin_accounts()["AdminAccounts"] == []
    management.enable_organization_admin_account(AdminAccountId=DELEGATED)
    management.enable_organization_admin_account(AdminAccountId=DELEGATED)  # idempotent
    listed = management.list_organization_admin_accounts()["AdminAccounts"]
    assert listed == [{"AdminAccountId": DELEGATED, "AdminStatus": "ENABLED"}]
    # GuardDuty was turned on in the delegated administrator of that Region.
    assert gd_sim.guardduty(DELEGATED).list_detectors()["DetectorIds"]
    assert gd_sim.guardduty(DELEGATED, "eu-west-1").list_detectors()["DetectorIds"] == []
    # One delegated administrator per organization.
    with pytest.raises(ClientError) as caught:
        management.enable_organization_admin_account(AdminAccountId=MEMBER)
    assert "already has a delegated administrator" in caught.value.response["Error"]["Message"]
    management.disable_organization_admin_account(AdminAccountId=DELEGATED)
    assert management.list_organization_admin_accounts()["AdminAccounts"] == []
    with pytest.raises(ClientError):
        management.disable_organization_admin_account(AdminAccountId=DELEGATED)


def test_organization_admin_account_id_must_be_an_account_id(gd_sim):
    with pytest.raises(ClientError) as caught:
        gd_sim.guardduty().enable_organization_admin_account(AdminAccountId="12345")
    assert "adminAccountId" in caught.value.response["Error"]["Message"]


def test_organization_admin_only_from_the_management_account(gd_sim):
    organizations = gd_sim.client("organizations")
    organizations.create_organization(FeatureSet="ALL")
    created = organizations.create_account(AccountName="workload", Email="w@example.com")
    account = created["CreateAccountStatus"]["AccountId"]
    with pytest.raises(ClientError) as caught:
        gd_sim.guardduty(account).enable_organization_admin_account(AdminAccountId=DELEGATED)
    assert "not the management account" in caught.value.response["Error"]["Message"]


def test_organization_made_in_one_world_is_gone_in_the_next(gd_sim):
    from guardduty_hub.simulator import controls

    gd_sim.client("organizations").create_organization(FeatureSet="ALL")
    gd_sim.client("organizations").create_account(AccountName="a", Email="a@example.com")
    controls.reset()
    from moto.organizations.models import organizations_backends

    assert organizations_backends.master_accounts == {}
