"""Archive reconcile and findings that leave GuardDuty (a member leaving)."""

from guardduty_hub.findings.models import Finding
from guardduty_hub.sync.models import SyncRunKind, SyncRunStatus, SyncState
from guardduty_hub.sync.reconcile import reconcile_region
from guardduty_hub.sync.services import sync_region
from tests.fixtures.simulator import ADMIN_ACCOUNT
from tests.fixtures.sync_world import REGION, recent_window

MEMBER = "210987654321"


def test_reconcile_brings_archive_changes_made_in_guardduty(sync_world):
    ids = sync_world.populate(180, **recent_window())
    sync_region(sync_world.admin.pk, REGION)
    stored = dict(Finding.objects.values_list("guardduty_id", "archived"))
    to_archive = [i for i in ids if not stored[i]][:7]
    to_unarchive = [i for i in ids if stored[i]][:3]
    gd = sync_world.guardduty()
    detector = sync_world.detectors[REGION]
    gd.archive_findings(DetectorId=detector, FindingIds=to_archive)
    gd.unarchive_findings(DetectorId=detector, FindingIds=to_unarchive)

    # updatedAt did not move: an incremental sync does not see it.
    sync_region(sync_world.admin.pk, REGION)
    assert not Finding.objects.filter(guardduty_id__in=to_archive, archived=True).exists()

    run = reconcile_region(sync_world.admin.pk, REGION)
    assert run.kind == SyncRunKind.RECONCILE and run.status == SyncRunStatus.SUCCEEDED
    assert run.archive_changed == 10
    assert run.fetched == 10  # only the changed ones, not the 180
    assert Finding.objects.filter(guardduty_id__in=to_archive, archived=True).count() == 7
    assert Finding.objects.filter(guardduty_id__in=to_unarchive, archived=False).count() == 3
    row = Finding.objects.get(guardduty_id=to_archive[0])
    assert row.raw["Service"]["Archived"] is True
    assert SyncState.objects.get(region=REGION).last_reconcile_at == run.started_at
    # Listing ids: ceil(180/50) pages per archived value at most, plus 1 GetFindings.
    assert run.api_calls <= 4 + 4 + 1


def test_reconcile_fetches_findings_the_hub_lacks(sync_world):
    sync_world.populate(20, **recent_window())
    run = reconcile_region(sync_world.admin.pk, REGION)
    assert run.created == 20
    assert Finding.objects.count() == 20


def _associate_member(sim):
    from guardduty_hub.simulator import controls

    controls.set_verification_delay(0)
    member_detector = sim.detector(MEMBER, REGION)
    admin_gd = sim.guardduty(ADMIN_ACCOUNT, REGION)
    detector = sim.detector(ADMIN_ACCOUNT, REGION)
    admin_gd.create_members(
        DetectorId=detector, AccountDetails=[{"AccountId": MEMBER, "Email": "m@example.com"}]
    )
    admin_gd.invite_members(DetectorId=detector, AccountIds=[MEMBER])
    member_gd = sim.guardduty(MEMBER, REGION)
    invitation = member_gd.list_invitations()["Invitations"][0]
    member_gd.accept_administrator_invitation(
        DetectorId=member_detector,
        AdministratorId=ADMIN_ACCOUNT,
        InvitationId=invitation["InvitationId"],
    )
    return admin_gd, detector


def test_findings_of_a_member_that_left_are_kept_and_marked_gone(sync_world):
    from guardduty_hub.simulator.findings.api import populate

    admin_gd, detector = _associate_member(sync_world.sim)
    own = sync_world.populate(30, **recent_window())
    members = populate(MEMBER, REGION, 40, seed=1, **recent_window())
    sync_region(sync_world.admin.pk, REGION)
    assert Finding.objects.filter(account_id=MEMBER).count() == 40

    admin_gd.disassociate_members(DetectorId=detector, AccountIds=[MEMBER])
    run = reconcile_region(sync_world.admin.pk, REGION)
    assert run.marked_gone == 40
    gone = Finding.objects.filter(gone_from_guardduty_at__isnull=False)
    assert sorted(gone.values_list("guardduty_id", flat=True)) == sorted(members)
    assert Finding.objects.filter(guardduty_id__in=own, gone_from_guardduty_at=None).count() == 30
    # A full sync agrees, and does not mark anything twice.
    full = sync_region(sync_world.admin.pk, REGION, full=True)
    assert full.marked_gone == 0
    assert Finding.objects.count() == 70


def test_full_sync_marks_findings_gone(sync_world):
    from guardduty_hub.simulator.findings.api import populate

    admin_gd, detector = _associate_member(sync_world.sim)
    sync_world.populate(10, **recent_window())
    populate(MEMBER, REGION, 15, seed=2, **recent_window())
    sync_region(sync_world.admin.pk, REGION)
    admin_gd.disassociate_members(DetectorId=detector, AccountIds=[MEMBER])
    run = sync_region(sync_world.admin.pk, REGION, full=True)
    assert run.marked_gone == 15
    assert Finding.objects.filter(gone_from_guardduty_at__isnull=True).count() == 10
