"""Every findings number of the dashboard from ONE pass over the user's current findings.

The cards, the chart and the three top lists used to be five aggregate queries, each a full
scan of the findings table (about 1.8 s for a million findings on PostgreSQL; the heap is read
from the OS cache page by page, so the scans, not the arithmetic, cost). They are now one scan
feeding three groupings:

- account                 -> top accounts
- region and type         -> top regions, top types (summed in Python: regions x types is small)
- day, band, new in 24 h  -> the chart (rows first seen inside its range have a day), and the
                             cards: current per band (every day, and NULL for older rows) and
                             new per band (the rows flagged new)

On PostgreSQL that is GROUP BY GROUPING SETS (one scan, one hash table per set). SQLite has no
grouping sets: there the same three groupings are a UNION ALL over one CTE, with the same rows
out. Either way, each grouping is bounded by what it groups (accounts, regions x types, days x
bands), never by the number of findings.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import BooleanField, Case, Value, When
from django.db.models.functions import TruncDate

# Each result row says which grouping it belongs to (its first column), then
# account_id, region, type, day, severity_band, is_new (NULL where not grouped), COUNT(*).
# `{inner}` is the ORM's SQL for the rows, compiled with its parameters kept apart.
ACCOUNT, REGION_TYPE, DAY_BAND = "account", "region_type", "day_band"

_POSTGRESQL = """
SELECT CASE WHEN GROUPING(account_id) = 0 THEN 'account'
            WHEN GROUPING(region) = 0 THEN 'region_type'
            ELSE 'day_band' END,
       account_id, region, type, day, severity_band, is_new, COUNT(*)
FROM ({inner}) AS f
GROUP BY GROUPING SETS ((account_id), (region, type), (day, severity_band, is_new))
"""

_PORTABLE = """
WITH f AS ({inner})
SELECT 'account', account_id, NULL, NULL, NULL, NULL, NULL, COUNT(*) FROM f
GROUP BY account_id
UNION ALL
SELECT 'region_type', NULL, region, type, NULL, NULL, NULL, COUNT(*) FROM f
GROUP BY region, type
UNION ALL
SELECT 'day_band', NULL, NULL, NULL, day, severity_band, is_new, COUNT(*) FROM f
GROUP BY day, severity_band, is_new
"""

# PostgreSQL cannot estimate how many groups the day expression makes, guesses "one per row",
# and with the default 4 MB work_mem plans a sort of every row instead of hash tables (twice
# the time). The hash tables really hold a few thousand groups (a few MB), whatever the number
# of findings; this only lets the planner believe it, for this one statement.
_WORK_MEM = "SET LOCAL work_mem = '256MB'"


@dataclass
class FindingsCounts:
    per_band: dict[int, int] = field(default_factory=dict)
    new_per_band: dict[int, int] = field(default_factory=dict)
    # {day: {band: findings first seen that day (UTC)}}, every day of the range present.
    per_day: dict[date, dict[int, int]] = field(default_factory=dict)
    per_account: dict[str, int] = field(default_factory=dict)
    per_region: dict[str, int] = field(default_factory=dict)
    per_type: dict[str, int] = field(default_factory=dict)


def chart_start(days: int, today: date) -> datetime:
    """Midnight UTC of the chart's first day (days in UTC, as the list's time filters)."""
    return datetime.combine(today - timedelta(days=days - 1), time.min, tzinfo=UTC)


def findings_counts(findings, days: int, now: datetime) -> FindingsCounts:
    """All the numbers, from one query over `findings` (the user's current findings)."""
    start_at = chart_start(days, now.date())
    counts = FindingsCounts(
        per_day={start_at.date() + timedelta(d): {} for d in range(days)},
    )
    rows = (
        findings.order_by()
        .annotate(
            day=Case(
                When(first_seen_at__gte=start_at, then=TruncDate("first_seen_at", tzinfo=UTC))
            ),
            is_new=Case(
                When(first_seen_at__gte=now - timedelta(hours=24), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .values("account_id", "region", "type", "day", "severity_band", "is_new")
    )
    for row in _grouped(rows):
        _add(counts, *row)
    return counts


def _grouped(rows) -> list[tuple]:
    try:
        inner, params = rows.query.get_compiler(using=rows.db).as_sql()
    except EmptyResultSet:  # a filter that can match nothing (an empty scope)
        return []
    connection = connections[rows.db]
    if connection.vendor == "postgresql":
        # SET LOCAL lasts until the transaction ends: ours, or the caller's if there is one
        # (no savepoint: nothing to roll back in a read).
        with transaction.atomic(using=rows.db, savepoint=False), connection.cursor() as cursor:
            cursor.execute(_WORK_MEM)
            cursor.execute(_POSTGRESQL.format(inner=inner), params)
            return cursor.fetchall()
    with connection.cursor() as cursor:
        cursor.execute(_PORTABLE.format(inner=inner), params)
        return cursor.fetchall()


def _add(counts: FindingsCounts, grouping, account, region, kind, day, band, is_new, n) -> None:
    if grouping == ACCOUNT:
        counts.per_account[account] = n
    elif grouping == REGION_TYPE:
        counts.per_region[region] = counts.per_region.get(region, 0) + n
        counts.per_type[kind] = counts.per_type.get(kind, 0) + n
    else:
        counts.per_band[band] = counts.per_band.get(band, 0) + n
        if is_new:
            counts.new_per_band[band] = counts.new_per_band.get(band, 0) + n
        if day is not None:
            # SQLite's TruncDate is text (no converter runs on raw SQL); PostgreSQL's a date.
            day = date.fromisoformat(day) if isinstance(day, str) else day
            if day in counts.per_day:
                counts.per_day[day][band] = n + counts.per_day[day].get(band, 0)
