"""Every findings number of the dashboard, read from the counts the writes keep (rollups.py).

The counts are of the finding list's default view (current: not archived, no samples), kept
per account by database triggers in the transaction of every write of a finding, so they are
live (a triage action shows on the next page load) and reading them costs what the counts
hold, never the number of findings:

- regions x bands per account -> the cards (current per band), the top accounts and regions
- days x bands per account    -> the chart (the days of its range)
- types per account           -> the top types
- "new in 24 h" per band is a time window, not a day: counted from the findings themselves, on
  the index of current findings by first seen (one range, read from the index alone);
- "overdue" per band (findings/sla.py) depends on the time too: counted in the same query, each
  band's part stopped at OVERDUE_CAP + 1 rows (shown as "1,000+"), so a million overdue
  findings cost what a thousand do (each is a table row read: 10,000 a band took 80 ms of
  the page on the 200,000-row bench).

Each read is narrowed by the user's account scope, as the finding list is.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet, Sum

from guardduty_hub.findings import sla
from guardduty_hub.findings.choices import SeverityBand
from guardduty_hub.findings.models import FindingDayCount, FindingRegionCount, FindingTypeCount


@dataclass
class FindingsCounts:
    per_band: dict[int, int] = field(default_factory=dict)
    new_per_band: dict[int, int] = field(default_factory=dict)
    # Current findings past their SLA clock, per band; OVERDUE_CAP + 1 means "more than the cap".
    overdue_per_band: dict[int, int] = field(default_factory=dict)
    # {day: {band: findings first seen that day (UTC)}}, every day of the range present.
    per_day: dict[date, dict[int, int]] = field(default_factory=dict)
    per_account: dict[str, int] = field(default_factory=dict)
    per_region: dict[str, int] = field(default_factory=dict)
    per_type: dict[str, int] = field(default_factory=dict)


def chart_start(days: int, today: date) -> datetime:
    """Midnight UTC of the chart's first day (days in UTC, as the list's time filters)."""
    return datetime.combine(today - timedelta(days=days - 1), time.min, tzinfo=UTC)


def findings_counts(
    current_findings, account_ids: set[str] | None, days: int, now: datetime
) -> FindingsCounts:
    """All the numbers for a user who sees `account_ids` (None: every account);
    `current_findings` is the same user's current findings (for the 24-hour window)."""
    start = chart_start(days, now.date()).date()
    counts = FindingsCounts(per_day={start + timedelta(d): {} for d in range(days)})
    for account, region, band, n in _rows(FindingRegionCount, account_ids, "region"):
        counts.per_account[account] = counts.per_account.get(account, 0) + n
        counts.per_region[region] = counts.per_region.get(region, 0) + n
        counts.per_band[band] = counts.per_band.get(band, 0) + n
    for _, kind, n in _rows(FindingTypeCount, account_ids, "type", band=False):
        counts.per_type[kind] = counts.per_type.get(kind, 0) + n
    by_day = _scoped(FindingDayCount.objects.filter(day__gte=start, findings__gt=0), account_ids)
    for day, band, n in by_day.values_list("day", "severity_band").annotate(n=Sum("findings")):
        if day in counts.per_day:  # not a day after today (a clock ahead of ours)
            counts.per_day[day][band] = n
    counts.new_per_band, counts.overdue_per_band = _new_and_overdue(
        current_findings, now, scoped=account_ids is not None
    )
    return counts


NEW, OVERDUE = 0, 1
# Beyond this many overdue findings in a band the card says "1,000+"; the list it links to
# counts them exactly up to its own cap.
OVERDUE_CAP = 1_000


def _new_and_overdue(
    current_findings: QuerySet, now: datetime, scoped: bool = False
) -> tuple[dict, dict]:
    """{band: new in 24 h}, {band: overdue (capped)} in one query: a UNION ALL of the new
    findings' band and, per band, at most OVERDUE_CAP + 1 overdue findings' band, counted.

    Unscoped, each band is read in severity order: its range of the severity index, stopped
    at the cap (unordered, PostgreSQL builds a bitmap of the whole band first). Scoped to some
    accounts, no order: the account index's range is the one to read (200,000 rows, one
    account: 8 ms a band unordered, 14 ms in severity order, sorted)."""
    bands = current_findings.order_by().values("severity_band")
    at = sla.truncated_now(now)  # the minute the list's filter uses, so the link agrees
    parts = [(NEW, bands.filter(first_seen_at__gte=now - timedelta(hours=24)))]
    limit = OVERDUE_CAP + 1
    order = () if scoped else ("-severity",)
    parts += [
        (OVERDUE, bands.filter(sla.overdue(at, bands=(band,))).order_by(*order)[:limit])
        for band in SeverityBand
    ]
    selects, params = [], []
    for i, (kind, part) in enumerate(parts):
        try:
            sql, part_params = part.query.get_compiler(using=part.db).as_sql()
        except EmptyResultSet:  # an empty scope: nothing to count in this part
            continue
        selects.append(f"SELECT {kind} AS kind, severity_band FROM ({sql}) part{i}")  # noqa: S608
        params.extend(part_params)
    found: tuple[dict, dict] = ({}, {})
    if not selects:
        return found
    union = " UNION ALL ".join(selects)
    sql = f"SELECT kind, severity_band, COUNT(*) FROM ({union}) parts GROUP BY 1, 2"  # noqa: S608 (compiled SQL)
    with connections[current_findings.db].cursor() as cursor:
        cursor.execute(sql, params)
        for kind, band, n in cursor.fetchall():
            found[kind][band] = n
    return found


def _scoped(rows, account_ids: set[str] | None):
    rows = rows.order_by()
    return rows if account_ids is None else rows.filter(account_id__in=sorted(account_ids))


def _rows(model, account_ids, key: str, band: bool = True) -> list[tuple]:
    """Every non-zero row of a small count table in the scope: (account, key[, band], n)."""
    rows = _scoped(model.objects.filter(findings__gt=0), account_ids)
    columns = ("account_id", key, "severity_band") if band else ("account_id", key)
    return list(rows.values_list(*columns, "findings"))
