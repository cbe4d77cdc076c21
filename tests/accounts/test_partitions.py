"""Administrators in other partitions (GovCloud, China): the partition comes from the
administrator's role ARN, and the hub's ARNs and region discovery follow it."""

import pytest

from guardduty_hub.accounts.access import access_for
from guardduty_hub.accounts.administrators import administrator_onboard
from guardduty_hub.accounts.forms import AdministratorForm
from guardduty_hub.accounts.models import AwsAccount, Invitation, Membership
from guardduty_hub.aws import AccountAccess, gateway

pytestmark = pytest.mark.django_db

GOV_ADMIN = "444444444444"
GOV_ROLE = f"arn:aws-us-gov:iam::{GOV_ADMIN}:role/GuardDutyHubRole"


@pytest.mark.parametrize(
    ("arn", "partition"),
    [
        ("arn:aws:iam::111122223333:role/Hub", "aws"),
        ("arn:aws-us-gov:iam::111122223333:role/Hub", "aws-us-gov"),
        ("arn:aws-cn:iam::111122223333:role/Hub", "aws-cn"),
        ("arn:aws-iso:iam::111122223333:role/Hub", ""),
        ("not an arn", ""),
    ],
)
def test_partition_is_read_from_the_arn(arn, partition):
    assert gateway.partition_of(arn) == partition


def test_default_role_and_regions_follow_the_partition(settings):
    settings.AWS_DEFAULT_ROLE_NAME = "HubRole"
    assert gateway.hub_partition() == "aws"  # AWS_DEFAULT_REGION is us-east-1 in tests
    assert AccountAccess("111122223333").role_arn_or_default() == (
        "arn:aws:iam::111122223333:role/HubRole"
    )
    china = AccountAccess("111122223333", partition="aws-cn")
    assert china.role_arn_or_default() == "arn:aws-cn:iam::111122223333:role/HubRole"
    assert set(gateway.candidate_regions("aws-us-gov")) == {"us-gov-east-1", "us-gov-west-1"}
    assert set(gateway.candidate_regions("aws-cn")) == {"cn-north-1", "cn-northwest-1"}
    assert "us-east-1" in gateway.candidate_regions()


def test_hub_in_govcloud_writes_govcloud_arns(settings):
    settings.AWS_DEFAULT_REGION = "us-gov-west-1"
    settings.AWS_DEFAULT_ROLE_NAME = "HubRole"
    assert gateway.hub_partition() == "aws-us-gov"
    assert AccountAccess("111122223333").role_arn_or_default().startswith("arn:aws-us-gov:iam::")


def test_onboarding_a_govcloud_administrator_discovers_govcloud_regions(sim, admin_alice):
    sim.detector(GOV_ADMIN, "us-gov-west-1")
    # A commercial-region detector the same account id would have: not in GovCloud's regions.
    sim.detector(GOV_ADMIN, "us-east-1")
    account, report = administrator_onboard(admin_alice, account_id=GOV_ADMIN, role_arn=GOV_ROLE)
    assert report.ok, report.error
    # Only GovCloud regions were probed (none of the commercial ones), through boto3.
    assert {region for region, _, _ in report.regions} <= {"us-gov-east-1", "us-gov-west-1"}
    assert report.detector_regions == ["us-gov-west-1"]
    assert access_for(account).partition_name == "aws-us-gov"


def test_a_member_without_its_own_role_is_reached_in_its_administrators_partition(settings):
    settings.AWS_DEFAULT_ROLE_NAME = "HubRole"
    admin = AwsAccount.objects.create(account_id=GOV_ADMIN, kind="administrator", role_arn=GOV_ROLE)
    member = AwsAccount.objects.create(account_id="555555555555")
    invited = AwsAccount.objects.create(account_id="666666666666")
    alone = AwsAccount.objects.create(account_id="777777777777")
    Membership.objects.create(administrator=admin, member=member, region="us-gov-west-1")
    Invitation.objects.create(
        member=invited,
        region="us-gov-west-1",
        administrator_account_id=GOV_ADMIN,
        invitation_id="i",
    )
    assert access_for(member).role_arn_or_default() == (
        "arn:aws-us-gov:iam::555555555555:role/HubRole"
    )
    assert access_for(invited).role_arn_or_default().startswith("arn:aws-us-gov:")
    assert access_for(alone).role_arn_or_default().startswith("arn:aws:iam::")


@pytest.mark.parametrize(
    ("arn", "ok"),
    [
        (GOV_ROLE, True),
        ("arn:aws-cn:iam::444444444444:role/Hub", True),
        ("arn:aws-iso:iam::444444444444:role/Hub", False),
        ("arn:aws:s3:::bucket", False),
    ],
)
def test_the_form_takes_role_arns_of_the_three_partitions(arn, ok):
    form = AdministratorForm(data={"account_id": GOV_ADMIN, "role_arn": arn})
    form.is_valid()
    assert ("role_arn" not in form.errors) == ok
