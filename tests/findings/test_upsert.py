"""One statement per page: created/updated/unchanged, older copies ignored, workflow kept.

Runs on the configured database: SQLite by default, PostgreSQL when DATABASE_URL points there
(CI); `test_upsert_runs_on_postgresql` makes sure CI really exercised PostgreSQL.
"""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from guardduty_hub.accounts.models import AwsAccount
from guardduty_hub.findings.choices import FindingStatus
from guardduty_hub.findings.mapping import finding_from_guardduty
from guardduty_hub.findings.models import Finding
from guardduty_hub.findings.upsert import finding_upsert_page
from tests.findings.builders import BASE_TIME, raw_finding
from tests.fixtures.services import need

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_account():
    return AwsAccount.objects.create(account_id="999999999999", name="Admin", kind="administrator")


def upsert(admin, raws, region="us-east-1", now=None):
    with transaction.atomic():
        return finding_upsert_page(
            [finding_from_guardduty(r) for r in raws],
            administrator_id=admin.pk,
            api_region=region,
            now=now or timezone.now(),
        )


def test_first_page_creates_rows_in_one_statement(admin_account):
    raws = [raw_finding() for _ in range(50)]
    with CaptureQueriesContext(connection) as queries:
        counts = upsert(admin_account, raws)
    assert (counts.created, counts.updated, counts.unchanged) == (50, 0, 0)
    # (On PostgreSQL the INSERT shares its round trip with a SET LOCAL.)
    statements = [
        part.strip().upper() for q in queries.captured_queries for part in q["sql"].split(";")
    ]
    # (The indicators of the page are written by the investigations app, to its own tables.)
    assert len([s for s in statements if s.startswith('INSERT INTO "FINDINGS_FINDING"')]) == 1
    assert Finding.objects.count() == 50
    row = Finding.objects.get(guardduty_id=raws[0]["Id"])
    assert row.administrator == admin_account
    assert row.api_region == "us-east-1"
    assert row.status == FindingStatus.NEW
    assert row.raw == raws[0]
    assert row.gone_from_guardduty_at is None


def test_same_page_twice_is_unchanged_and_adds_no_rows(admin_account):
    raws = [raw_finding() for _ in range(10)]
    upsert(admin_account, raws)
    counts = upsert(admin_account, raws)
    assert (counts.created, counts.updated, counts.unchanged) == (0, 0, 10)
    assert Finding.objects.count() == 10


def test_newer_copy_updates_older_copy_is_ignored(admin_account):
    first = raw_finding(count=1, severity=5)
    newer = {
        **raw_finding(
            finding_id=first["Id"], count=4, severity=8, updated=BASE_TIME + timedelta(hours=1)
        )
    }
    older = raw_finding(
        finding_id=first["Id"], count=2, severity=2, updated=BASE_TIME - timedelta(hours=1)
    )
    upsert(admin_account, [first])
    assert upsert(admin_account, [newer]).updated == 1
    counts = upsert(admin_account, [older])
    assert (counts.created, counts.updated, counts.unchanged) == (0, 0, 1)
    row = Finding.objects.get()
    assert (row.count, row.severity, row.severity_band) == (4, 8.0, 3)


def test_archive_change_without_new_updated_at_is_applied(admin_account):
    first = raw_finding(archived=False)
    upsert(admin_account, [first])
    archived = raw_finding(finding_id=first["Id"], archived=True, feedback="USEFUL")
    counts = upsert(admin_account, [archived])
    assert counts.updated == 1
    row = Finding.objects.get()
    assert row.archived is True
    assert row.feedback == "USEFUL"


def test_workflow_columns_survive_updates(admin_account):
    analyst = get_user_model().objects.create_user("analyst_bob")
    first = raw_finding()
    upsert(admin_account, [first])
    Finding.objects.update(status=FindingStatus.INVESTIGATING, assignee=analyst)
    upsert(
        admin_account,
        [raw_finding(finding_id=first["Id"], count=3, updated=BASE_TIME + timedelta(hours=2))],
    )
    row = Finding.objects.get()
    assert (row.status, row.assignee, row.count) == (FindingStatus.INVESTIGATING, analyst, 3)


def test_resolved_finding_that_reoccurs_goes_back_to_new(admin_account):
    first = raw_finding()
    upsert(admin_account, [first])
    Finding.objects.update(status=FindingStatus.RESOLVED)
    # Same copy again (no new occurrence): stays resolved.
    upsert(admin_account, [first])
    assert Finding.objects.get().status == FindingStatus.RESOLVED
    now = timezone.now()
    counts = upsert(
        admin_account,
        [raw_finding(finding_id=first["Id"], count=2, updated=BASE_TIME + timedelta(hours=1))],
        now=now,
    )
    row = Finding.objects.get()
    assert row.status == FindingStatus.NEW
    assert row.reopened_at == now
    assert counts.reopened == [row.pk]
    # A newer copy that is not a re-occurrence (nothing resolved): nothing reopened.
    again = upsert(
        admin_account,
        [raw_finding(finding_id=first["Id"], count=2, updated=BASE_TIME + timedelta(hours=2))],
    )
    assert (again.updated, again.reopened) == (1, [])


def test_false_positive_stays_false_positive_on_reoccurrence(admin_account):
    first = raw_finding()
    upsert(admin_account, [first])
    Finding.objects.update(status=FindingStatus.FALSE_POSITIVE)
    upsert(
        admin_account,
        [raw_finding(finding_id=first["Id"], count=5, updated=BASE_TIME + timedelta(hours=1))],
    )
    assert Finding.objects.get().status == FindingStatus.FALSE_POSITIVE


def test_same_id_in_two_regions_or_accounts_are_different_rows(admin_account):
    raw = raw_finding()
    upsert(admin_account, [raw], region="us-east-1")
    upsert(admin_account, [raw], region="eu-west-1")
    upsert(admin_account, [{**raw, "AccountId": "222222222222"}], region="us-east-1")
    assert Finding.objects.count() == 3


def test_duplicate_ids_within_a_page_keep_the_newest(admin_account):
    first = raw_finding(count=1)
    newer = raw_finding(finding_id=first["Id"], count=9, updated=BASE_TIME + timedelta(hours=1))
    counts = upsert(admin_account, [newer, first])
    assert counts.created == 1
    assert Finding.objects.get().count == 9


def test_gone_finding_comes_back_when_seen_again(admin_account):
    raw = raw_finding()
    upsert(admin_account, [raw])
    Finding.objects.update(gone_from_guardduty_at=timezone.now())
    later = timezone.now() + timedelta(minutes=5)
    upsert(admin_account, [raw], now=later)
    row = Finding.objects.get()
    assert row.gone_from_guardduty_at is None
    assert row.last_seen_in_guardduty_at == later


def test_hostile_text_is_stored_verbatim(admin_account):
    raw = raw_finding(title="<script>alert(1)</script> ' ; DROP TABLE x; -- \u202e\U0001f600")
    upsert(admin_account, [raw])
    assert Finding.objects.get().title == raw["Title"]


@pytest.mark.postgres
def test_upsert_runs_on_postgresql(admin_account):
    need(connection.vendor == "postgresql", "DATABASE_URL does not point at PostgreSQL")
    raws = [raw_finding() for _ in range(50)]
    assert upsert(admin_account, raws).created == 50
    assert upsert(admin_account, raws).unchanged == 50
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_typeof(raw)::text FROM findings_finding LIMIT 1")
        assert cursor.fetchone()[0] == "jsonb"
