"""Overdue scan benchmark: one JSON object per line, {"metric", "value", "target", "better"}.

    .venv/bin/python bench/notifications_overdue.py [--rows 1000000] [--repeat 20]
        [--keep | --database NAME]

1,000,000 generated findings (bench/findings_data.py: first seen spread over 90 days, all New,
a quarter archived) in a PostgreSQL database the bench creates and drops. A rule of every band
asks for overdue notices; beat's scan (notifications/overdue.py) then runs `--repeat` times
over a one-minute window of deadlines (the watermark put back a minute before each run), so
every run reads the same window's findings; the first run queues them, the others find them
told already. The plan of the scan's query is printed once (it must read index ranges of
first_seen_at, never the table).

Metrics: notifications_overdue_scan_p95_ms (a scan's wall time, target 100).
"""

import sys
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.findings_data import (  # noqa: E402
    emit,
    findings_ready,
    note,
    percentile,
    run_on_generated_findings,
)


def run(args) -> None:
    from django.db import connection
    from django.utils import timezone

    from guardduty_hub.findings import sla
    from guardduty_hub.findings.models import Finding
    from guardduty_hub.notifications.choices import ChannelKind
    from guardduty_hub.notifications.models import Channel, OverdueScan, PendingNotification, Rule
    from guardduty_hub.notifications.overdue import overdue_scan

    rows = findings_ready(args.rows)
    channel, _ = Channel.objects.get_or_create(
        name="bench", defaults={"kind": ChannelKind.WEBHOOK, "url": "env:NOTIFY_BENCH"}
    )
    Rule.objects.get_or_create(name="bench", channel=channel, defaults={"notify_overdue": True})

    now = timezone.now()
    query = Finding.objects.filter(
        sla.became_overdue(now - timedelta(minutes=1), now), is_sample=False
    ).only("id")
    with connection.cursor() as cursor:
        sql, params = query.query.sql_with_params()
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        plan = "\n".join(line for (line,) in cursor.fetchall())
    print(plan, file=sys.stderr)

    timings = []
    for _ in range(args.repeat):
        now = timezone.now()
        OverdueScan.objects.update_or_create(
            pk=1, defaults={"scanned_until": now - timedelta(minutes=1)}
        )
        started = time.perf_counter()
        overdue_scan(timezone.now())
        timings.append((time.perf_counter() - started) * 1000)
    queued = PendingNotification.objects.count()
    note("overdue scans", p50_ms=round(percentile(timings, 0.5), 1), queued=queued)
    emit(
        "notifications_overdue_scan_p95_ms",
        round(percentile(timings, 0.95), 1),
        100,
        "lower",
        rows=rows,
        repeat=args.repeat,
        index_only="Seq Scan" not in plan,
    )


def main() -> None:
    run_on_generated_findings("overdue", __doc__.split("\n\n")[0], run, repeat=20)


if __name__ == "__main__":
    main()
