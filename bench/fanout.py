"""Beat fan-out benchmark: one JSON object per line, {"metric", "value", "target", "better", ...}.

    python bench/fanout.py [--administrators 50] [--changed 0.05] [--per-changed 20]

The simulator (its own HTTP process) holds 50 administrators x 34 regions (every region boto3
knows GuardDuty in), each with a detector; every pair was synced before (its watermark a day
old, its last listing ten minutes ago), and 5% of the pairs have new findings since. One beat
cycle: `sync_all` is sent to a real Celery worker on Redis (CELERY_BROKER_URL, else
redis://127.0.0.1:6379/0; the bench flushes that database), which fans out one `sync_region`
per pair and runs them. The same cycle, from the same state, with 1 and then 2 worker
processes (prefork). PostgreSQL: a database the bench creates and drops.

Each worker runs the cycle CYCLES (5) times. Its first cycle after start also makes, in each pool
process, every pair's boto3 client (about 4 ms of CPU each), its first connection and every
administrator's AssumeRole; a running worker keeps those (aws/clients.py), so the figures are
of its last cycle, the state beat finds a worker in every five minutes. The first cycle's
times are printed beside them. Figures:
- cycle_1700_pairs_seconds: from sending `sync_all` to the last run's end, 2 processes (<= 60),
  with the 1-process time beside it;
- fanout_scaling_2_vs_1: 1-process time / 2-process time (>= 1.7). On a shared machine the
  processes compete with everything else: the load average is printed with it, and so are the
  ratio's parts: cores busy in each cycle and their CPU work. The ratio cannot pass
  work ratio x cores / (cores the 1-process cycle kept busy), which 2 cores shared with
  PostgreSQL, Redis and the simulator put at 1.8-2.0.
"""

import argparse
import os
import random
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.findings_data import emit, note  # noqa: E402
from bench.simulated_hub import hub_administrator, hub_on_simulator, stop_process  # noqa: E402
from bench.sync_world import (  # noqa: E402
    ADMINS,
    ROLE,
    boto3_session,
    cloned_findings,
    detector_id,
    post_findings,
)

# Cycles each worker runs; the figures are the last one's. A pair goes to whichever pool
# process is free, so after n cycles each of 2 processes has yet to make the clients of about
# 1/2^n of the pairs: 5 cycles leave 3% of them for the last, 3 left 12% (each ~6 ms of CPU).
CYCLES = 5


def administrator_ids(count: int) -> list[str]:
    return [ADMINS[0]] + [f"2100000{n:05d}" for n in range(1, count)]


def make_detectors(endpoint: str, accounts: list[str], regions: list[str]) -> dict:
    """(account, region) -> detector id, through boto3 as any client would."""

    def one_account(account):
        session = boto3_session(account, endpoint)
        found = {}
        for region in regions:
            gd = session.client("guardduty", region_name=region, endpoint_url=endpoint)
            found[(account, region)] = detector_id(gd)
        return found

    detectors = {}
    with ThreadPoolExecutor(8) as pool:
        for found in pool.map(one_account, accounts):
            detectors.update(found)
    return detectors


def add_new_findings(endpoint: str, changed, per_pair: int, since: datetime) -> int:
    import requests

    from guardduty_hub.simulator.findings.clock import iso

    now = datetime.now(UTC) - timedelta(seconds=5)
    rng = random.Random(5)
    added = 0
    with requests.Session() as http:
        for n, ((account, region), detector) in enumerate(changed):
            findings = []
            for finding in cloned_findings(account, region, detector, per_pair, n, now):
                moment = since + (now - since) * rng.random()
                finding["updatedAt"] = iso(moment)
                finding["createdAt"] = iso(moment)
                findings.append(finding)
            post_findings(http, endpoint, account, region, findings, timeout=120)
            added += len(findings)
    return added


def baseline(pairs, watermark: datetime, listed_at: datetime) -> None:
    """Every pair synced before: a day-old watermark, listed ten minutes ago; no runs, no rows."""
    from guardduty_hub.findings.models import Finding
    from guardduty_hub.sync.models import SyncRun, SyncState

    SyncRun.objects.all().delete()
    Finding.objects.all().delete()
    SyncState.objects.all().delete()
    SyncState.objects.bulk_create(
        [
            SyncState(
                administrator_id=admin,
                region=region,
                watermark=watermark,
                watermark_listed_at=listed_at,
                last_success_at=listed_at,
            )
            for admin, region in pairs
        ]
    )


