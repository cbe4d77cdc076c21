"""Write one page of synced findings in one statement: `finding_upsert_page`.

`INSERT ... ON CONFLICT (account_id, api_region, guardduty_id) DO UPDATE ... WHERE
stored.updated_at <= excluded.updated_at`, which PostgreSQL and SQLite (3.35+) both run. Django's
`bulk_create(update_conflicts=True)` cannot express the WHERE: without it a slow, older copy of a
finding could overwrite a newer one. `<=` rather than `<` because GuardDuty changes `archived`
and the feedback without moving UpdatedAt, and a re-fetched copy must still bring those in.

The hub's workflow columns (status, assignee) are kept, except that a resolved finding that
re-occurred (its count or last-seen time moved on) goes back to New with `reopened_at` set.

On PostgreSQL the page travels as ONE jsonb parameter (`jsonb_to_recordset`) instead of 50 x 37
literals: psycopg2 quotes and PostgreSQL parses one string rather than a 170 KB statement, and
`raw` arrives as jsonb without a second parse (about twice as fast per page). The same statement
counts what it did: RETURNING runs a subquery per written row that still sees the row as it was
before the statement (a command does not see its own changes), so no separate pre-select.
SQLite keeps the pre-select and the VALUES list.

With `asynchronous_commit`, which the sync's page loop asks for and the event consumer does not
(it deletes SQS messages after its commits), PostgreSQL commits the page without waiting for its
WAL flush (`synchronous_commit off`, for that transaction only). Safe here: the page's watermark is in the same transaction, and a
server crash loses only a suffix of recent transactions, never one from the middle, so the
watermark never gets ahead of the rows and the next run fetches those pages again (the writes
are idempotent). It saves a disk flush per 50 findings, which COPY pays once.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

import orjson
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from guardduty_hub.findings.choices import REOPENED_BY_RECURRENCE, FindingStatus
from guardduty_hub.findings.mapping import FindingValues
from guardduty_hub.findings.models import Finding
from guardduty_hub.findings.signals import finding_page_upserted

# Columns taken from GuardDuty on every write of a newer-or-equal copy.
GUARDDUTY_COLUMNS = (
    "arn",
    "region",
    "partition",
    "detector_id",
    "type",
    "threat_purpose",
    "resource_type_affected",
    "threat_family",
    "severity",
    "severity_band",
    "title",
    "description",
    "resource_type",
    "resource_id",
    "action_type",
    "created_at",
    "updated_at",
    "first_seen_at",
    "last_seen_at",
    "count",
    "archived",
    "feedback",
    "is_sample",
    "raw",
)
# What orjson cannot write itself (Decimal, lazy translations, ...), written as Django would.
_DJANGO_JSON = DjangoJSONEncoder()

KEY_COLUMNS = ("account_id", "api_region", "guardduty_id")
SYNC_COLUMNS = ("administrator_id", "last_seen_in_guardduty_at", "gone_from_guardduty_at")
INSERT_ONLY_COLUMNS = ("status", "assignee_id", "reopened_at", "first_synced_at")
INSERT_COLUMNS = KEY_COLUMNS + GUARDDUTY_COLUMNS + SYNC_COLUMNS + INSERT_ONLY_COLUMNS
# What `asynchronous_commit=True` sets for the page's transaction (PostgreSQL).
ASYNCHRONOUS_COMMIT = "SET LOCAL synchronous_commit TO OFF"


@dataclass
class UpsertCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Ids of resolved findings this write sent back to New (they re-occurred in GuardDuty).
    reopened: list[int] = field(default_factory=list)
    # Ids of the rows this write created (notifications tell new findings from updated ones).
    created_ids: list[int] = field(default_factory=list)

    def __iadd__(self, other: "UpsertCounts") -> "UpsertCounts":
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.reopened += other.reopened
        self.created_ids += other.created_ids
        return self


def finding_upsert_page(
    page: Iterable[FindingValues],
    *,
    administrator_id: int | None,
    api_region: str,
    now: datetime,
    asynchronous_commit: bool = False,
) -> UpsertCounts:
    """Insert or refresh one page of findings listed in `api_region`; call inside a transaction.

    Counts: created (new rows); updated (a newer copy, or archive/feedback changed); unchanged
    (same copy again, or an older copy that was ignored).
    """
    latest = _latest_copy_per_key(page)
    asynchronous_commit = asynchronous_commit and connection.vendor == "postgresql"
    if not latest:
        if asynchronous_commit:
            with connection.cursor() as cursor:
                cursor.execute(ASYNCHRONOUS_COMMIT)
        return UpsertCounts()
    if connection.vendor == "postgresql":
        counts, written = _upsert_postgresql(
            list(latest.values()), administrator_id, api_region, now, asynchronous_commit
        )
    else:
        rows = [_row(values, administrator_id, api_region, now) for values in latest.values()]
        counts, written = _upsert_sqlite(rows, latest, api_region, now)
    # Apps above this one (investigations) write what they derive from the findings this page
    # created or changed, in its transaction (the same copy again changes nothing there).
    changed = [(written[key], values) for key, values in latest.items() if key in written]
    if changed:
        finding_page_upserted.send(
            Finding,
            findings=changed,
            api_region=api_region,
            created_ids=counts.created_ids,
            reopened_ids=counts.reopened,
        )
    return counts


def _upsert_sqlite(
    rows: list[dict], latest: dict, api_region: str, now: datetime
) -> tuple[UpsertCounts, dict]:
    """The counts, and the row id of every finding of the page by (account id, GuardDuty id)."""
    before = _stored_versions(latest.values(), api_region)
    _execute_upsert(rows)
    counts = _count(latest.values(), before)
    stored = Finding.objects.filter(
        api_region=api_region, guardduty_id__in=[v.guardduty_id for v in latest.values()]
    ).values_list("id", "account_id", "guardduty_id", "reopened_at")
    written = {}
    for row_id, account_id, guardduty_id, reopened_at in stored:
        if (account_id, guardduty_id) in latest:
            written[(account_id, guardduty_id)] = row_id
            if (account_id, guardduty_id) not in before:
                counts.created_ids.append(row_id)
            # A reopening stamps `reopened_at` with this write's `now` (unique per page).
            if reopened_at == now:
                counts.reopened.append(row_id)
    return counts, written


def _upsert_postgresql(
    page: list[FindingValues],
    administrator_id: int | None,
    api_region: str,
    now: datetime,
    asynchronous_commit: bool,
) -> tuple[UpsertCounts, dict]:
    """The counts, and the row id of each finding created or changed by (account id, GuardDuty
    id)."""
    # orjson: a page is ~200 KB of JSON, and the standard encoder was a fifth of a sync's CPU.
    # It writes each FindingValues as an object of its fields (the columns GuardDuty gives);
    # datetimes (columns and inside `raw`) come out as ISO-8601 with their offset. What is the
    # same for the whole page is a parameter of its own, not repeated in every row.
    encoded = orjson.dumps(page, default=_DJANGO_JSON.default).decode()
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        # LOCAL: this transaction only (see the module docstring for why it is safe for the
        # sync). One round trip: the results are the INSERT's.
        prefix = f"{ASYNCHRONOUS_COMMIT}; " if asynchronous_commit else ""
        cursor.execute(
            f"{prefix}{_postgresql_sql()}",
            [api_region, administrator_id, now, now, encoded],
        )
        written = cursor.fetchall()
    counts, changed_ids = UpsertCounts(), {}
    for changed, row_id, reopened_at, account_id, guardduty_id in written:
        if changed is None:
            counts.created += 1
            counts.created_ids.append(row_id)
        elif changed:
            counts.updated += 1
            if reopened_at == now:
                counts.reopened.append(row_id)
        if changed is not False:
            changed_ids[(account_id, guardduty_id)] = row_id
    counts.unchanged = len(page) - counts.created - counts.updated
    return counts, changed_ids


def _latest_copy_per_key(page: Iterable[FindingValues]) -> dict[tuple[str, str], FindingValues]:
    """One copy per finding: a statement may not touch the same row twice (PostgreSQL refuses)."""
    latest: dict[tuple[str, str], FindingValues] = {}
    for values in page:
        key = (values.account_id, values.guardduty_id)
        if key not in latest or latest[key].updated_at <= values.updated_at:
            latest[key] = values
    return latest


def _stored_versions(page: Iterable[FindingValues], api_region: str) -> dict:
    """What the page's rows hold now, in one query on the natural-key index."""
    page = list(page)
    stored = Finding.objects.filter(
        account_id__in={v.account_id for v in page},
        api_region=api_region,
        guardduty_id__in={v.guardduty_id for v in page},
    ).values_list("account_id", "guardduty_id", "updated_at", "archived", "feedback")
    return {(a, g): (u, arch, fb) for a, g, u, arch, fb in stored}


