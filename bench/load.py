"""Load benchmark: one JSON object per line, {"metric", "value", "target", "better"}.

    .venv/bin/python bench/load.py [--rows 1000000] [--clients 50] [--seconds 60]
                                   [--keep | --database NAME]

Against gunicorn (DEBUG off, gunicorn.conf.py as in production, unless --workers/--threads), on a
PostgreSQL database the bench creates and drops holding `--rows` generated findings (COPY), 50
signed-in clients (Analysts, some limited to a few accounts) browse the finding list for 60 s:
mixed filters and sorts, first pages, and "next" pages by following the cursor the previous page
offered. Each client arrives at a random moment within its first think time, then waits
`--think-ms` (uniform in [0.5x, 1.5x]) between requests, as a person reading a page does; the
figure is printed with the results. Meanwhile a full sync of 20,000
findings from the simulator (an HTTP process) runs through `manage.py sync_findings`, the
workers' code path, so its writes contend with the reads.

Metrics: load_errors (non-200 answers, timeouts and connection errors; target 0) and
load_p99_ms (p99 of every request's latency; target 1,000).

`--keep` leaves the database behind; `--database NAME` runs on such a database (or one
bench/list_page.py kept) again: what an earlier load run added (its synced region, its users)
is removed first, so the sync writes its 20,000 findings anew.
"""

import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.findings_data import (  # noqa: E402
    ACCOUNTS,
    ADMIN_ACCOUNT,
    REGIONS,
    copy_findings,
    emit,
    findings_loaded,
    note,
    percentile,
    run_on_generated_findings,
)
from bench.load_results import Results  # noqa: E402
from bench.sync_world import detector_id  # noqa: E402

SYNC_REGION = "eu-south-1"  # not among the generated rows' regions: the sync writes new rows
SYNC_FINDINGS = 20_000
# A next-page cursor is base64 of ["n", ...]: found in any template without parsing it.
NEXT_CURSOR = re.compile(r"cursor=(WyJuIi[A-Za-z0-9_-]*)")
FILTERS = [
    {},
    {"severity": ["3", "4"]},
    {"severity": "4"},
    {"min_severity": "7"},
    {"type_prefix": "UnauthorizedAccess:"},
    {"type_prefix": ":EC2/"},
    {"q": "credential"},
    {"archived": "yes"},
    {"archived": "any", "sort": "-updated"},
    {"sort": "-last_seen"},
    {"sort": "-count"},
    {"sort": "account"},
    {"status": "new"},
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_simulator() -> tuple[subprocess.Popen, str]:
    from guardduty_hub.simulator.process import start_simulator_process

    return start_simulator_process()


def seed_simulator(endpoint: str, count: int) -> str:
    """A detector of the administrator in SYNC_REGION holding `count` findings; its id."""
    import boto3
    import requests

    from guardduty_hub.simulator.findings.convert import to_wire
    from guardduty_hub.simulator.findings.generate import generate_findings

    gd = boto3.client("guardduty", region_name=SYNC_REGION, endpoint_url=endpoint)
    detector = detector_id(gd)
    end = datetime.now(UTC) - timedelta(minutes=5)
    found = generate_findings(
        ADMIN_ACCOUNT, SYNC_REGION, detector, count, 11, start=end - timedelta(days=30), end=end
    )
    for start in range(0, len(found), 2000):
        requests.post(
            f"{endpoint}/moto-api/static/guardduty/findings",
            timeout=600,
            json={
                "accountId": ADMIN_ACCOUNT,
                "region": SYNC_REGION,
                "findings": [to_wire(f) for f in found[start : start + 2000]],
            },
        ).raise_for_status()
    return detector


def gunicorn_settings(args) -> dict:
    """Workers and threads as production runs them (gunicorn.conf.py), or as --workers and
    --threads say."""
    import runpy

    production = runpy.run_path(str(REPO / "gunicorn.conf.py"))
    return {
        "workers": args.workers or production["workers"],
        "threads": args.threads or production["threads"],
    }


def start_gunicorn(workers: int, threads: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "guardduty_hub.wsgi",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads),
         "--log-level", "warning"],
        cwd=REPO, env=dict(os.environ),
    )  # fmt: skip
    import requests

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return proc, f"http://127.0.0.1:{port}"
        except requests.RequestException:
            pass
        if proc.poll() is not None:
            raise RuntimeError("gunicorn exited")
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz")