def start_worker(env: dict, processes: int) -> subprocess.Popen:
    argv = [sys.executable, "-m", "celery", "-A", "guardduty_hub", "worker", "-Q", "sync,default"]
    argv += ["-c", str(processes), "-P", "prefork", "--without-gossip", "--without-mingle"]
    argv += ["--without-heartbeat", "-l", "INFO", "-n", f"fanout{processes}@%h"]
    worker = subprocess.Popen(
        argv, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    deadline = time.monotonic() + 60
    for line in worker.stdout:
        if "ready." in line:
            break
        if time.monotonic() > deadline:
            raise SystemExit("the worker did not start")
    threading.Thread(target=worker.stdout.read, daemon=True).start()
    return worker


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its live children (prefork pool), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    pids += [int(c) for c in children]
    for one in pids:
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    ticks = os.sysconf("SC_CLK_TCK")
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle and iowait
    return (sum(values) - idle) / ticks, sum(values) / ticks


def one_cycle(app, pair_count: int, worker_pid: int, simulator_pid: int) -> dict:
    """Send `sync_all` to a running worker and wait for every pair's run to end."""
    from django.db.models import Max, Sum

    from guardduty_hub.sync.models import SyncRun, SyncRunStatus

    load_before = os.getloadavg()[0]
    worker_cpu, simulator_cpu = cpu_seconds(worker_pid), cpu_seconds(simulator_pid)
    machine_before = machine_cpu()
    sent_at = datetime.now(UTC)
    app.send_task("guardduty_hub.sync.sync_all", queue="sync")
    deadline = time.monotonic() + 1800
    while time.monotonic() < deadline:
        if SyncRun.objects.filter(finished_at__isnull=False).count() >= pair_count:
            break
        time.sleep(0.5)
    runs = SyncRun.objects.all()
    last_end = runs.aggregate(m=Max("finished_at"))["m"]
    first_start = runs.order_by("started_at").values_list("started_at", flat=True).first()
    idle = runs.filter(fetched=0)
    worker_cpu = cpu_seconds(worker_pid) - worker_cpu
    machine_after = machine_cpu()
    machine_busy = machine_after[0] - machine_before[0]
    return {
        # CPU the hub's worker and the simulator used: on a machine shared with other work,
        # the cycle's wall time is far above what 2 free cores would need.
        "worker_cpu_seconds": round(worker_cpu, 1),
        "simulator_cpu_seconds": round(cpu_seconds(simulator_pid) - simulator_cpu, 1),
        "worker_cpu_ms_per_pair": round(1000 * worker_cpu / max(pair_count, 1), 1),
        # Everything the machine ran meanwhile (PostgreSQL, Redis, the simulator, the worker,
        # anything else), and that as a share of all its cores' time.
        "machine_cpu_seconds": round(machine_busy, 1),
        "machine_busy_share": round(
            machine_busy / max(machine_after[1] - machine_before[1], 1e-9), 3
        ),
        "seconds": (last_end - sent_at).total_seconds(),
        "first_run_after_s": round((first_start - sent_at).total_seconds(), 2),
        "succeeded": runs.filter(status=SyncRunStatus.SUCCEEDED).count(),
        "pairs_per_second": round(runs.count() / (last_end - sent_at).total_seconds(), 2),
        "fetched": runs.aggregate(s=Sum("fetched"))["s"],
        "idle_pairs": idle.count(),
        "idle_pair_api_calls": idle.aggregate(s=Sum("api_calls"))["s"],
        "load_average_1m": round((load_before + os.getloadavg()[0]) / 2, 2),
    }


def worker_cycles(env: dict, processes: int, pair_count: int, simulator_pid: int, reset) -> list:
    """CYCLES beat cycles of one worker, each from the same state (`reset` before each): the
    first after start, when each pool process makes every client, AssumeRole and connection
    for the first time, and the last, what the cycles of a running worker look like."""
    from celery import Celery

    worker = start_worker(env, processes)
    try:
        app = Celery(broker=env["CELERY_BROKER_URL"])
        results = []
        for _ in range(CYCLES):
            reset()
            results.append(one_cycle(app, pair_count, worker.pid, simulator_pid))
        return results
    finally:
        stop_process(worker)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--administrators", type=int, default=50)
    parser.add_argument("--changed", type=float, default=0.05)
    parser.add_argument("--per-changed", type=int, default=20)
    args = parser.parse_args()

    broker = os.environ.get("CELERY_BROKER_URL", "") or "redis://127.0.0.1:6379/0"
    with hub_on_simulator(
        "fanout",
        AWS_DEFAULT_ROLE_NAME=ROLE,
        CELERY_BROKER_URL=broker,
        CELERY_TASK_ALWAYS_EAGER="false",
        DB_CONN_MAX_AGE="600",
        # Beat's tasks expire after an interval (300 s): a slow cycle on a loaded machine would
        # drop pairs instead of timing them. The cycle is measured whole.
        SYNC_INTERVAL_SECONDS="3600",
    ) as (simulator, endpoint, _):
        import redis

        redis.Redis.from_url(broker).flushdb()
        from guardduty_hub.accounts.models import AdministratorRegion
        from guardduty_hub.aws.detectors import candidate_regions

        regions = candidate_regions()
        accounts = administrator_ids(args.administrators)
        started = time.monotonic()
        detectors = make_detectors(endpoint, accounts, regions)
        note(f"{len(detectors)} detectors in {time.monotonic() - started:.0f}s")
        admins = {account: hub_administrator(account) for account in accounts}
        AdministratorRegion.objects.bulk_create(
            [
                AdministratorRegion(administrator=admins[a], region=r, detector_id=d)
                for (a, r), d in detectors.items()
            ]
        )
        pairs = [(admins[a].pk, r) for (a, r) in detectors]
        now = datetime.now(UTC)
        watermark, listed_at = now - timedelta(days=1), now - timedelta(minutes=10)
        changed = random.Random(3).sample(
            sorted(detectors.items()), round(len(detectors) * args.changed)
        )
        added = add_new_findings(endpoint, changed, args.per_changed, watermark)
        note(f"{len(changed)} pairs with {added} new findings; the rest idle")

        results, first = {}, {}
        for processes in (1, 2):
            cycles = worker_cycles(
                dict(os.environ),
                processes,
                len(pairs),
                simulator.pid,
                lambda: baseline(pairs, watermark, listed_at),
            )
            first[processes], results[processes] = cycles[0], cycles[-1]
            note(f"{processes} worker process(es), first cycle after start", **first[processes])
            note(f"{processes} worker process(es), cycle {CYCLES}", **results[processes])
        one, two = results[1]["seconds"], results[2]["seconds"]
        emit(
            "cycle_1700_pairs_seconds",
            round(two, 2),
            60,
            "lower",
            worker_processes=2,
            one_process_seconds=round(one, 2),
            pairs=len(pairs),
            cpus=os.cpu_count(),
            first_cycle_seconds=round(first[2]["seconds"], 2),
            first_cycle_one_process_seconds=round(first[1]["seconds"], 2),
            **{k: v for k, v in results[2].items() if k != "seconds"},
        )
        # What the machine allows. The ratio is (CPU work of the 1-process cycle / of the
        # 2-process cycle) x (cores the 2-process cycle kept busy / cores the 1-process cycle
        # kept busy): PostgreSQL, Redis and the simulator already work while the one worker
        # waits, so a second process only gets the cores that cycle left idle.
        busy_1 = results[1]["machine_busy_share"] * os.cpu_count()
        busy_2 = results[2]["machine_busy_share"] * os.cpu_count()
        work_1_vs_2 = results[1]["machine_cpu_seconds"] / results[2]["machine_cpu_seconds"]
        emit(
            "fanout_scaling_2_vs_1",
            round(one / two, 3),
            1.7,
            "higher",
            cpus=os.cpu_count(),
            one_process_cores_busy=round(busy_1, 2),
            two_process_cores_busy=round(busy_2, 2),
            cpu_work_1_vs_2=round(work_1_vs_2, 3),
            ceiling_with_every_core_busy=round(work_1_vs_2 * os.cpu_count() / busy_1, 2),
            first_cycle=round(first[1]["seconds"] / first[2]["seconds"], 3),
            load_average_1m=[results[1]["load_average_1m"], results[2]["load_average_1m"]],
        )


if __name__ == "__main__":
    main()
