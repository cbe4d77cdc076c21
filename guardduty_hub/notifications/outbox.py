"""Decide which (finding, channel) pairs are news, and queue them: `notifications_queue`.

A channel hears of a finding once; again only when it re-occurs after being resolved (the
upsert reopened it in this very write) or its severity rose above what the channel was told.
The decision is one INSERT ... ON CONFLICT DO UPDATE ... WHERE on NotificationState whose
RETURNING names the pairs to queue: two writers of the same finding at once (a sync page and
an event batch) serialise on the state's unique key, and the second finds nothing new.
"""

from datetime import datetime

from django.db import connection

from guardduty_hub.findings.mapping import FindingValues
from guardduty_hub.notifications.choices import Reason
from guardduty_hub.notifications.models import NotificationState, PendingNotification
from guardduty_hub.notifications.rules import RuleSpec


def notifications_queue(
    findings: list[tuple[int, FindingValues]],
    rules: list[RuleSpec],
    *,
    created: set[int],
    reopened: set[int],
    now: datetime,
) -> set[int]:
    """Queue what the rules want of these written findings; the channels that got items."""
    wanted: dict[tuple[int, int], tuple[FindingValues, str]] = {}
    # Pairs the channel may hear of for the first time (the rule's new / updated choice).
    first_ok: set[tuple[int, int]] = set()
    for row_id, values in findings:
        if values.archived:
            continue  # suppressed or archived in GuardDuty: nobody is to be woken for it
        is_new, again = row_id in created, row_id in reopened
        reason = Reason.REOPENED if again else Reason.NEW if is_new else Reason.UPDATED
        for rule in rules:
            if not rule.matches(values):
                continue
            pair = (row_id, rule.channel_id)
            wanted[pair] = (values, reason)
            if rule.announces_first(is_new=is_new, reopened=again):
                first_ok.add(pair)
    if not wanted:
        return set()
    news = _claim(wanted, first_ok, reopened, now)
    if not news:
        return set()
    PendingNotification.objects.bulk_create(
        PendingNotification(
            finding_id=finding_id,
            channel_id=channel_id,
            reason=news[(finding_id, channel_id)],
            severity=wanted[(finding_id, channel_id)][0].severity,
        )
        for finding_id, channel_id in sorted(news)
    )
    return {channel_id for _, channel_id in news}


def _claim(
    wanted: dict, first_ok: set, reopened: set[int], now: datetime
) -> dict[tuple[int, int], str]:
    """Record the states; the pairs that are news, with their reason."""
    q = connection.ops.quote_name
    table = q(NotificationState._meta.db_table)
    # Known before the write (one indexed query): a known pair that comes back is news only
    # because its severity rose or it re-occurred.
    known = set(
        NotificationState.objects.filter(
            finding_id__in={f for f, _ in wanted}, channel_id__in={c for _, c in wanted}
        ).values_list("finding_id", "channel_id")
    )
    wanted = {pair: found for pair, found in wanted.items() if pair in known or pair in first_ok}
    if not wanted:
        return {}
    rows, params = [], []
    for (finding_id, channel_id), (values, _) in wanted.items():
        rows.append("(%s, %s, %s, %s, %s)")
        params += [finding_id, channel_id, values.severity, now if finding_id in reopened else None]
        params.append(now)
    # Only our own names are formatted in; every value is a parameter.
    sql = (
        f"INSERT INTO {table} AS stored (finding_id, channel_id, severity, reopened_at,"  # noqa: S608
        f" notified_at) VALUES {', '.join(rows)} "
        "ON CONFLICT (finding_id, channel_id) DO UPDATE SET severity = excluded.severity,"
        " reopened_at = COALESCE(excluded.reopened_at, stored.reopened_at),"
        " notified_at = excluded.notified_at"
        " WHERE excluded.severity > stored.severity OR excluded.reopened_at IS NOT NULL"
        " RETURNING finding_id, channel_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        returned = cursor.fetchall()
    news = {}
    for finding_id, channel_id in returned:
        reason = wanted[(finding_id, channel_id)][1]
        if (finding_id, channel_id) in known and reason != Reason.REOPENED:
            reason = Reason.SEVERITY_RAISED
        news[(finding_id, channel_id)] = reason
    return news
