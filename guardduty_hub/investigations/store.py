"""Write the indicators of one page of findings: `indicators_store_page`, two statements.

1. the page's indicators, `INSERT ... ON CONFLICT (kind, value) DO NOTHING`: no row lock on
   indicators that exist already, so syncs of several pairs that share a busy IP never wait
   on each other (DO UPDATE would lock every conflicting row until commit);
2. the finding <-> indicator links, joined to the findings on their natural key and to the
   indicators on theirs, `ON CONFLICT (finding, indicator) DO UPDATE` only when the finding's
   region or first/last seen moved.

Both are idempotent, so a page written again (the sync's overlap window, a backfill) changes
nothing. The page travels as one JSON parameter, read by `jsonb_to_recordset` on PostgreSQL
and `json_each` on SQLite; the rest of each statement is the same on both.
"""

from collections.abc import Iterable
from functools import cache
from typing import Protocol

import orjson
from django.db import connection

from guardduty_hub.findings.models import Finding
from guardduty_hub.investigations.extract import Found, indicators_of
from guardduty_hub.investigations.models import FindingIndicator, Indicator

INDICATOR_COLUMNS = ("kind", "value", "label", "asn", "org", "country", "city")
LINK_SOURCE_COLUMNS = ("account_id", "guardduty_id", "kind", "value")


class StoredFinding(Protocol):
    """What the writer needs of a finding (FindingValues has it; so does a backfill's row)."""

    account_id: str
    guardduty_id: str
    raw: dict


def indicators_store_page(findings: Iterable[StoredFinding], api_region: str) -> int:
    """Extract and write the indicators of findings already stored in `api_region`.

    Call inside the page's transaction. Returns how many links were written or moved.
    """
    indicators: dict[tuple[str, str], Found] = {}
    links = []
    for finding in findings:
        for found in indicators_of(finding.raw):
            indicators.setdefault((found.kind, found.value), found)
            links.append(
                {
                    "account_id": finding.account_id,
                    "guardduty_id": finding.guardduty_id,
                    "kind": found.kind,
                    "value": found.value,
                }
            )
    if not links:
        return 0
    # One order for every writer: concurrent pages inserting the same new indicators then
    # wait for each other instead of deadlocking.
    rows = [
        {c: getattr(found, c) for c in INDICATOR_COLUMNS} for _, found in sorted(indicators.items())
    ]
    with connection.cursor() as cursor:
        cursor.execute(_indicator_sql(), [orjson.dumps(rows).decode()])
        cursor.execute(_link_sql(), [orjson.dumps(links).decode(), api_region])
        return cursor.rowcount


def indicators_store_page_signal(sender, values, api_region: str, **kwargs) -> None:
    """Receiver of findings.signals.finding_page_upserted (connected in apps.py)."""
    indicators_store_page(values, api_region)


def _source(columns: tuple[str, ...]) -> str:
    """The page parameter as a table `p` of text columns."""
    q = connection.ops.quote_name
    if connection.vendor == "postgresql":
        typed = ", ".join(f"{q(c)} text" for c in columns)
        return f"jsonb_to_recordset(%s::jsonb) AS p({typed})"
    picked = ", ".join(f"json_extract(j.value, '$.{c}') AS {q(c)}" for c in columns)
    return f"(SELECT {picked} FROM json_each(%s) AS j) AS p"  # noqa: S608 (our names only)


@cache
def _indicator_sql() -> str:
    q = connection.ops.quote_name
    columns = ", ".join(q(c) for c in INDICATOR_COLUMNS)
    picked = ", ".join(f"p.{q(c)}" for c in INDICATOR_COLUMNS)
    # Only our own names are formatted in; the page is the parameter. (SQLite needs the WHERE
    # to tell the SELECT's end from the ON CONFLICT clause.)
    return (
        f"INSERT INTO {q(Indicator._meta.db_table)} ({columns}) "  # noqa: S608
        f"SELECT {picked} FROM {_source(INDICATOR_COLUMNS)} WHERE true "
        f"ON CONFLICT ({q('kind')}, {q('value')}) DO NOTHING"
    )


@cache
def _link_sql() -> str:
    q = connection.ops.quote_name
    moved = ("region", "first_seen_at", "last_seen_at")
    return (
        f"INSERT INTO {q(FindingIndicator._meta.db_table)} AS stored "  # noqa: S608
        "(finding_id, indicator_id, account_id, region, first_seen_at, last_seen_at) "
        "SELECT f.id, i.id, f.account_id,"
        " CASE WHEN f.region <> '' THEN f.region ELSE f.api_region END,"
        " COALESCE(f.first_seen_at, f.created_at, f.updated_at),"
        " COALESCE(f.last_seen_at, f.updated_at) "
        f"FROM {_source(LINK_SOURCE_COLUMNS)} "
        f"JOIN {q(Finding._meta.db_table)} AS f ON f.account_id = p.account_id"
        " AND f.api_region = %s AND f.guardduty_id = p.guardduty_id "
        f"JOIN {q(Indicator._meta.db_table)} AS i ON i.{q('kind')} = p.{q('kind')}"
        f" AND i.{q('value')} = p.{q('value')} "
        "WHERE true "
        "ON CONFLICT (finding_id, indicator_id) DO UPDATE SET "
        + ", ".join(f"{c} = excluded.{c}" for c in moved)
        + " WHERE "
        + " OR ".join(f"stored.{c} <> excluded.{c}" for c in moved)
    )