def forget_earlier_run() -> None:
    """A reused database as before a load run: without the synced region and the clients."""
    from django.contrib.auth.models import User
    from django.db import connection

    from guardduty_hub.accounts.models import AdministratorRegion
    from guardduty_hub.findings.models import Finding
    from guardduty_hub.sync.models import SyncState

    Finding.objects.filter(api_region=SYNC_REGION).delete()
    SyncState.objects.filter(region=SYNC_REGION).delete()
    AdministratorRegion.objects.filter(region=SYNC_REGION).delete()
    User.objects.filter(username__startswith="load-").delete()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE findings_finding")


def signed_in_cookies(count: int) -> list[str]:
    """Session ids of `count` Analysts; every fifth is limited to five accounts."""
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from guardduty_hub.accounts.models import AccountScope, AwsAccount
    from guardduty_hub.core import roles

    analyst = Group.objects.get(name=roles.ANALYST)
    scoped_to = list(AwsAccount.objects.filter(account_id__in=ACCOUNTS[:5]))
    cookies = []
    for n in range(count):
        user = User.objects.create_user(f"load-{n:02d}")
        user.groups.add(analyst)
        if n % 5 == 4:
            AccountScope.objects.bulk_create(AccountScope(user=user, account=a) for a in scoped_to)
        client = Client()
        client.force_login(user)
        cookies.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return cookies


def browse(
    base: str, cookie: str, until: float, think: float, seed: int, results: Results, began: float
):
    """One person: a filter, a few pages down it, another filter; bounded by `until`."""
    import requests

    rng = random.Random(seed)
    session = requests.Session()
    session.headers["Cookie"] = f"sessionid={cookie}"
    cursor, params = None, {}
    # People do not all press Enter in the same tenth of a second: each client arrives at a
    # random moment within its first think time (a ramp-up, as load tools do).
    time.sleep(think * rng.uniform(0, 1))
    while time.monotonic() < until:
        if cursor is None or rng.random() < 0.3:
            params = dict(rng.choice(FILTERS))
            if rng.random() < 0.3:
                params["account"] = rng.choice(ACCOUNTS[:10])
            if rng.random() < 0.2:
                params["region"] = rng.choice(REGIONS[:6])
            cursor = None
        query = {**params, **({"cursor": cursor} if cursor else {})}
        started = time.perf_counter()
        offset = time.monotonic() - began
        error = None
        try:
            response = session.get(
                f"{base}/findings/?{urlencode(query, doseq=True)}", timeout=10,
                allow_redirects=False,
            )  # fmt: skip
            if response.status_code != 200:
                error = f"{response.status_code} for {query}"
            found = NEXT_CURSOR.search(response.text)
            cursor = found.group(1) if found else None
        except requests.RequestException as exc:
            error = f"{type(exc).__name__} for {query}"
            cursor = None
        kind = " ".join(sorted(params)) or "default"
        kind += " (next page)" if "cursor" in query else ""
        results.add((time.perf_counter() - started) * 1000, error, kind, offset)
        time.sleep(think * rng.uniform(0.5, 1.5))


