"""Statuses in words: the summary under each administrator's strip, and the Joined column."""

import pytest

from guardduty_hub.accounts.choices import status_legend
from guardduty_hub.accounts.models import AwsAccount, JoinMethod, Membership
from guardduty_hub.accounts.status_summary import (
    administrator_lines,
    joined_in_words,
    status_summary,
)

FOUR = ["ap-southeast-2", "eu-west-1", "us-east-1", "us-west-2"]


@pytest.mark.parametrize(
    ("statuses", "words"),
    [
        (
            {
                "ap-southeast-2": "Enabled",
                "eu-west-1": "Enabled",
                "us-east-1": "Enabled",
                "us-west-2": "Invited",
            },
            "Enabled in 3 of 4 regions, Invited in us-west-2",
        ),
        (dict.fromkeys(FOUR, "Enabled"), "Enabled in all 4 regions"),
        ({"us-east-1": "EmailVerificationInProgress"}, "Verifying email in us-east-1"),
        (
            {"us-east-1": "Enabled", "eu-west-1": ""},
            "Enabled in us-east-1, not a member in eu-west-1",
        ),
        (
            {
                "ap-southeast-2": "Invited",
                "eu-west-1": "Invited",
                "us-east-1": "Disabled",
                "us-west-2": "EmailVerificationInProgress",
            },
            "Invited in 2 of 4 regions, Suspended in us-east-1, Verifying email in us-west-2",
        ),
        # A status the hub does not know keeps GuardDuty's own word.
        ({"us-east-1": "Paused", "eu-west-1": "Paused"}, "Paused in both regions"),
        ({"us-east-1": "", "eu-west-1": ""}, "Not a member in both regions"),
        # Same size groups: the hoped-for state first; both named.
        (
            {"us-east-1": "Invited", "eu-west-1": "Enabled"},
            "Enabled in eu-west-1, Invited in us-east-1",
        ),
    ],
)
def test_summary_groups_regions_by_status(statuses, words):
    assert status_summary(statuses.items()) == words


def test_a_large_minority_is_counted_not_listed():
    regions = [f"r-{n:02d}" for n in range(10)]
    statuses = [(r, "Enabled") for r in regions[:6]] + [(r, "Invited") for r in regions[6:]]
    assert status_summary(statuses) == "Enabled in 6 of 10 regions, Invited in 4 of 10 regions"
    three = [(r, "Enabled") for r in regions[:7]] + [(r, "Invited") for r in regions[7:]]
    assert status_summary(three).endswith("Invited in r-07, r-08 and r-09")


def test_the_legend_explains_every_status_with_a_symbol():
    legend = status_legend()
    labels = [info.label for info in legend]
    for label in (
        "Created",
        "Invited",
        "Verifying email",
        "Email check failed",
        "Enabled",
        "Suspended",
        "Removed",
        "Resigned",
        "Not a member",
        "Other",
    ):
        assert label in labels
    symbols = [info.symbol for info in legend]
    assert len(set(symbols)) == len(symbols)  # told apart without colour
    assert all(info.help for info in legend)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("statuses", "joined"),
    [
        ([], "Not invited yet"),
        (["Created"], "Added, not invited"),
        (["Created", "EmailVerificationInProgress"], "Invited, not accepted yet"),
        (["Invited", "Enabled"], "By invitation"),
        (["Resigned"], "Not a member any more"),
    ],
)
def test_joined_says_what_is_true(administrator, statuses, joined):
    member = AwsAccount.objects.create(account_id="444444444444")
    rows = [
        Membership(
            administrator=administrator, member=member, region=f"r-{n}", relationship_status=status
        )
        for n, status in enumerate(statuses)
    ]
    assert joined_in_words(member, rows) == joined


@pytest.mark.django_db
def test_organization_members_joined_through_the_organization():
    member = AwsAccount.objects.create(
        account_id="444444444444", joined_via=JoinMethod.ORGANIZATIONS
    )
    assert joined_in_words(member, []) == "Through the organization"


@pytest.mark.django_db
def test_one_line_per_administrator_others_unnamed(administrator):
    other = AwsAccount.objects.create(account_id="888888888888", kind="administrator")
    member = AwsAccount.objects.create(account_id="444444444444")
    rows = [
        Membership(
            administrator=administrator,
            member=member,
            region="us-east-1",
            relationship_status="Enabled",
        ),
        Membership(
            administrator=other, member=member, region="us-east-1", relationship_status="Invited"
        ),
    ]
    regions_of = {administrator.pk: ["eu-west-1", "us-east-1"], other.pk: ["us-east-1"]}
    lines = administrator_lines(
        rows, regions_of=regions_of, all_regions=["eu-west-1", "us-east-1"], visible=None
    )
    assert [(line.name, line.summary) for line in lines] == [
        ("888888888888", "Invited in us-east-1"),
        ("Security (999999999999)", "Enabled in us-east-1, not a member in eu-west-1"),
    ]
    scoped = administrator_lines(
        rows, regions_of=regions_of, all_regions=[], visible=frozenset({"999999999999"})
    )
    assert [line.name for line in scoped] == [
        "An administrator outside your scope",
        "Security (999999999999)",
    ]
    only = administrator_lines(
        rows,
        regions_of=regions_of,
        all_regions=[],
        visible=None,
        administrator_id="888888888888",
        region="us-east-1",
    )
    assert [(line.administrator, line.summary) for line in only] == [
        (other, "Invited in us-east-1")
    ]
    nobody = administrator_lines([], regions_of=regions_of, all_regions=["us-east-1"], visible=None)
    assert [(line.administrator, line.summary) for line in nobody] == [
        (None, "Not a member in us-east-1")
    ]
