"""Sync benchmark: one JSON object per line, {"metric", "value", "target", "better", ...}.

    python bench/sync.py [--findings 20000] [--rss-findings 100000] [--threads 6] [--rounds 5]

The simulator runs in its own process (HTTP), seeded with `--findings` findings over 2
administrators x 3 regions, updatedAt spread over 90 days. PostgreSQL comes from DATABASE_URL
when it is PostgreSQL, else postgresql://postgres@127.0.0.1:5432; the bench creates its own
database and drops it. Figures, all measured in this one run:
- sync_vs_bare_fetch: full sync of every pair vs. the bare boto3 ListFindings+GetFindings of
  the same findings from the same endpoint with the same concurrency (lower is better, <= 1.3);
  `--rounds` rounds of (bare fetch, sync into emptied tables), the median of the rounds'
  ratios: the two phases of a round run back to back, so a burst of load elsewhere on the
  machine skews one round, not the figure;
- upsert_vs_copy: rows/s of the per-page upsert vs. PostgreSQL COPY of the same rows into a
  scratch table (higher is better, >= 0.6); `--rounds` rounds of (upsert into emptied tables
  and COPY, taking turns by tenths of the rows: upsert_vs_copy's docstring says why), the
  median round's ratio;
- incremental_calls_vs_bound: requests of an incremental sync after 100 findings per pair
  changed, STS and ListDetectors included, worst pair, divided by ceil(k/50)*2+2 (<= 1);
- sync_100k_peak_rss_mb: peak RSS of a `sync_findings` process (DEBUG off) syncing
  `--rss-findings` findings (<= 250).
"""

import argparse
import gc
import io
import math
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.findings_data import (  # noqa: E402
    create_database,
    drop_database,
    emit,
    note,
)
from bench.findings_data import postgres_server_url as shared_server_url  # noqa: E402
from bench.simulated_hub import hub_administrator, stop_process  # noqa: E402
from bench.sync_world import ADMINS, boto3_session, seed  # noqa: E402

REGIONS = ("us-east-1", "eu-west-1", "ap-southeast-2")
CHANGED_PER_PAIR = 100
# upsert_vs_copy: the upsert and COPY take turns, this many slices of the rows each.
UPSERT_COPY_SLICES = 10


# --- infrastructure ---------------------------------------------------------------------------


def postgres_server_url() -> str | None:
    """The server from DATABASE_URL (or the local default) when it answers, else None."""
    import psycopg2

    url = shared_server_url()
    try:
        psycopg2.connect(url, connect_timeout=3).close()
    except psycopg2.Error:
        return None
    return url


def start_simulator() -> tuple[subprocess.Popen, str]:
    from guardduty_hub.simulator.process import start_simulator_process

    return start_simulator_process()


# --- measurements -----------------------------------------------------------------------------


def bare_fetch(endpoint: str, pairs, threads: int) -> tuple[float, list[dict]]:
    """What any client must do: list ids (50/page, updatedAt ASC) and GetFindings them."""

    def fetch(pair):
        account, region, detector = pair
        gd = boto3_session(account, endpoint).client(
            "guardduty", region_name=region, endpoint_url=endpoint
        )
        found, token = [], None
        while True:
            params = {
                "DetectorId": detector,
                "MaxResults": 50,
                "SortCriteria": {"AttributeName": "updatedAt", "OrderBy": "ASC"},
            }
            if token:
                params["NextToken"] = token
            page = gd.list_findings(**params)
            if page["FindingIds"]:
                found += gd.get_findings(DetectorId=detector, FindingIds=page["FindingIds"])[
                    "Findings"
                ]
            token = page.get("NextToken")
            if not token:
                return found

    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(fetch, pairs))
    return time.perf_counter() - started, [f for r in results for f in r]


def full_sync(hub_pairs, threads: int) -> float:
    from django.db import connection

    from guardduty_hub.sync.services import sync_region

    def run(pair):
        try:
            result = sync_region(pair[0], pair[1], full=True)
            assert result is not None and result.status == "succeeded", result and result.error
        finally:
            connection.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(run, hub_pairs))
    return time.perf_counter() - started


