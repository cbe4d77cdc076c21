"""The dashboard's counts (findings/rollups.py) equal a recount of the findings after every
kind of write: a sync through boto3 and the simulator, the same sync again, re-occurrences,
a band change, triage's archive and unarchive (written back to GuardDuty), deletes; and the
rebuild command repairs counts that drifted."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from guardduty_hub.findings.mapping import finding_from_guardduty
from guardduty_hub.findings.models import (
    Finding,
    FindingDayCount,
    FindingRegionCount,
    FindingTypeCount,
)
from guardduty_hub.findings.rollups import UNKNOWN_DAY
from guardduty_hub.findings.services import finding_archive, finding_unarchive
from guardduty_hub.findings.upsert import finding_upsert_page
from guardduty_hub.simulator.findings.api import advance_activity
from guardduty_hub.sync.services import sync_region
from tests.findings.builders import raw_finding
from tests.fixtures.simulator import ADMIN_ACCOUNT
from tests.fixtures.sync_world import REGION, recent_window

pytestmark = pytest.mark.django_db


KEYS = {
    FindingDayCount: ("account_id", "day", "severity_band"),
    FindingRegionCount: ("account_id", "region", "severity_band"),
    FindingTypeCount: ("account_id", "type"),
}


def recounted() -> list[dict]:
    """What the counts must be, counted from the findings themselves."""
    current = (
        Finding.objects.filter(archived=False, is_sample=False)
        .order_by()
        .annotate(day=TruncDate("first_seen_at", tzinfo=UTC))
    )
    found = []
    for keys in KEYS.values():
        rows = current.values_list(*keys).annotate(n=Count("*"))
        found.append({tuple(UNKNOWN_DAY if v is None else v for v in r[:-1]): r[-1] for r in rows})
    return found


def stored() -> list[dict]:
    return [
        {r[:-1]: r[-1] for r in model.objects.exclude(findings=0).values_list(*keys, "findings")}
        for model, keys in KEYS.items()
    ]


def assert_counts_match():
    expected = recounted()
    assert expected[0], "nothing counted: the test would prove nothing"
    assert stored() == expected


def test_sync_resync_and_reoccurrence_keep_the_counts(sync_world):
    sync_world.populate(150, **recent_window())
    sync_region(sync_world.admin.pk, REGION)
    assert Finding.objects.filter(archived=False).count() > 50
    assert_counts_match()

    # The same findings again: the counts are unchanged, and not rewritten either.
    before = list(FindingDayCount.objects.order_by("pk").values_list("pk", "findings"))
    sync_region(sync_world.admin.pk, REGION)
    assert list(FindingDayCount.objects.order_by("pk").values_list("pk", "findings")) == before

    done = advance_activity(ADMIN_ACCOUNT, REGION, seed=3, new=4, reoccur=6, publish=False)
    assert done["new"] and done["reoccurred"]
    sync_region(sync_world.admin.pk, REGION)
    assert Finding.objects.filter(guardduty_id__in=done["new"]).count() == 4
    assert_counts_match()


def test_triage_archive_and_unarchive_move_the_counts(sync_world, admin_alice):
    sync_world.populate(60, **recent_window())
    sync_region(sync_world.admin.pk, REGION)
    chosen = list(Finding.objects.filter(archived=False)[:5])
    current = Finding.objects.filter(archived=False, is_sample=False).count()

    assert finding_archive(admin_alice, chosen).ok
    assert_counts_match()
    assert sum(stored()[0].values()) == current - 5

    assert finding_unarchive(admin_alice, chosen).ok
    assert_counts_match()
    assert sum(stored()[0].values()) == current


def _upsert(raws, now):
    with transaction.atomic():
        finding_upsert_page(
            [finding_from_guardduty(r) for r in raws],
            administrator_id=None,
            api_region="us-east-1",
            now=now,
        )


def test_a_newer_copy_in_another_band_moves_its_count(db):
    now = timezone.now()
    first = datetime(2025, 6, 1, 12, tzinfo=UTC)
    raws = [raw_finding(finding_id=f"{n:032x}", severity=5.0, updated=first) for n in range(3)]
    raws.append(raw_finding(severity=2.0, updated=first, archived=True))
    _upsert(raws, now)
    assert_counts_match()
    # A re-occurrence at a higher severity: Medium -> High for one finding.
    _upsert(
        [
            raw_finding(
                finding_id=f"{0:032x}", severity=8.0, count=2, updated=first + timedelta(hours=1)
            )
        ],
        now,
    )
    assert_counts_match()
    bands = {b: n for (_, _, b), n in stored()[1].items()}
    assert bands == {2: 2, 3: 1}


def test_deletes_and_workflow_writes(db):
    now = timezone.now()
    _upsert([raw_finding(finding_type=f"Recon:EC2/Type{n}") for n in range(4)], now)
    Finding.objects.filter(type="Recon:EC2/Type0").delete()
    Finding.objects.filter(type="Recon:EC2/Type1").update(status="resolved")
    Finding.objects.filter(type="Recon:EC2/Type2").update(is_sample=True)
    assert_counts_match()
    assert sum(stored()[2].values()) == 2


def test_findings_deleted_after_their_counts_leave_no_negative_count(db):
    """Django's flush between transactional tests may empty the counts before the findings
    (SQLite deletes its tables in a set's order); a subtraction must not create a row."""
    _upsert([raw_finding(finding_type=f"Recon:EC2/Type{n}") for n in range(3)], timezone.now())
    FindingTypeCount.objects.filter(type="Recon:EC2/Type0").delete()
    Finding.objects.filter(type__in=["Recon:EC2/Type0", "Recon:EC2/Type1"]).delete()
    counts = dict(FindingTypeCount.objects.values_list("type", "findings"))
    assert counts == {"Recon:EC2/Type1": 0, "Recon:EC2/Type2": 1}


def test_rebuild_command_repairs_drifted_counts(db):
    _upsert([raw_finding() for _ in range(3)], timezone.now())
    # As after a restore or a load that bypassed the triggers.
    FindingDayCount.objects.update(findings=99)
    FindingTypeCount.objects.all().delete()
    call_command("rebuild_dashboard_counts", verbosity=0)
    assert_counts_match()


def test_triggers_are_installed_on_this_database():
    """The suite runs on PostgreSQL in CI (statement triggers) and SQLite by default (row
    triggers): whichever it is, the triggers are there."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'findings_rollup_%'")
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                " AND name LIKE 'findings_rollup_%'"
            )
        assert len(cursor.fetchall()) == (3 if connection.vendor == "postgresql" else 4)
