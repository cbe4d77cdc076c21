"""Archive, unarchive and feedback reach GuardDuty (the simulator, through boto3), through the
administrator's detector in the finding's region; the hub changes only what GuardDuty took."""

import pytest
from botocore.exceptions import ClientError

from guardduty_hub.accounts.models import AuditEvent, AwsAccount
from guardduty_hub.aws import count_requests
from guardduty_hub.findings import services
from guardduty_hub.findings.models import Finding
from guardduty_hub.simulator.findings import findings_of, load_findings
from guardduty_hub.sync.services import sync_region
from tests.findings.builders import raw_finding
from tests.fixtures.simulator import ADMIN_ACCOUNT, add_member
from tests.fixtures.sync_world import hub_administrator

REGION = "us-east-1"
MEMBER = "111111111111"


def fid(n: int, prefix: str = "f") -> str:
    return f"{prefix}{n}".rjust(32, "0")


@pytest.fixture
def world(gd_sim, db, settings):
    """The hub's administrator (moto's default account) with a member; findings synced in."""
    settings.AWS_MAX_ATTEMPTS = 1
    add_member(gd_sim, member=MEMBER, region=REGION)
    admin, _ = hub_administrator(gd_sim, (REGION,), "Security")
    AwsAccount.objects.create(account_id=MEMBER, name="Member 1")
    load_findings(
        ADMIN_ACCOUNT, REGION, [raw_finding(finding_id=fid(1, "a"), account_id=ADMIN_ACCOUNT)]
    )
    load_findings(
        MEMBER, REGION, [raw_finding(finding_id=fid(n, "m"), account_id=MEMBER) for n in range(60)]
    )
    run = sync_region(admin.pk, REGION, full=True)
    assert run is not None and not run.error, run.error if run else None
    assert Finding.objects.count() == 61
    return gd_sim


@pytest.fixture
def analyst(db):
    from guardduty_hub.core import roles
    from tests.fixtures.personas import make_user

    return make_user("bob", roles.ANALYST)


def archived_in_guardduty(account: str) -> dict[str, bool]:
    return {f["Id"]: f["Service"]["Archived"] for f in findings_of(account, REGION)}


def test_archive_member_and_own_findings_through_the_administrator(world, analyst):
    chosen = list(Finding.objects.filter(guardduty_id__in=[fid(1, "a"), fid(3, "m")]))
    result = services.finding_archive(analyst, chosen)
    assert result.ok and sorted(result.done) == sorted(f.pk for f in chosen)
    assert archived_in_guardduty(MEMBER)[fid(3, "m")] is True
    assert archived_in_guardduty(MEMBER)[fid(4, "m")] is False
    assert archived_in_guardduty(ADMIN_ACCOUNT)[fid(1, "a")] is True
    assert set(Finding.objects.filter(archived=True).values_list("guardduty_id", flat=True)) == {
        fid(1, "a"),
        fid(3, "m"),
    }
    events = AuditEvent.objects.filter(action="finding.archive")
    assert sorted(int(e.target_id) for e in events) == sorted(f.pk for f in chosen)
    assert all(e.actor == analyst for e in events)

    back = services.finding_unarchive(analyst, chosen)
    assert back.ok
    assert archived_in_guardduty(MEMBER)[fid(3, "m")] is False
    assert not Finding.objects.filter(archived=True).exists()


def test_bulk_archive_goes_in_batches_of_fifty(world, analyst):
    members = list(Finding.objects.filter(account_id=MEMBER))
    with count_requests() as counted:
        result = services.finding_archive(analyst, members)
    assert result.ok and len(result.done) == 60
    assert counted.by_operation["guardduty.ArchiveFindings"] == 2
    assert all(archived_in_guardduty(MEMBER).values())


def test_a_member_detector_cannot_archive(world):
    member = world.guardduty(MEMBER, REGION)
    with pytest.raises(ClientError):
        member.archive_findings(DetectorId=world.detector(MEMBER, REGION), FindingIds=[fid(1, "m")])
    assert archived_in_guardduty(MEMBER)[fid(1, "m")] is False


def test_refused_findings_fail_one_by_one_and_stay_unchanged(world, analyst):
    good = Finding.objects.get(guardduty_id=fid(5, "m"))
    # A finding listed in a region where the administrator has no detector in GuardDuty.
    elsewhere = Finding.objects.get(guardduty_id=fid(6, "m"))
    Finding.objects.filter(pk=elsewhere.pk).update(api_region="eu-west-1")
    elsewhere.refresh_from_db()
    orphan = Finding.objects.get(guardduty_id=fid(7, "m"))
    Finding.objects.filter(pk=orphan.pk).update(administrator=None)
    orphan.refresh_from_db()

    result = services.finding_archive(analyst, [good, elsewhere, orphan])
    assert result.done == [good.pk]
    assert set(result.failed) == {elsewhere.pk, orphan.pk}
    assert "administrator" in result.failed[orphan.pk]
    assert Finding.objects.filter(archived=True).count() == 1
    assert not AuditEvent.objects.filter(action="finding.archive", target_id=str(elsewhere.pk))


def test_feedback_is_written_back(world, analyst):
    chosen = list(Finding.objects.filter(guardduty_id__in=[fid(8, "m"), fid(9, "m")]))
    result = services.finding_feedback(analyst, chosen, "NOT_USEFUL")
    assert result.ok
    feedback = {f["Id"]: f["Service"].get("UserFeedback") for f in findings_of(MEMBER, REGION)}
    assert feedback[fid(8, "m")] == feedback[fid(9, "m")] == "NOT_USEFUL"
    assert set(
        Finding.objects.filter(pk__in=[f.pk for f in chosen]).values_list("feedback", flat=True)
    ) == {"NOT_USEFUL"}
    # A re-sync keeps what GuardDuty now says.
    admin = AwsAccount.objects.get(account_id=ADMIN_ACCOUNT)
    sync_region(admin.pk, REGION, full=True)
    assert Finding.objects.get(guardduty_id=fid(8, "m")).feedback == "NOT_USEFUL"


def test_archive_from_the_page_leaves_the_default_list(world, analyst, client):
    client.force_login(analyst)
    target = Finding.objects.get(guardduty_id=fid(10, "m"))
    asked = {"ids": [target.pk], "action": "archive", "next": "/findings/"}
    question = client.post("/findings/actions/", asked)
    # Asked first, with the count; nothing written to GuardDuty yet.
    assert "Archive 1 finding in GuardDuty?" in question.content.decode()
    assert archived_in_guardduty(MEMBER)[fid(10, "m")] is False
    answer = client.post("/findings/actions/", {**asked, "confirmed": "yes"})
    assert answer.status_code == 302
    assert archived_in_guardduty(MEMBER)[fid(10, "m")] is True
    listed = client.get("/findings/", {"per_page": 200}).context["page"].rows
    assert target.pk not in {f.pk for f in listed}


def test_viewer_cannot_write_back(world):
    from django.core.exceptions import PermissionDenied

    from guardduty_hub.core import roles
    from tests.fixtures.personas import make_user

    viewer = make_user("carol", roles.VIEWER)
    with pytest.raises(PermissionDenied):
        services.finding_archive(viewer, list(Finding.objects.all()[:1]))
    assert not any(archived_in_guardduty(MEMBER).values())
