"""A real Celery worker and beat on Redis run the sync end to end (started here, stopped by PID)."""

import subprocess
import sys
import time

import pytest

from guardduty_hub.findings.models import Finding
from guardduty_hub.sync.models import SyncRun, SyncRunStatus
from tests.fixtures.processes import stop_process as stop
from tests.fixtures.simulator import REPO_ROOT
from tests.fixtures.sync_world import OTHER_REGION, REGION
from tests.sync.http_world import child_env, make_http_world, need_redis, need_shared_database

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]

# A Redis database of its own, so no other worker on this Redis takes the test's tasks.
BROKER = "redis://127.0.0.1:6379/11"


def celery(*args: str, env) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "guardduty_hub", *args],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_worker_and_beat_on_redis_keep_every_pair_synced(simulator_http, tmp_path):
    need_shared_database()
    need_redis(BROKER)
    import redis

    redis.Redis.from_url(BROKER).flushdb()
    world = make_http_world(simulator_http, regions=(REGION, OTHER_REGION))
    ids = world.load(120)
    env = child_env(CELERY_BROKER_URL=BROKER, SYNC_INTERVAL_SECONDS="2")
    worker = celery(
        "worker",
        "-Q",
        "sync,default",
        "-P",
        "solo",
        "--without-gossip",
        "--without-mingle",
        "-l",
        "info",
        env=env,
    )
    beat = celery("beat", "-s", str(tmp_path / "beat-schedule"), "-l", "info", env=env)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            done = SyncRun.objects.filter(status=SyncRunStatus.SUCCEEDED)
            if {REGION, OTHER_REGION} <= set(done.values_list("state__region", flat=True)):
                break
            time.sleep(0.25)
        else:
            pytest.fail("worker did not sync both pairs:\n" + stop(worker) + stop(beat))
        assert worker.poll() is None and beat.poll() is None
        # The schedule keeps going: a later run finds nothing new and changes nothing.
        first = SyncRun.objects.filter(state__region=REGION).count()
        deadline = time.monotonic() + 30
        while SyncRun.objects.filter(state__region=REGION).count() <= first:
            assert time.monotonic() < deadline, "beat did not schedule a second run"
            time.sleep(0.25)
    finally:
        beat_log = stop(beat)
        worker_log = stop(worker)
    assert "guardduty_hub.sync.sync_all" in beat_log
    assert "guardduty_hub.sync.sync_region" in worker_log
    stored = list(Finding.objects.values_list("guardduty_id", flat=True))
    assert sorted(stored) == sorted(ids)
