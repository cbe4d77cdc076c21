"""Administrator-side member operations through boto3, in-process."""

from guardduty_hub.simulator import messages
from tests.simulator.conftest import ADMIN, MEMBER, OTHER, add_member, status_of


def test_create_members_starts_created_and_reports_duplicates(gd_sim):
    gd = gd_sim.guardduty()
    detector = gd_sim.detector()
    details = [{"AccountId": MEMBER, "Email": "a@example.com"}]
    assert (
        gd.create_members(DetectorId=detector, AccountDetails=details)["UnprocessedAccounts"] == []
    )
    again = gd.create_members(DetectorId=detector, AccountDetails=details)
    assert again["UnprocessedAccounts"] == [
        {"AccountId": MEMBER, "Result": messages.ALREADY_MEMBER}
    ]
    assert again["ResponseMetadata"]["HTTPStatusCode"] == 200
    member = gd.get_members(DetectorId=detector, AccountIds=[MEMBER])["Members"][0]
    assert member["RelationshipStatus"] == "Created"
    assert member["MasterId"] == member["AdministratorId"] == ADMIN
    assert member["Email"] == "a@example.com"
    assert "InvitedAt" not in member
    assert member["UpdatedAt"].endswith("Z") and len(member["UpdatedAt"]) == 24


def test_create_members_rejects_self_bad_ids_and_bad_emails(gd_sim):
    gd = gd_sim.guardduty()
    result = gd.create_members(
        DetectorId=gd_sim.detector(),
        AccountDetails=[
            {"AccountId": ADMIN, "Email": "me@example.com"},
            {"AccountId": "12345678901x", "Email": "x@example.com"},
            {"AccountId": OTHER, "Email": "no-at-sign.example.com"},
        ],
    )
    assert [u["Result"] for u in result["UnprocessedAccounts"]] == [
        messages.SELF_MEMBER,
        messages.INVALID_ACCOUNT_ID,
        messages.INVALID_EMAIL,
    ]


def test_list_members_only_associated_by_default(gd_sim):
    add_member(gd_sim, MEMBER)
    add_member(gd_sim, OTHER, invite=False)
    gd = gd_sim.guardduty()
    detector = gd_sim.detector()
    default = gd.list_members(DetectorId=detector)
    assert [m["AccountId"] for m in default["Members"]] == [MEMBER]
    assert default["NextToken"] == ""
    everyone = gd.list_members(DetectorId=detector, OnlyAssociated="false")["Members"]
    assert {m["AccountId"]: m["RelationshipStatus"] for m in everyone} == {
        MEMBER: "Enabled",
        OTHER: "Created",
    }
    # c7n sends "FALSE": the flag is a string compared without case.
    assert len(gd.list_members(DetectorId=detector, OnlyAssociated="FALSE")["Members"]) == 2


def test_list_members_pages_with_empty_last_token(gd_sim):
    gd = gd_sim.guardduty()
    detector = gd_sim.detector()
    ids = [f"{100000000000 + n}" for n in range(7)]
    gd.create_members(
        DetectorId=detector,
        AccountDetails=[{"AccountId": i, "Email": f"r{i}@example.com"} for i in ids],
    )
    first = gd.list_members(DetectorId=detector, OnlyAssociated="false", MaxResults=5)
    assert len(first["Members"]) == 5 and first["NextToken"]
    second = gd.list_members(
        DetectorId=detector, OnlyAssociated="false", MaxResults=5, NextToken=first["NextToken"]
    )
    assert len(second["Members"]) == 2 and second["NextToken"] == ""
    pages = gd.get_paginator("list_members").paginate(
        DetectorId=detector, OnlyAssociated="false", PaginationConfig={"PageSize": 3}
    )
    assert [m["AccountId"] for p in pages for m in p["Members"]] == ids


def test_get_members_reports_unknown_accounts(gd_sim):
    add_member(gd_sim, MEMBER, invite=False)
    result = gd_sim.guardduty().get_members(
        DetectorId=gd_sim.detector(), AccountIds=[MEMBER, OTHER]
    )
    assert [m["AccountId"] for m in result["Members"]] == [MEMBER]
    assert result["UnprocessedAccounts"] == [{"AccountId": OTHER, "Result": messages.NOT_A_MEMBER}]


def test_stop_and_start_monitoring(gd_sim):
    add_member(gd_sim, MEMBER)
    add_member(gd_sim, OTHER, invite=False)
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    stopped = gd.stop_monitoring_members(DetectorId=detector, AccountIds=[MEMBER, OTHER])
    assert stopped["UnprocessedAccounts"] == [
        {"AccountId": OTHER, "Result": messages.NOT_ASSOCIATED}
    ]
    assert status_of(gd_sim, MEMBER) == "Disabled"
    # Disabled members still count as associated (their findings stay visible).
    assert [m["AccountId"] for m in gd.list_members(DetectorId=detector)["Members"]] == [MEMBER]
    gd.start_monitoring_members(DetectorId=detector, AccountIds=[MEMBER])
    assert status_of(gd_sim, MEMBER) == "Enabled"


def test_disassociate_keeps_record_and_delete_removes_it(gd_sim):
    add_member(gd_sim, MEMBER)
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    assert (
        gd.disassociate_members(DetectorId=detector, AccountIds=[MEMBER])["UnprocessedAccounts"]
        == []
    )
    assert status_of(gd_sim, MEMBER) == "Removed"
    member_gd = gd_sim.guardduty(MEMBER)
    assert "Administrator" not in member_gd.get_administrator_account(
        DetectorId=gd_sim.detector(MEMBER)
    )
    assert gd.delete_members(DetectorId=detector, AccountIds=[MEMBER])["UnprocessedAccounts"] == []
    assert status_of(gd_sim, MEMBER) is None
    missing = gd.delete_members(DetectorId=detector, AccountIds=[MEMBER])
    assert missing["UnprocessedAccounts"] == [
        {"AccountId": MEMBER, "Result": messages.NOT_A_MEMBER}
    ]


def test_get_member_detectors(gd_sim):
    add_member(gd_sim, MEMBER)
    result = gd_sim.guardduty().get_member_detectors(
        DetectorId=gd_sim.detector(), AccountIds=[MEMBER, OTHER]
    )
    config = result["MemberDataSourceConfigurations"][0]
    assert config["AccountId"] == MEMBER
    assert config["DataSources"]["CloudTrail"]["Status"] == "DISABLED"
    assert result["UnprocessedAccounts"][0]["AccountId"] == OTHER


def test_foreign_detector_is_refused(gd_sim):
    member_detector = gd_sim.detector(MEMBER)
    gd_sim.detector()
    import pytest
    from botocore.exceptions import ClientError

    with pytest.raises(ClientError) as caught:
        gd_sim.guardduty().list_members(DetectorId=member_detector)
    assert caught.value.response["Error"]["Code"] == "BadRequestException"
    assert "not owned by the current account" in caught.value.response["Error"]["Message"]