def empty_synced_tables() -> None:
    """Back to the state before the first sync (findings, their indicators and the dashboard's
    counts), so every round's sync inserts as the first did."""
    from django.db import connection

    from guardduty_hub.findings.models import (
        Finding,
        FindingDayCount,
        FindingRegionCount,
        FindingTypeCount,
    )
    from guardduty_hub.investigations.models import FindingIndicator, Indicator

    # The links too: they have no foreign key constraint (investigations/models.py), so a
    # TRUNCATE ... CASCADE of the findings leaves them, and every round would write into a
    # link table grown by the rounds before it.
    tables = [
        m._meta.db_table
        for m in (
            Finding,
            FindingIndicator,
            Indicator,
            FindingDayCount,
            FindingRegionCount,
            FindingTypeCount,
        )
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")


def upsert_vs_copy(raws: list[dict]) -> tuple[float, float, float]:
    """(COPY seconds / upsert seconds, upsert seconds, COPY seconds) for the same rows.

    The two take turns, UPSERT_COPY_SLICES slices of the rows each, and each side's slices are
    added up: the upsert still writes every row a page at a time into tables that grow from
    empty, COPY every row into one scratch table. Run one after the other instead, the two
    phases met different machine conditions: on a machine whose speed drifts by minutes, the
    same round's ratio ranged 0.39 to 0.66.
    """
    from django.db import connection, transaction
    from django.utils import timezone

    from guardduty_hub.findings.mapping import finding_from_guardduty
    from guardduty_hub.findings.upsert import finding_upsert_page
    from guardduty_hub.sync.fetch import PAGE_SIZE

    values = [finding_from_guardduty(r) for r in raws]
    now = timezone.now()
    # Empty storage, as the COPY's fresh scratch table has (a DELETE would leave the indexes
    # full of dead entries for the upsert to wade through).
    empty_synced_tables()
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_copy")
        cursor.execute(
            "CREATE TABLE bench_copy (LIKE findings_finding INCLUDING DEFAULTS INCLUDING IDENTITY)"
        )
    # Whole pages per slice, so the upsert writes the same pages as in one go.
    slice_rows = PAGE_SIZE * max(1, math.ceil(len(values) / PAGE_SIZE / UPSERT_COPY_SLICES))
    upsert_seconds = copy_seconds = 0.0
    for first in range(0, len(values), slice_rows):
        part = values[first : first + slice_rows]
        started = time.perf_counter()
        for i in range(0, len(part), PAGE_SIZE):
            with transaction.atomic():
                # As the sync's page loop writes (sync/services.py): committed without waiting
                # for the WAL flush, which COPY pays once per slice.
                finding_upsert_page(
                    part[i : i + PAGE_SIZE],
                    administrator_id=None,
                    api_region="bench",
                    now=now,
                    asynchronous_commit=True,
                )
        upsert_seconds += time.perf_counter() - started
        started = time.perf_counter()
        copy_rows(part, now)
        copy_seconds += time.perf_counter() - started
    return copy_seconds / upsert_seconds, upsert_seconds, copy_seconds


def copy_rows(values, now) -> None:
    """COPY `values` (FindingValues) into bench_copy, as the upsert would store them."""
    from django.db import connection, transaction

    from guardduty_hub.findings.models import Finding
    from guardduty_hub.findings.upsert import INSERT_COLUMNS, _row

    fields = {f.column: f for f in Finding._meta.concrete_fields}
    buffer = io.StringIO()
    for v in values:
        row = _row(v, None, "bench", now)
        cells = []
        for column in INSERT_COLUMNS:
            value = fields[column].get_db_prep_save(row[column], connection)
            if value is None:
                cells.append("\\N")
            else:
                text = value.dumps(value.adapted) if hasattr(value, "dumps") else str(value)
                cells.append(
                    text.replace("\\", "\\\\")
                    .replace("\t", "\\t")
                    .replace("\n", "\\n")
                    .replace("\r", "\\r")
                )
        buffer.write("\t".join(cells) + "\n")
    buffer.seek(0)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.copy_expert(f"COPY bench_copy ({', '.join(INSERT_COLUMNS)}) FROM STDIN", buffer)


def incremental_requests(endpoint: str, hub_pairs, gd_pairs) -> list[int]:
    import requests

    from guardduty_hub.aws import count_requests, reset_caches
    from guardduty_hub.sync.services import sync_region

    for account, region, _detector in gd_pairs:
        requests.post(
            f"{endpoint}/moto-api/static/guardduty/activity",
            timeout=120,
            json={
                "accountId": account,
                "region": region,
                "new": 0,
                "reoccur": CHANGED_PER_PAIR,
                "publish": False,
            },
        ).raise_for_status()
    reset_caches()  # count AssumeRole too, as a fresh worker process would pay it
    counts = []
    for admin_pk, region in hub_pairs:
        with count_requests() as counted:
            run = sync_region(admin_pk, region)
        assert run.updated >= CHANGED_PER_PAIR, (run.updated, run.created)
        counts.append(counted.total)
        note(f"pair {admin_pk} {region}: {dict(counted.by_operation)} fetched={run.fetched}")
    return counts


def rss_of_sync(endpoint: str, db_url: str, count: int) -> tuple[float, float]:
    from guardduty_hub.accounts.models import AdministratorRegion, AwsAccount

    account, region = "333333333333", "us-west-2"
    detector = seed(endpoint, ADMINS[0], region, count, 99, datetime.now(UTC) - timedelta(hours=1))
    admin = AwsAccount.objects.get(account_id=ADMINS[0])
    AdministratorRegion.objects.create(administrator=admin, region=region, detector_id=detector)
    del account
    env = dict(
        os.environ,
        DATABASE_URL=db_url,
        DEBUG="false",
        SECRET_KEY="bench-" + "x" * 50,
        ALLOWED_HOSTS="localhost",
        LOG_LEVEL="WARNING",
    )
    # Linux counts a child's RSS from before its exec: a child forked by this (large) process
    # would report at least this process's size. A small launcher process forks the sync and
    # reports the peak of that child alone.
    launcher = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    sync = [sys.executable, "manage.py", "sync_findings", "--region", region]
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", launcher, *sync],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout.split()[-1]) / 1024, time.perf_counter() - started


# --- main -------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--findings", type=int, default=20_000)
    parser.add_argument("--rss-findings", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=len(ADMINS) * len(REGIONS))
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    os.environ.update(
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",
        AWS_DEFAULT_REGION="us-east-1",
        DEBUG="false",
        LOG_LEVEL="WARNING",
        SECRET_KEY="bench-" + "x" * 50,
        ALLOWED_HOSTS="localhost",
    )
    server_url = postgres_server_url()
    db_name = None
    if server_url:
        db_name, db_url = create_database(server_url, "sync")
    else:
        note("No PostgreSQL reachable: measuring on SQLite; upsert_vs_copy needs PostgreSQL.")
        db_url = f"sqlite:///{REPO / 'var' / 'bench_sync.sqlite3'}"
    os.environ["DATABASE_URL"] = db_url
    simulator, endpoint = start_simulator()
    os.environ["AWS_ENDPOINT_URL_GUARDDUTY"] = endpoint
    os.environ["AWS_ENDPOINT_URL_STS"] = endpoint
    try:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guardduty_hub.settings")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        # This process stands in for a worker, which freezes its start-up heap (core/heap.py);
        # done before both phases, so the bare fetch runs in the same process state.
        from guardduty_hub.core.heap import freeze_loaded_heap

        freeze_loaded_heap()
        from guardduty_hub.accounts.models import AdministratorRegion

        end = datetime.now(UTC) - timedelta(hours=1)
        per_pair = args.findings // (len(ADMINS) * len(REGIONS))
        gd_pairs, hub_pairs = [], []
        for account in ADMINS:
            admin = hub_administrator(account)
            for region in REGIONS:
                detector = seed(endpoint, account, region, per_pair, len(gd_pairs), end)
                AdministratorRegion.objects.create(
                    administrator=admin, region=region, detector_id=detector
                )
                gd_pairs.append((account, region, detector))
                hub_pairs.append((admin.pk, region))
        note(f"seeded {per_pair * len(gd_pairs)} findings over {len(gd_pairs)} pairs")

        rounds = []
        for n in range(max(1, args.rounds)):
            if n:
                empty_synced_tables()
            bare_seconds, raws = bare_fetch(endpoint, gd_pairs, args.threads)
            if n == 0:
                # The 20,000 findings kept for the upsert figure are the bench's, not the
                # sync's: out of the collector's sight too, or every full collection of the
                # sync would walk them.
                gc.freeze()
            rounds.append((full_sync(hub_pairs, args.threads) / bare_seconds, bare_seconds))
        ratio, bare_seconds = sorted(rounds)[len(rounds) // 2]
        emit(
            "sync_vs_bare_fetch",
            round(ratio, 3),
            1.3,
            "lower",
            sync_seconds=round(ratio * bare_seconds, 2),
            bare_fetch_seconds=round(bare_seconds, 2),
            rounds=[round(r, 3) for r, _ in rounds],
            findings=len(raws),
            threads=args.threads,
        )

        if server_url:
            # Rounds of (upsert, COPY) back to back, the median round: as for the sync, a burst
            # of load elsewhere then skews one round, not the figure.
            measured = sorted(upsert_vs_copy(raws) for _ in range(max(1, args.rounds)))
            ratio, upsert_s, copy_s = measured[len(measured) // 2]
            emit(
                "upsert_vs_copy",
                round(ratio, 3),
                0.6,
                "higher",
                rows=len(raws),
                upsert_rows_per_s=round(len(raws) / upsert_s),
                copy_rows_per_s=round(len(raws) / copy_s),
                rounds=[round(r, 3) for r, _, _ in measured],
            )
            # Put the pairs' rows back for the incremental run.
            full_sync(hub_pairs, args.threads)

        counts = incremental_requests(endpoint, hub_pairs, gd_pairs)
        bound = math.ceil(CHANGED_PER_PAIR / 50) * 2 + 2
        emit(
            "incremental_calls_vs_bound",
            round(max(counts) / bound, 3),
            1.0,
            "lower",
            requests_per_pair=counts,
            bound=bound,
            changed_per_pair=CHANGED_PER_PAIR,
        )

        if args.rss_findings:
            rss, seconds = rss_of_sync(endpoint, db_url, args.rss_findings)
            emit(
                "sync_100k_peak_rss_mb",
                round(rss, 1),
                250,
                "lower",
                findings=args.rss_findings,
                sync_seconds=round(seconds, 1),
            )
    finally:
        stop_process(simulator)
        if db_name:
            from django.db import connections

            connections.close_all()
            drop_database(server_url, db_name)


if __name__ == "__main__":
    main()
