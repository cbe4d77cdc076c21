"""Write the indicators of one page of findings: `indicators_store_page`, two statements.

1. the page's indicators, `INSERT ... ON CONFLICT (kind, value) DO NOTHING`: no row lock on
   indicators that exist already, so syncs of several pairs that share a busy IP never wait
   on each other (DO UPDATE would lock every conflicting row until commit);
2. the finding <-> indicator links (the upsert gives the findings' row ids; each indicator's
   is found by its natural key),
   `ON CONFLICT (finding, indicator) DO UPDATE` only when a newer copy of the finding moved
   its region or first/last seen.

Both are idempotent, so a page written again (the sync's overlap window, a backfill) changes
nothing. On PostgreSQL they travel in one round trip. The page travels as one JSON parameter, read by `jsonb_to_recordset` on PostgreSQL
and `json_each` on SQLite; the rest of each statement is the same on both.
"""

from collections.abc import Iterable
from datetime import datetime
from functools import cache
from typing import Protocol

import orjson
from django.db import connection

from guardduty_hub.investigations.extract import Found, indicators_of
from guardduty_hub.investigations.models import FindingIndicator, Indicator

INDICATOR_COLUMNS = ("kind", "value", "label", "asn", "org", "country", "city")
LINK_SOURCE_COLUMNS = (
    "finding_id",
    "account_id",
    "kind",
    "value",
    "region",
    "first_seen_at",
    "last_seen_at",
)
_TYPES = {"finding_id": "bigint", "first_seen_at": "timestamptz", "last_seen_at": "timestamptz"}


STORED_FINDING_FIELDS = (
    "account_id",
    "region",
    "created_at",
    "updated_at",
    "first_seen_at",
    "last_seen_at",
    "raw",
)


class StoredFinding(Protocol):
    """What the writer needs of a finding (FindingValues has it; so does a backfill's row)."""

    account_id: str
    region: str
    created_at: datetime | None
    updated_at: datetime
    first_seen_at: datetime | None
    last_seen_at: datetime | None
    raw: dict


def indicators_store_page(findings: Iterable[tuple[int, StoredFinding]], api_region: str) -> int:
    """Extract and write the indicators of findings stored in `api_region`, given as (row id,
    finding) pairs. Call inside the page's transaction. Returns how many links were written or
    moved."""
    indicators: dict[tuple[str, str], Found] = {}
    # One entry per finding with its indicators as (kind, value) pairs; the statement makes
    # them one link each (a dict per link was a third of this function's time).
    links = []
    adapt = connection.ops.adapt_datetimefield_value
    for finding_id, finding in findings:
        found_here = indicators_of(finding.raw)
        if not found_here:
            continue
        for found in found_here:
            indicators.setdefault((found.kind, found.value), found)
        links.append(
            {
                "finding_id": finding_id,
                "account_id": finding.account_id,
                "region": finding.region or api_region,
                "first_seen_at": adapt(
                    finding.first_seen_at or finding.created_at or finding.updated_at
                ),
                "last_seen_at": adapt(finding.last_seen_at or finding.updated_at),
                "indicators": [(found.kind, found.value) for found in found_here],
            }
        )
    if not links:
        return 0
    # One order for every writer: concurrent pages inserting the same new indicators then
    # wait for each other instead of deadlocking. orjson writes a Found as an object of its
    # fields, INDICATOR_COLUMNS.
    rows = [found for _, found in sorted(indicators.items())]
    indicator_params = [orjson.dumps(rows).decode()]
    link_params = [orjson.dumps(links).decode()]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One round trip for both (each statement still sees the one before it).
            cursor.execute(f"{_indicator_sql()}; {_link_sql()}", indicator_params + link_params)
        else:
            cursor.execute(_indicator_sql(), indicator_params)
            cursor.execute(_link_sql(), link_params)
        return cursor.rowcount


def indicators_store_page_signal(sender, findings, api_region: str, **kwargs) -> None:
    """Receiver of findings.signals.finding_page_upserted (connected in apps.py)."""
    indicators_store_page(findings, api_region)


def _source(columns: tuple[str, ...]) -> str:
    """The page parameter as a table `p` of text columns."""
    q = connection.ops.quote_name
    if connection.vendor == "postgresql":
        typed = ", ".join(f"{q(c)} {_TYPES.get(c, 'text')}" for c in columns)
        return f"jsonb_to_recordset(%s::jsonb) AS p({typed})"
    picked = ", ".join(f"json_extract(j.value, '$.{c}') AS {q(c)}" for c in columns)
    return f"(SELECT {picked} FROM json_each(%s) AS j) AS p"  # noqa: S608 (our names only)


def _link_source() -> str:
    """The links parameter (per finding, its indicators as [kind, value] pairs) as a table `p`
    of one row per link: LINK_SOURCE_COLUMNS."""
    q = connection.ops.quote_name
    finding_columns = [c for c in LINK_SOURCE_COLUMNS if c not in ("kind", "value")]
    if connection.vendor == "postgresql":
        typed = ", ".join(f"{q(c)} {_TYPES.get(c, 'text')}" for c in finding_columns)
        picked = ", ".join(f"f.{q(c)}" for c in finding_columns)
        return (
            f"(SELECT {picked}, k.pair ->> 0 AS kind, k.pair ->> 1 AS value"  # noqa: S608
            f" FROM jsonb_to_recordset(%s::jsonb) AS f({typed}, indicators jsonb)"
            " CROSS JOIN LATERAL jsonb_array_elements(f.indicators) AS k(pair)) AS p"
        )
    picked = ", ".join(f"json_extract(f.value, '$.{c}') AS {q(c)}" for c in finding_columns)
    return (
        f"(SELECT {picked}, json_extract(k.value, '$[0]') AS kind,"  # noqa: S608
        " json_extract(k.value, '$[1]') AS value"
        " FROM json_each(%s) AS f, json_each(f.value, '$.indicators') AS k) AS p"
    )


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
    columns = ("finding_id", "indicator_id", "account_id", *moved)
    # The indicator's id by a probe of its unique index per link, whatever the planner thinks
    # of the table's size (as a join, a table not yet analysed was hashed whole per page).
    indicator_id = (
        f"(SELECT i.id FROM {q(Indicator._meta.db_table)} AS i"  # noqa: S608
        f" WHERE i.{q('kind')} = p.{q('kind')} AND i.{q('value')} = p.{q('value')})"
    )
    return (
        f"INSERT INTO {q(FindingIndicator._meta.db_table)} AS stored "  # noqa: S608
        f"({', '.join(columns)}) "
        # The indicator cannot be missing: the statement before wrote it (or waited for
        # whoever inserted it first to commit). SQLite needs the WHERE.
        f"SELECT p.finding_id, {indicator_id},"
        " p.account_id, p.region, p.first_seen_at, p.last_seen_at"
        f" FROM {_link_source()} WHERE true "
        "ON CONFLICT (finding_id, indicator_id) DO UPDATE SET "
        + ", ".join(f"{c} = excluded.{c}" for c in moved)
        # An older copy of the finding (the upsert kept the newer one) moves nothing.
        + " WHERE excluded.last_seen_at >= stored.last_seen_at AND ("
        + " OR ".join(f"stored.{c} <> excluded.{c}" for c in moved)
        + ")"
    )