def _count(page: Iterable[FindingValues], before: dict) -> UpsertCounts:
    counts = UpsertCounts()
    for values in page:
        stored = before.get((values.account_id, values.guardduty_id))
        if stored is None:
            counts.created += 1
            continue
        updated_at, archived, feedback = stored
        newer = values.updated_at > updated_at
        same_copy_changed = values.updated_at == updated_at and (
            values.archived != archived or values.feedback != feedback
        )
        if newer or same_copy_changed:
            counts.updated += 1
        else:
            counts.unchanged += 1
    return counts


def _row(values: FindingValues, administrator_id, api_region: str, now: datetime) -> dict:
    row = {name: getattr(values, name) for name in GUARDDUTY_COLUMNS}
    row.update(
        account_id=values.account_id,
        api_region=api_region,
        guardduty_id=values.guardduty_id,
        severity_band=int(values.severity_band),
        administrator_id=administrator_id,
        last_seen_in_guardduty_at=now,
        gone_from_guardduty_at=None,
        status=FindingStatus.NEW.value,
        assignee_id=None,
        reopened_at=None,
        first_synced_at=now,
    )
    return row


def _execute_upsert(rows: list[dict]) -> None:
    fields = {f.column: f for f in Finding._meta.concrete_fields}
    params: list = []
    for row in rows:
        for column in INSERT_COLUMNS:
            params.append(fields[column].get_db_prep_save(row[column], connection))
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(len(rows)), params)


