"""A sync process killed with SIGKILL mid-run, five times over, then restarted: nothing lost,
nothing duplicated. Runs `manage.py sync_findings` against the HTTP simulator and PostgreSQL."""

import signal
import subprocess

import pytest
from django.utils import timezone

from guardduty_hub.findings.models import Finding
from guardduty_hub.sync.models import SyncRun, SyncRunStatus, SyncState
from tests.fixtures.processes import wait_for
from tests.fixtures.sync_world import REGION
from tests.sync.http_world import child_env, make_http_world, manage, need_shared_database

pytestmark = [pytest.mark.postgres, pytest.mark.server, pytest.mark.django_db(transaction=True)]


# Polled every 10 ms: the kill must land while a run is under way, and runs are short.
STEP = 0.01


def test_sigkill_mid_sync_5_times_then_restart_loses_and_duplicates_nothing(simulator_http):
    need_shared_database()
    world = make_http_world(simulator_http)
    ids = world.load(1000)
    # A short lease, so a killed run's claim frees itself within the test.
    env = child_env(SYNC_LEASE_SECONDS="2")
    killed_at = []
    for _ in range(5):
        before = Finding.objects.count()
        proc = manage(
            "sync_findings",
            "--region",
            REGION,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started = wait_for(
            lambda b=before, p=proc: Finding.objects.count() >= b + 100 or p.poll() is not None,
            step=STEP,
        )
        assert started and proc.poll() is None, "the sync finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        killed_at.append(Finding.objects.count())
        # The dead run's lease runs out; nobody released it.
        assert SyncState.objects.get(region=REGION).lease_owner != ""
        assert wait_for(
            lambda: SyncState.objects.get(region=REGION).lease_until < timezone.now(),
            timeout=10,
            step=STEP,
        )
    print(f"rows when killed: {killed_at} of {len(ids)}")
    assert killed_at[-1] < len(ids)

    done = manage(
        "sync_findings",
        "--region",
        REGION,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output, _ = done.communicate(timeout=120)
    print(output)
    assert done.returncode == 0, output
    stored = list(Finding.objects.values_list("guardduty_id", flat=True))
    assert len(stored) == len(set(stored)) == len(ids)
    assert set(stored) == set(ids)
    runs = list(SyncRun.objects.order_by("started_at").values_list("status", flat=True))
    assert runs == [SyncRunStatus.INTERRUPTED] * 5 + [SyncRunStatus.SUCCEEDED]
