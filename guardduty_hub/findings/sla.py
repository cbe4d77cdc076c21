"""SLA clocks: when a finding is due, and the conditions "overdue" / "due soon" for the database.

A finding's clock follows its workflow status, counted from GuardDuty's first seen:

- New: due to be acknowledged (moved to any other open status) within SLA_ACKNOWLEDGE[band];
- Acknowledged or Investigating: due to be resolved within SLA_RESOLVE[band];
- Resolved, False positive, or archived: no clock. Nor without a first seen (GuardDuty always
  sends EventFirstSeen; a row without one cannot be timed honestly).

A finding is overdue once its due time has passed (due_at < now, to the microsecond). The page,
the API and the database read the same durations (settings), so the column, the filter and the
dashboard count agree; `due_at` is the pure computation and `overdue` / `due_within` /
`within_sla` are the same rule as Q expressions, per band and phase (eight ranges of
`first_seen_at`), so the filtering and counting happen in the database.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q

from guardduty_hub.findings.choices import FindingStatus, SeverityBand

ACKNOWLEDGE = "acknowledge"
RESOLVE = "resolve"
# Statuses whose clock is the phase's; every other status has none.
PHASE_STATUSES = {
    ACKNOWLEDGE: (FindingStatus.NEW,),
    RESOLVE: (FindingStatus.ACKNOWLEDGED, FindingStatus.INVESTIGATING),
}
PHASE_OF_STATUS = {status: phase for phase, sts in PHASE_STATUSES.items() for status in sts}
PHASE_WORDS = {ACKNOWLEDGE: "to acknowledge", RESOLVE: "to resolve"}
SOON = timedelta(hours=24)  # the list filter's "due in 24 h"

# Values of the list filter `sla` (findings/filters.py), with their labels.
OVERDUE = "overdue"
DUE_SOON = "due_24h"
WITHIN = "within"
FILTER_CHOICES = [
    (OVERDUE, "Overdue"),
    (DUE_SOON, "Due in 24 h"),
    (WITHIN, "Within SLA"),
]


# A band's key in the SLA settings ("low", ...): every row of an SLA column asks.
_SETTING_KEYS = {band.value: band.label.lower() for band in SeverityBand}


def allowed(band: int, phase: str) -> timedelta:
    """How long a finding of this band may stay in this phase (settings; read on each call so a
    test's override_settings applies)."""
    per_band = settings.SLA_ACKNOWLEDGE if phase == ACKNOWLEDGE else settings.SLA_RESOLVE
    return timedelta(seconds=per_band[_SETTING_KEYS[band]])


@dataclass(frozen=True)
class Clock:
    phase: str  # ACKNOWLEDGE or RESOLVE
    due_at: datetime

    def overdue(self, now: datetime) -> bool:
        return self.due_at < now


def clock(band: int, status: str, archived: bool, first_seen_at: datetime | None) -> Clock | None:
    """The clock of a finding with these values, or None when none runs."""
    phase = PHASE_OF_STATUS.get(status)
    if phase is None or archived or first_seen_at is None:
        return None
    return Clock(phase, first_seen_at + allowed(band, phase))


def finding_clock(finding) -> Clock | None:
    return clock(finding.severity_band, finding.status, finding.archived, finding.first_seen_at)


def is_overdue(finding, now: datetime) -> bool:
    """The pure form of `overdue(now)`, for one finding in memory."""
    found = finding_clock(finding)
    return found is not None and found.overdue(now)


# --- the same rule for the database ------------------------------------------------------------


def _band(band: SeverityBand) -> Q:
    """The band as its severity range (as filters.filter_severity does): the list indexes are on
    severity, so a band is a range of them (findings_list_status, findings_list_severity)."""
    following = [b.lower_bound for b in SeverityBand if b > band]
    condition = Q(severity__gte=band.lower_bound) if band.lower_bound else Q()
    return condition & Q(severity__lt=following[0]) if following else condition


def _per_clock(now: datetime, condition, bands=tuple(SeverityBand), sparse: bool = False) -> Q:
    """OR over every (band, phase) of: that band, a status of that phase, and
    `condition(start)` on first_seen_at, where `start` is the earliest first seen whose clock
    has not run out at `now`.

    The band is its severity range, so that a band (with a status) is a range of the list
    indexes (findings_list_severity, findings_list_status). A `sparse` condition (due in 24 h,
    within SLA: a few days of first seen) also names `severity_band`: the same rows, but the
    planner, multiplying the two selectivities, expects fewer rows than match, which keeps it
    off a walk of the whole severity order and on the ranges of findings_sla_clock instead
    (measured on 200,000 rows: 14 ms against 147 ms; a list page and its total read these two
    as `parts` below, this is for whole reads). "Overdue" is dense: the severity order finds a
    page (or a capped count) of it at once.
    """
    branches = Q()
    for band in bands:
        phases = Q()
        for phase, statuses in PHASE_STATUSES.items():
            start = now - allowed(band, phase)
            status = Q(status=statuses[0]) if len(statuses) == 1 else Q(status__in=statuses)
            phases |= status & condition(start)
        branch = _band(SeverityBand(band)) & phases
        branches |= branch & Q(severity_band=band) if sparse else branch
    return Q(archived=False) & branches


def overdue(now: datetime, bands=tuple(SeverityBand)) -> Q:
    """Findings whose clock ran out before `now` (what `is_overdue` says of one finding), of
    these bands."""
    return _per_clock(now, lambda start: Q(first_seen_at__lt=start), bands)


def became_overdue(since: datetime, now: datetime, bands=tuple(SeverityBand)) -> Q:
    """Findings whose clock ran out in [since, now): overdue at `now`, not yet at `since`. Per
    band and phase one short range of first_seen_at (a scan window of it), so a periodic scan
    reads only the findings that just crossed a deadline (notifications/overdue.py)."""
    window = now - since
    return _per_clock(
        now,
        lambda start: Q(first_seen_at__gte=start - window, first_seen_at__lt=start),
        bands,
        sparse=True,
    )


def due_within(now: datetime, window: timedelta = SOON) -> Q:
    """Findings not overdue whose clock runs out within `window` (at now + window included)."""
    return _per_clock(
        now,
        lambda start: Q(first_seen_at__gte=start, first_seen_at__lte=start + window),
        sparse=True,
    )


def within_sla(now: datetime) -> Q:
    """Findings with a running clock that is not overdue (those due soon included)."""
    return _per_clock(now, lambda start: Q(first_seen_at__gte=start), sparse=True)


FILTERS = {OVERDUE: overdue, DUE_SOON: due_within, WITHIN: within_sla}

# --- the same rule as disjoint parts, for reading a page ---------------------------------------


def parts(value: str, now: datetime, window: timedelta = SOON) -> list[Q] | None:
    """The sparse filters (due in 24 h, within SLA) as one condition per (band, phase),
    whose union is the rows of FILTERS[value](now); None for "overdue", read as one condition.

    Each part is first-seen ranges of findings_sla_clock (band, status, first seen), which
    carries the severity order's columns, the account and id: the list reads a page as each
    part's first rows from the index alone, sorted, and merges them, and counts the total as
    theirs, from the index alone too (filters.filter_sla: split_reads.AnyOf).
    As one OR, PostgreSQL walked the severity order: the matches are a few days of first seen,
    spread unevenly over it (Low and Medium, last in it, have the longest windows), so at 1M
    findings it read 140,000 rows for 51 (440 ms; the parts: 3 ms; a scoped analyst's total,
    a bitmap of the account index: 35 ms; the parts: 2 ms).

    "Overdue" is dense where it is big (first seen before a start): one walk of the severity
    order finds a page at once. As parts it would be slower on a later page: PostgreSQL 15
    starts an index scan at the cursor's row comparison, not at the band's severity range.
    """
    if value == OVERDUE:
        return None
    ranges = {
        DUE_SOON: lambda start: Q(first_seen_at__gte=start, first_seen_at__lte=start + window),
        WITHIN: lambda start: Q(first_seen_at__gte=start),
    }[value]
    found = []
    for band in SeverityBand:
        for phase, statuses in PHASE_STATUSES.items():
            start = now - allowed(band, phase)
            # A phase's statuses together (status IN, one descent of the index each): eight
            # parts, not twelve, each costing Django a filter to build on every page.
            status = Q(status=statuses[0]) if len(statuses) == 1 else Q(status__in=statuses)
            found.append(
                Q(archived=False, severity_band=band) & status & _band(band) & ranges(start)
            )
    return found


def truncated_now(now: datetime) -> datetime:
    """`now` to the minute, for the filters: the list's SQL is then the same for a minute, so
    the total's "over the cap" memo (pagination.capped_count, keyed by the SQL) still works."""
    return now.replace(second=0, microsecond=0)


# --- in words --------------------------------------------------------------------------------


def span(delta: timedelta) -> str:
    """A duration in its largest unit, rounded down: "3 days", "5 h", "12 min"."""
    seconds = int(delta.total_seconds())
    if seconds >= 86400:
        n = seconds // 86400
        return f"{n} day{'s' if n != 1 else ''}"
    if seconds >= 3600:
        return f"{seconds // 3600} h"
    return f"{max(seconds // 60, 1)} min"


def due_words(found: Clock | None, now: datetime) -> str:
    """ "overdue by 3 days" / "due in 5 h" (the list's Due column), "" without a clock."""
    if found is None:
        return ""
    if found.overdue(now):
        return f"overdue by {span(now - found.due_at)}"
    return f"due in {span(found.due_at - now)}"


def clock_sentence(finding, now: datetime) -> str:
    """The detail page's sentence: "To acknowledge: overdue by 3 days." """
    found = finding_clock(finding)
    if found is not None:
        return f"{PHASE_WORDS[found.phase].capitalize()}: {due_words(found, now)}."
    if finding.first_seen_at is None and PHASE_OF_STATUS.get(finding.status):
        return "No SLA clock: GuardDuty gave no first seen time."
    return "No SLA clock: the finding is resolved, a false positive or archived."