@cache
def _postgresql_sql() -> str:
    """INSERT ... SELECT FROM jsonb_to_recordset(page) ... RETURNING what changed per row."""
    q = connection.ops.quote_name
    fields = {f.column: f for f in Finding._meta.concrete_fields}

    def db_type(column: str) -> str:
        # varchar(n) -> varchar: lengths are the mapper's job; the column's own type checks.
        return _NO_LENGTH.sub("", fields[column].db_type(connection))

    # The page's rows (FindingValues: the key's GuardDuty parts and GUARDDUTY_COLUMNS), then
    # what the whole page shares: the listing region, the administrator, this write's time.
    from_page = ("account_id", "guardduty_id", *GUARDDUTY_COLUMNS)
    record = ", ".join(f"{q(c)} {db_type(c)}" for c in from_page)
    shared = {
        "api_region": f"%s::{db_type('api_region')}",
        "administrator_id": f"%s::{db_type('administrator_id')}",
        "last_seen_in_guardduty_at": f"%s::{db_type('last_seen_in_guardduty_at')}",
        "gone_from_guardduty_at": "NULL",
        "status": f"'{FindingStatus.NEW.value}'",
        "assignee_id": "NULL",
        "reopened_at": "NULL",
        "first_synced_at": f"%s::{db_type('first_synced_at')}",
    }
    assert set(from_page) | set(shared) == set(INSERT_COLUMNS)
    columns = ", ".join(f"page.{q(c)}" if c in from_page else shared[c] for c in INSERT_COLUMNS)
    # Only our own names, types and constants are formatted in; the values are parameters (in
    # the order they stand: api_region, administrator_id, the two times, the page).
    source = f"SELECT {columns} FROM jsonb_to_recordset(%s::jsonb) AS page({record})"  # noqa: S608
    # NULL: a new row; true: a newer copy or archive/feedback changed; false: the same copy
    # again (rows an older copy left alone are not returned at all).
    table = q(Finding._meta.db_table)
    changed = (
        "before.updated_at < stored.updated_at OR before.archived <> stored.archived"
        " OR before.feedback <> stored.feedback"
    )
    before = f"SELECT {changed} FROM {table} AS before WHERE before.id = stored.id"  # noqa: S608
    return f"{_upsert_sql_from(source)} RETURNING ({before}), stored.id, stored.reopened_at, stored.account_id, stored.guardduty_id"


_NO_LENGTH = re.compile(r"\(\d+\)")


def _upsert_sql(row_count: int) -> str:
    placeholders = "(" + ", ".join(["%s"] * len(INSERT_COLUMNS)) + ")"
    return _upsert_sql_from(f"VALUES {', '.join([placeholders] * row_count)}")


def _upsert_sql_from(source: str) -> str:
    table = connection.ops.quote_name(Finding._meta.db_table)
    q = connection.ops.quote_name
    reopen_statuses = ", ".join(f"'{s.value}'" for s in REOPENED_BY_RECURRENCE)
    # A re-occurrence: GuardDuty aggregated a new event into the finding.
    recurred = (
        f"stored.status IN ({reopen_statuses}) AND (excluded.{q('count')} > stored.{q('count')}"
        " OR excluded.last_seen_at > stored.last_seen_at)"
    )
    assignments = [f"{q(c)} = excluded.{q(c)}" for c in GUARDDUTY_COLUMNS + SYNC_COLUMNS]
    assignments.append(
        f"status = CASE WHEN {recurred} THEN '{FindingStatus.NEW.value}' ELSE stored.status END"
    )
    assignments.append(
        f"reopened_at = CASE WHEN {recurred} THEN excluded.first_synced_at"
        " ELSE stored.reopened_at END"
    )
    # Only our own column names and constants are formatted in; every value is a parameter.
    return (
        f"INSERT INTO {table} AS stored ({', '.join(q(c) for c in INSERT_COLUMNS)}) "
        f"{source} "
        f"ON CONFLICT ({', '.join(KEY_COLUMNS)}) DO UPDATE SET {', '.join(assignments)} "
        "WHERE stored.updated_at <= excluded.updated_at"
    )
