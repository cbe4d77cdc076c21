"""Overdue findings in notifications: `overdue_scan` queues the findings whose SLA deadline
(findings/sla.py) passed since the last scan, for the rules that ask (Rule.notify_overdue).

Beat runs it every NOTIFICATIONS_OVERDUE_SECONDS. Each run reads one window of deadlines,
[scanned_until, now): per band and phase one range of first_seen_at on the partial index
findings_new_by_first_seen (sla.became_overdue), so a minute's run at 1M findings reads the
minute's few, never the whole table. The window moves in the same transaction as the queued
items, under the watermark's row lock: two runs at once, or a run killed midway, neither skip
nor repeat a window.

Each (finding, channel) hears of each deadline once: NotificationState.overdue_due_at, claimed
with INSERT ... ON CONFLICT ... WHERE (as outbox.py claims news). The items go through the
outbox (PendingNotification), so grouping, the channel window and retries are the same.

Deliberately not announced: deadlines that passed before the first scan (turning overdue
notices on does not send the backlog: the dashboard counts it), findings that arrive already
overdue (their "new" message is the news), archived, resolved and false-positive findings (no
clock), and GuardDuty's sample findings.
"""

from datetime import datetime

from django.db import connection, transaction

from guardduty_hub.findings import sla
from guardduty_hub.findings.choices import SeverityBand
from guardduty_hub.findings.models import Finding
from guardduty_hub.notifications.choices import Reason
from guardduty_hub.notifications.models import (
    NotificationState,
    OverdueScan,
    PendingNotification,
)
from guardduty_hub.notifications.rules import RuleSpec, active_rules

# Findings read, and pairs claimed, per round trip (a catch-up after an outage can be many).
CHUNK = 1000
FIELDS = ("id", "severity", "severity_band", "status", "archived", "first_seen_at")
FIELDS += ("type", "account_id", "region")


def overdue_scan(now: datetime) -> set[int]:
    """Queue what became overdue since the last scan; the channels that got items (to flush
    after the commit)."""
    with transaction.atomic():
        watermark, created = OverdueScan.objects.select_for_update().get_or_create(
            pk=1, defaults={"scanned_until": now}
        )
        if created or watermark.scanned_until >= now:
            return set()  # the first scan starts watching now
        since = watermark.scanned_until
        rules = [rule for rule in active_rules() if rule.notify_overdue]
        channels = _queue(since, now, rules) if rules else set()
        watermark.scanned_until = now
        watermark.save(update_fields=["scanned_until"])
    return channels


def _bands(rules: list[RuleSpec]) -> tuple[int, ...]:
    """The bands some rule wants (a rule without bands wants all)."""
    if any(not rule.bands for rule in rules):
        return tuple(SeverityBand)
    return tuple(sorted(set().union(*(rule.bands for rule in rules))))


def _queue(since: datetime, now: datetime, rules: list[RuleSpec]) -> set[int]:
    found = (
        Finding.objects.filter(sla.became_overdue(since, now, _bands(rules)), is_sample=False)
        .only(*FIELDS)
        .order_by()
    )
    channels: set[int] = set()
    wanted: dict[tuple[int, int], tuple[Finding, sla.Clock]] = {}
    for finding in found.iterator(chunk_size=CHUNK):
        clock = sla.finding_clock(finding)
        # The same rule as the query, in memory: a row the query's range let through on a
        # boundary is not announced early.
        if clock is None or not since <= clock.due_at < now:
            continue
        for channel_id in {rule.channel_id for rule in rules if rule.matches(finding)}:
            wanted[(finding.pk, channel_id)] = (finding, clock)
        if len(wanted) >= CHUNK:
            channels |= _claim_and_queue(wanted, now)
            wanted = {}
    if wanted:
        channels |= _claim_and_queue(wanted, now)
    return channels


def _claim_and_queue(wanted: dict, now: datetime) -> set[int]:
    news = _claim(wanted, now)
    PendingNotification.objects.bulk_create(
        PendingNotification(
            finding_id=finding_id,
            channel_id=channel_id,
            reason=Reason.OVERDUE,
            severity=wanted[(finding_id, channel_id)][0].severity,
            due_at=wanted[(finding_id, channel_id)][1].due_at,
            sla_phase=wanted[(finding_id, channel_id)][1].phase,
        )
        for finding_id, channel_id in sorted(news)
    )
    return {channel_id for _, channel_id in news}


def _claim(wanted: dict, now: datetime) -> set[tuple[int, int]]:
    """Record each pair's deadline; the pairs not told of this deadline before."""
    q = connection.ops.quote_name
    table = q(NotificationState._meta.db_table)
    rows, params = [], []
    for (finding_id, channel_id), (finding, clock) in wanted.items():
        rows.append("(%s, %s, %s, %s, %s)")
        params += [finding_id, channel_id, finding.severity, now, clock.due_at]
    # Only our own names are formatted in; every value is a parameter. A pair the channel
    # already heard of keeps its severity (outbox.py's "tell again when it rises" reads it).
    sql = (
        f"INSERT INTO {table} AS stored (finding_id, channel_id, severity, notified_at,"  # noqa: S608
        f" overdue_due_at) VALUES {', '.join(rows)} "
        "ON CONFLICT (finding_id, channel_id) DO UPDATE SET"
        " overdue_due_at = excluded.overdue_due_at, notified_at = excluded.notified_at"
        " WHERE stored.overdue_due_at IS DISTINCT FROM excluded.overdue_due_at"
        " RETURNING finding_id, channel_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return set(cursor.fetchall())