def run(args) -> None:
    from django.core.management import call_command

    from guardduty_hub.accounts.models import AdministratorRegion, AwsAccount

    call_command("migrate", verbosity=0)
    loaded = findings_loaded()
    if loaded:
        forget_earlier_run()
        rows = findings_loaded()
        note(f"reusing {rows:,} findings in the kept database")
    else:
        rows, seconds = args.rows, copy_findings(args.rows)
        note(f"generated and copied {rows:,} findings in {seconds:.0f} s")
    call_command("collectstatic", interactive=False, verbosity=0)
    cookies = signed_in_cookies(args.clients)

    simulator, endpoint = start_simulator()
    gunicorn = None
    sync = None
    try:
        os.environ["AWS_ENDPOINT_URL_GUARDDUTY"] = endpoint
        os.environ["AWS_ENDPOINT_URL_STS"] = endpoint
        detector = seed_simulator(endpoint, SYNC_FINDINGS)
        admin = AwsAccount.objects.get(account_id=ADMIN_ACCOUNT)
        AdministratorRegion.objects.create(
            administrator=admin, region=SYNC_REGION, detector_id=detector
        )
        note(f"simulator holds {SYNC_FINDINGS:,} findings in {SYNC_REGION}")
        from django.db import connections

        connections.close_all()
        server = gunicorn_settings(args)
        gunicorn, base = start_gunicorn(**server)

        results = Results()
        started = time.monotonic()
        until = started + args.seconds
        sync = subprocess.Popen(
            [sys.executable, "manage.py", "sync_findings", "--region", SYNC_REGION, "--full"],
            cwd=REPO, env=dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        # The sync's own duration (it may end before the load window does).
        sync_ended: list[float] = []
        sync_printed: list[str] = []

        def await_sync():
            sync_printed.append(sync.communicate(timeout=1800)[0])
            sync_ended.append(time.monotonic())

        waiter = threading.Thread(target=await_sync, daemon=True)
        waiter.start()
        with ThreadPoolExecutor(args.clients) as pool:
            for n, cookie in enumerate(cookies):
                pool.submit(browse, base, cookie, until, args.think_ms / 1000, n, results, started)
        elapsed = time.monotonic() - started
        waiter.join(timeout=1800)
        sync_seconds = sync_ended[0] - started
        sync_output = sync_printed[0]
        note("sync", exit_code=sync.returncode, output=sync_output.strip()[-300:])
        if sync.returncode != 0:
            results.errors.append(f"sync failed: {sync_output.strip()[-200:]}")
        if sync_seconds < args.seconds * 0.5:
            note(f"the sync took {sync_seconds:.0f} s, less than half the load window")

        latencies = sorted(results.latencies)
        p99 = percentile(latencies, 0.99)
        note(
            "load",
            requests=len(latencies),
            requests_per_s=round(len(latencies) / elapsed, 1),
            p50_ms=round(percentile(latencies, 0.5), 1),
            max_ms=round(latencies[-1], 1),
            first_errors=results.errors[:5],
        )
        note("slowest request kinds", kinds=results.slowest_kinds())
        note("latency by 10-second window", windows=results.windows())
        note(
            "slowest requests",
            requests=[
                {"ms": round(ms), "at_s": round(at, 1), "kind": kind}
                for ms, at, kind in results.slowest
            ],
        )
        extra = {
            "clients": args.clients,
            "seconds": args.seconds,
            "think_ms": args.think_ms,
            **server,
            "rows": rows,
            "sync_findings": SYNC_FINDINGS,
            "sync_seconds": round(sync_seconds, 1),
        }
        emit("load_errors", len(results.errors), 0, "lower", requests=len(latencies), **extra)
        emit("load_p99_ms", round(p99, 1), 1000, "lower", **extra)
    finally:
        for proc in (sync, gunicorn, simulator):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()


def main() -> None:
    def add_arguments(parser):
        parser.add_argument("--clients", type=int, default=50)
        parser.add_argument("--seconds", type=int, default=60)
        parser.add_argument("--think-ms", type=int, default=2000)
        parser.add_argument("--workers", type=int, help="default: gunicorn.conf.py's")
        parser.add_argument("--threads", type=int, help="default: gunicorn.conf.py's")

    run_on_generated_findings(
        "load",
        __doc__.split("\n\n")[0],
        run,
        add_arguments=add_arguments,
        environment={
            "AWS_ACCESS_KEY_ID": "bench",
            "AWS_SECRET_ACCESS_KEY": "bench",
            "AWS_DEFAULT_REGION": "us-east-1",
        },
    )


if __name__ == "__main__":
    main()
