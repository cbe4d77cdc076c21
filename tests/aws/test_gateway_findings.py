"""Findings through the gateway against the simulator: list pages, fetch, write back, stats."""

import pytest

from guardduty_hub.aws import (
    AccountAccess,
    PermanentAwsError,
    TransientAwsError,
    count_requests,
    gateway,
)
from guardduty_hub.simulator import controls
from guardduty_hub.simulator.findings import api as sim_findings

REGION = "eu-west-1"
ADMIN = "123456789012"
MEMBER = "210987654321"


@pytest.fixture
def findings(admin_detector) -> list[str]:
    """130 findings of the administrator, updatedAt spread over weeks."""
    return sim_findings.populate(ADMIN, REGION, 130, seed=7)


def _ms(text: str) -> int:
    from guardduty_hub.aws.shapes import parse_time

    return int(parse_time(text).timestamp() * 1000)


def test_pages_of_at_most_50_ids_sorted_by_updated_at(admin, admin_detector, findings):
    with count_requests() as counted:
        pages = list(gateway.list_finding_id_pages(admin, REGION, admin_detector))
    assert [len(p) for p in pages] == [50, 50, 30]
    # The last page's NextToken is "" (as GuardDuty sends it): no fourth request.
    assert counted.by_operation["guardduty.ListFindings"] == 3
    ids = [i for page in pages for i in page]
    assert sorted(ids) == sorted(findings)

    fetched = gateway.get_findings(admin, REGION, admin_detector, ids)
    by_id = {f["Id"]: f for f in fetched}
    stamps = [_ms(by_id[i]["UpdatedAt"]) for i in ids]
    assert stamps == sorted(stamps)


def test_get_findings_in_chunks_of_50_skipping_unknown_ids(admin, admin_detector, findings):
    with count_requests() as counted:
        fetched = gateway.get_findings(admin, REGION, admin_detector, [*findings[:120], "0" * 32])
    assert counted.by_operation["guardduty.GetFindings"] == 3
    assert sorted(f["Id"] for f in fetched) == sorted(findings[:120])
    # Raw boto3 shape: PascalCase keys, for the sync's mapper.
    assert {"Id", "Type", "Severity", "UpdatedAt", "Service"} <= set(fetched[0])


def test_updated_at_criterion_narrows_the_list(admin, admin_detector, findings):
    fetched = gateway.get_findings(admin, REGION, admin_detector, findings)
    stamps = sorted(_ms(f["UpdatedAt"]) for f in fetched)
    cut = stamps[len(stamps) // 2]
    ids = gateway.list_finding_ids(admin, REGION, admin_detector, updated_at_gte_ms=cut)
    expected = {f["Id"] for f in fetched if _ms(f["UpdatedAt"]) >= cut}
    assert set(ids) == expected
    assert 0 < len(ids) < len(findings)


def test_archive_unarchive_and_the_archived_criterion(admin, admin_detector, findings):
    chosen = findings[:60]
    with count_requests() as counted:
        done = gateway.archive_findings(admin, REGION, admin_detector, chosen)
    assert done == tuple(chosen)
    assert counted.by_operation["guardduty.ArchiveFindings"] == 2

    archived_now = set(gateway.list_finding_ids(admin, REGION, admin_detector, archived=True))
    assert set(chosen) <= archived_now
    current = set(gateway.list_finding_ids(admin, REGION, admin_detector, archived=False))
    assert not current & set(chosen)
    assert current | archived_now == set(findings)

    gateway.unarchive_findings(admin, REGION, admin_detector, chosen[:10])
    (one,) = gateway.get_findings(admin, REGION, admin_detector, chosen[:1])
    assert one["Service"]["Archived"] is False


def test_feedback_is_written_back(admin, admin_detector, findings):
    gateway.update_findings_feedback(
        admin, REGION, admin_detector, findings[:3], "USEFUL", "seen it"
    )
    fetched = gateway.get_findings(admin, REGION, admin_detector, findings[:3])
    assert {f["Service"].get("UserFeedback") for f in fetched} == {"USEFUL"}


def test_account_criterion(admin, admin_detector, findings):
    assert len(gateway.list_finding_ids(admin, REGION, admin_detector, account_ids=ADMIN)) == 130
    assert (
        gateway.list_finding_ids(admin, REGION, admin_detector, account_ids=["999999999999"]) == []
    )


def test_sample_findings_and_statistics(admin, admin_detector):
    types = ["Recon:EC2/PortProbeUnprotectedPort", "UnauthorizedAccess:EC2/SSHBruteForce"]
    gateway.create_sample_findings(admin, REGION, admin_detector, types)
    fetched = gateway.get_findings(
        admin, REGION, admin_detector, gateway.list_finding_ids(admin, REGION, admin_detector)
    )
    assert sorted(f["Type"] for f in fetched) == sorted(types)
    assert all(f["Title"].startswith("[SAMPLE]") for f in fetched)

    groups = gateway.get_findings_statistics(admin, REGION, admin_detector, "FINDING_TYPE")
    assert {g.key: g.total for g in groups} == dict.fromkeys(types, 1)
    by_account = gateway.get_findings_statistics(admin, REGION, admin_detector, "ACCOUNT")
    assert [(g.key, g.total) for g in by_account] == [(ADMIN, 2)]


def test_member_cannot_archive_its_findings(admin, admin_detector):
    """Archive goes through the administrator's admin_detector; a member's attempt is refused."""
    controls.set_verification_delay(0)
    member = AccountAccess(MEMBER, role_arn=f"arn:aws:iam::{MEMBER}:role/GuardDutyHubRole")
    gateway.create_members(admin, REGION, admin_detector, [(MEMBER, "root@member.example")])
    gateway.invite_members(admin, REGION, admin_detector, [MEMBER], disable_email_notification=True)
    member_detector = gateway.ensure_detector(member, REGION)
    (invitation,) = gateway.list_invitations(member, REGION)
    gateway.accept_administrator_invitation(
        member, REGION, member_detector, ADMIN, invitation.invitation_id
    )
    ids = sim_findings.populate(MEMBER, REGION, 3, seed=1)

    with pytest.raises(PermanentAwsError) as caught:
        gateway.archive_findings(member, REGION, member_detector, ids)
    assert caught.value.code == "BadRequestException"
    # The administrator sees the member's findings and archives them.
    assert set(gateway.list_finding_ids(admin, REGION, admin_detector, account_ids=MEMBER)) == set(
        ids
    )
    assert gateway.archive_findings(admin, REGION, admin_detector, ids) == tuple(ids)


def test_transient_failure_mid_write_reports_the_ids_done(
    admin, admin_detector, findings, fail_nth_call
):
    fail_nth_call("ArchiveFindings", 2)
    with pytest.raises(TransientAwsError) as caught:
        gateway.archive_findings(admin, REGION, admin_detector, findings[:80])
    assert caught.value.partial == tuple(findings[:50])


def test_throttled_list_pages_are_retried(admin, admin_detector, findings, settings):
    settings.AWS_MAX_ATTEMPTS = 3
    controls.inject_fault("throttle", burst=1, operations=["ListFindings"])
    with count_requests() as counted:
        ids = gateway.list_finding_ids(admin, REGION, admin_detector)
    assert len(ids) == 130
    assert counted.by_operation["guardduty.ListFindings"] == 4
