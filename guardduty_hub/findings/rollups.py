"""The dashboard's counts (models/counts.py) follow every write of a finding, in its transaction.

Database triggers on findings_finding keep them, so that every writer is covered without a hook
of its own: the sync's upsert page, triage (archive, unarchive), bulk actions, the gone
reconciliation, samples, deletes. Each write adds the rows as they are after it and subtracts
them as they were before it, so a re-sync of the same copy nets to nothing (idempotent), and a
re-occurrence that moves a finding to another band moves its count with it.

- PostgreSQL: one statement-level trigger per kind of write, reading the statement's
  transition tables (a 50-row page is one grouped INSERT ... ON CONFLICT per table, not 50);
  deltas that net to zero write nothing, so re-syncing unchanged findings leaves the counts'
  rows untouched. Rows are written in key order, so concurrent writers queue rather than
  deadlock.
- SQLite (the embedded default): row-level triggers, the same arithmetic one row at a time.

`rollups_rebuild()` recounts everything from the findings (the migration's backfill, and
`manage.py rebuild_dashboard_counts` after a restore or a bulk load that bypassed triggers).
"""

from datetime import date

from django.db import connection, transaction

from guardduty_hub.findings.models import (
    Finding,
    FindingDayCount,
    FindingRegionCount,
    FindingTypeCount,
)

# The day of a finding GuardDuty gave no first-seen time: before any chart's range.
UNKNOWN_DAY = date(1970, 1, 1)

FINDINGS = Finding._meta.db_table
DAY_TABLE = FindingDayCount._meta.db_table
REGION_TABLE = FindingRegionCount._meta.db_table
TYPE_TABLE = FindingTypeCount._meta.db_table
# What the dashboard counts: the finding list's default view (dashboard/queries.py).
_CURRENT = "NOT {r}archived AND NOT {r}is_sample"

# table -> (its key columns, each as an SQL expression over a findings row `{r}`)
_KEYS = {
    DAY_TABLE: {
        "account_id": "{r}account_id",
        "day": None,  # per vendor: _DAY
        "severity_band": "{r}severity_band",
    },
    REGION_TABLE: {
        "account_id": "{r}account_id",
        "region": "{r}region",
        "severity_band": "{r}severity_band",
    },
    TYPE_TABLE: {"account_id": "{r}account_id", "type": "{r}type"},
}
_DAY = {
    "postgresql": f"COALESCE(({{r}}first_seen_at AT TIME ZONE 'UTC')::date, DATE '{UNKNOWN_DAY}')",
    # Django stores SQLite datetimes as UTC text: date() is the UTC day.
    "sqlite": f"COALESCE(date({{r}}first_seen_at), '{UNKNOWN_DAY}')",
}
_TRIGGER = "findings_rollup"
# Every column a count depends on: an update that changes none of them changes no count (a
# re-sync of the same copy, a status or an assignee), and is skipped before any arithmetic.
_COUNTED_COLUMNS = (
    "archived",
    "is_sample",
    "account_id",
    "first_seen_at",
    "severity_band",
    "region",
    "type",
)


def _changed(old: str, new: str) -> str:
    return " OR ".join(f"{old}{c} IS DISTINCT FROM {new}{c}" for c in _COUNTED_COLUMNS)


def _key_sql(table: str, vendor: str, row: str) -> dict[str, str]:
    return {
        column: (expression or _DAY[vendor]).format(r=row)
        for column, expression in _KEYS[table].items()
    }


# --- PostgreSQL: statement-level triggers over transition tables ------------------------------


def _pg_apply(table: str, sources: list[tuple[str, int]]) -> str:
    """Add `sign` x the current rows of each transition table to `table`'s counts."""
    keys = _key_sql(table, "postgresql", "")
    columns = ", ".join(keys)
    selects = " UNION ALL ".join(
        f"SELECT {', '.join(f'{e} AS {c}' for c, e in keys.items())}, {sign} AS n"  # noqa: S608
        f" FROM {source} WHERE {_CURRENT.format(r='')}"
        for source, sign in sources
    )
    # A subtraction lands only on a count's row that is there (see _sqlite_apply).
    there = " AND ".join(f"t.{c} = delta.{c}" for c in keys)
    return (
        f"INSERT INTO {table} AS c ({columns}, findings)"  # noqa: S608 (our own names only)
        f" SELECT {columns}, SUM(n) FROM ({selects}) AS delta GROUP BY {columns}"
        f" HAVING SUM(n) > 0 OR (SUM(n) < 0 AND EXISTS (SELECT 1 FROM {table} AS t"
        f" WHERE {there})) ORDER BY {columns}"
        f" ON CONFLICT ({columns}) DO UPDATE SET findings = c.findings + EXCLUDED.findings;"
    )


