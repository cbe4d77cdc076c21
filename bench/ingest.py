"""Event ingest benchmark: one JSON object per line, {"metric", "value", "target", "better", ...}.

    python bench/ingest.py [--findings 2000] [--seconds 60]

The simulator (its own HTTP process) publishes `--findings` new findings over `--seconds`
across 2 administrators x 3 regions, each to EventBridge as GuardDuty does; the rules and the
queue come from `setup_event_ingest`, and `manage.py consume_findings` (DEBUG off, its own
process) reads them into PostgreSQL (a database the bench creates and drops). Figures:
- event_to_visible_p95_s: from a finding's publication (just before the request that publishes
  it) to its row being committed, as a separate connection polling every 50 ms sees it (<= 5);
- events_lost: published findings with no row once the queue is empty (0);
- events_duplicated_rows: rows beyond one per (account, region, finding id) (0).
"""

import argparse
import os
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.findings_data import emit, note, percentile  # noqa: E402
from bench.simulated_hub import hub_administrator, hub_on_simulator, stop_process  # noqa: E402
from bench.sync_world import ADMINS, cloned_findings, post_findings  # noqa: E402

REGIONS = ("us-east-1", "eu-west-1", "ap-southeast-2")
TICK_SECONDS = 0.25


def publisher(endpoint: str, pairs, total: int, seconds: float, published: dict) -> None:
    """`total` findings over `seconds`, in ticks, round-robin over the pairs."""
    import requests

    streams = {
        (account, region): cloned_findings(account, region, detector, total, n, datetime.now(UTC))
        for n, (account, region, detector) in enumerate(pairs)
    }
    ticks = max(1, int(seconds / TICK_SECONDS))
    start = time.monotonic()
    sent = 0
    with requests.Session() as http:
        for tick in range(ticks):
            due = round(total * (tick + 1) / ticks) - sent
            batches: dict = {}
            for n in range(due):
                key = list(streams)[(sent + n) % len(streams)]
                batches.setdefault(key, []).append(next(streams[key]))
            delay = start + tick * TICK_SECONDS - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            for (account, region), findings in batches.items():
                moment = time.time()
                post_findings(http, endpoint, account, region, findings, publish=True, timeout=60)
                for finding in findings:
                    published[finding["id"]] = moment
            sent += due


def watcher(db_url: str, seen: dict, stop: threading.Event) -> None:
    """Poll for new rows every 50 ms from a connection of its own; when each became visible."""
    import psycopg2

    conn = psycopg2.connect(db_url)
    conn.autocommit = True
    last_id = 0
    with conn.cursor() as cursor:
        while not stop.is_set():
            cursor.execute(
                "SELECT id, guardduty_id FROM findings_finding WHERE id > %s ORDER BY id", [last_id]
            )
            now = time.time()
            for row_id, guardduty_id in cursor.fetchall():
                seen.setdefault(guardduty_id, now)
                last_id = max(last_id, row_id)
            time.sleep(0.05)
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--findings", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()

    with hub_on_simulator("ingest") as (_, endpoint, db_url):
        run(endpoint, db_url, args.findings, args.seconds)


def run(endpoint: str, db_url: str, findings: int, seconds: float) -> None:
    """Publish `findings` over `seconds` and time them into the hub; print the figures."""
    from guardduty_hub.accounts.models import AdministratorRegion
    from guardduty_hub.aws import gateway
    from guardduty_hub.sync.events.setup import event_ingest_setup
    from guardduty_hub.sync.pairs import account_access

    consumer = None
    stop = threading.Event()
    try:
        pairs = []
        for account in ADMINS:
            admin = hub_administrator(account)
            for region in REGIONS:
                detector = gateway.ensure_detector(account_access(admin), region)
                AdministratorRegion.objects.create(
                    administrator=admin, region=region, detector_id=detector
                )
                pairs.append((account, region, detector))
        setup = event_ingest_setup("us-east-1")
        note(f"{len(setup.rules)} forwarding rules, queue {setup.queue_url}")

        env = dict(os.environ, INGEST_QUEUE_URL=setup.queue_url, INGEST_QUEUE_REGION="us-east-1")
        consumer = subprocess.Popen(
            [sys.executable, "manage.py", "consume_findings"],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(3)  # the consumer's start-up (Django, first long poll)
        published: dict[str, float] = {}
        seen: dict[str, float] = {}
        watch = threading.Thread(target=watcher, args=(db_url, seen, stop), daemon=True)
        watch.start()
        started = time.monotonic()
        publisher(endpoint, pairs, findings, seconds, published)
        publish_seconds = time.monotonic() - started
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not set(published) <= set(seen):
            time.sleep(0.1)
        time.sleep(0.5)
        stop.set()
        watch.join()

        from django.db import connection

        from guardduty_hub.aws import sqs
        from guardduty_hub.sync.events.consumer import HUB_ACCESS
        from guardduty_hub.sync.models import DeadLetter

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) - count(DISTINCT (account_id, api_region, guardduty_id))"
                " FROM findings_finding"
            )
            duplicated = cursor.fetchone()[0]
            cursor.execute("SELECT guardduty_id FROM findings_finding")
            stored = {row[0] for row in cursor.fetchall()}
        lost = len(set(published) - stored)
        latencies = [seen[i] - published[i] for i in published if i in seen]
        queue = sqs.queue_info(HUB_ACCESS, "us-east-1", setup.queue_url)
        extra = {
            "published": len(published),
            "publish_seconds": round(publish_seconds, 1),
            "pairs": len(pairs),
        }
        emit(
            "event_to_visible_p95_s",
            round(percentile(latencies, 0.95), 3),
            5,
            "lower",
            p50_s=round(percentile(latencies, 0.5), 3),
            max_s=round(max(latencies), 3),
            **extra,
        )
        emit(
            "events_lost",
            lost,
            0,
            "lower",
            queue_left=queue.visible + queue.in_flight,
            dead_lettered=DeadLetter.objects.count(),
            **extra,
        )
        emit("events_duplicated_rows", duplicated, 0, "lower", rows=len(stored), **extra)
    finally:
        stop.set()
        if consumer is not None:
            stop_process(consumer)


if __name__ == "__main__":
    main()