_PG_WRITES = {
    # event -> (REFERENCING clause, transition tables with their signs, rows worth counting)
    "INSERT": (
        "NEW TABLE AS new_rows",
        [("new_rows", 1)],
        f"SELECT 1 FROM new_rows WHERE {_CURRENT.format(r='')}",  # noqa: S608
    ),
    "UPDATE": (
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        [("old_rows", -1), ("new_rows", 1)],
        "SELECT 1 FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id"  # noqa: S608
        f" WHERE {_changed('o.', 'n.')}",
    ),
    "DELETE": (
        "OLD TABLE AS old_rows",
        [("old_rows", -1)],
        f"SELECT 1 FROM old_rows WHERE {_CURRENT.format(r='')}",  # noqa: S608
    ),
}


def _pg_install() -> list[str]:
    statements = []
    for event, (referencing, sources, worth_counting) in _PG_WRITES.items():
        name = f"{_TRIGGER}_{event.lower()}"
        body = "\n".join(_pg_apply(table, sources) for table in _KEYS)
        statements += [
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\nIF EXISTS ({worth_counting}) THEN\n{body}\nEND IF;\nRETURN NULL;\nEND $$",
            f"DROP TRIGGER IF EXISTS {name} ON {FINDINGS}",
            f"CREATE TRIGGER {name} AFTER {event} ON {FINDINGS} REFERENCING {referencing}"
            f" FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
        ]
    return statements


def _pg_uninstall() -> list[str]:
    return [
        statement
        for event in _PG_WRITES
        for statement in (
            f"DROP TRIGGER IF EXISTS {_TRIGGER}_{event.lower()} ON {FINDINGS}",
            f"DROP FUNCTION IF EXISTS {_TRIGGER}_{event.lower()}()",
        )
    ]


# --- SQLite: row-level triggers ---------------------------------------------------------------


def _sqlite_apply(row: str, sign: int) -> str:
    """Adding may create a count's row; subtracting only changes a row that is there.

    A row to subtract from is missing only when the counts were emptied before the findings:
    on SQLite, Django's flush (between transactional tests) deletes its tables in the order of
    a set, and a delete that created a row would leave a negative count behind.
    """
    statements = []
    for table in _KEYS:
        keys = _key_sql(table, "sqlite", f"{row}.")
        columns = ", ".join(keys)
        if sign < 0:
            matches = " AND ".join(f"{c} = {e}" for c, e in keys.items())
            statements.append(
                f"UPDATE {table} SET findings = findings - 1 WHERE {matches};"  # noqa: S608
            )
            continue
        statements.append(
            f"INSERT INTO {table} ({columns}, findings)"  # noqa: S608 (our own names only)
            f" VALUES ({', '.join(keys.values())}, 1)"
            f" ON CONFLICT ({columns}) DO UPDATE SET findings = findings + 1;"
        )
    return " ".join(statements)


_SQLITE_WRITES = {
    # trigger suffix -> (event, row, sign)
    "insert": ("INSERT", "NEW", 1),
    "update_old": ("UPDATE", "OLD", -1),
    "update_new": ("UPDATE", "NEW", 1),
    "delete": ("DELETE", "OLD", -1),
}
_SQLITE_CHANGED = _changed("OLD.", "NEW.").replace("IS DISTINCT FROM", "IS NOT")


def _sqlite_install() -> list[str]:
    return [
        statement
        for suffix, (event, row, sign) in _SQLITE_WRITES.items()
        for statement in (
            f"DROP TRIGGER IF EXISTS {_TRIGGER}_{suffix}",
            f"CREATE TRIGGER {_TRIGGER}_{suffix} AFTER {event} ON {FINDINGS}"
            f" WHEN {_CURRENT.format(r=row + '.')}"
            + (f" AND ({_SQLITE_CHANGED})" if event == "UPDATE" else "")
            + f" BEGIN {_sqlite_apply(row, sign)} END",
        )
    ]


def _sqlite_uninstall() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {_TRIGGER}_{suffix}" for suffix in _SQLITE_WRITES]


# --- installing and recounting ----------------------------------------------------------------


def rollups_install(schema_editor) -> None:
    """Create (or replace) the triggers: migrations call this."""
    install = _pg_install if schema_editor.connection.vendor == "postgresql" else _sqlite_install
    for statement in install():
        schema_editor.execute(statement)


def rollups_uninstall(schema_editor) -> None:
    drop = _pg_uninstall if schema_editor.connection.vendor == "postgresql" else _sqlite_uninstall
    for statement in drop():
        schema_editor.execute(statement)


def rollups_rebuild(conn=connection) -> dict[str, int]:
    """Recount every rollup row from the findings; returns the rows written per table.

    Findings writes wait meanwhile (a SHARE lock on PostgreSQL, SQLite's single writer), so a
    write cannot fall between the count and its triggers' deltas.
    """
    vendor = conn.vendor
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {FINDINGS} IN SHARE MODE")
        written = {}
        for table in _KEYS:
            keys = _key_sql(table, vendor, "")
            columns = ", ".join(keys)
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (our own names only)
            cursor.execute(
                f"INSERT INTO {table} ({columns}, findings)"  # noqa: S608
                f" SELECT {', '.join(keys.values())}, COUNT(*) FROM {FINDINGS}"
                f" WHERE {_CURRENT.format(r='')} GROUP BY {', '.join(keys.values())}"
            )
            written[table] = cursor.rowcount
    return written
