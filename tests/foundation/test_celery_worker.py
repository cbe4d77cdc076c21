"""A real, separate Celery worker runs tasks: on the filesystem:// transport (the embedded
default of the demo) and on Redis (CI and production)."""

import os
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings

from guardduty_hub.celery import app
from tests.fixtures.processes import stop_process as stop_worker
from tests.fixtures.services import need
from tests.foundation.envtools import REPO_ROOT, hub_env, run_python

ROUND_TRIP = """
from guardduty_hub.celery import app
from guardduty_hub.core.tasks import ping
print(ping.apply_async(queue="{queue}").get(timeout=30))
"""


def start_worker(env: dict[str, str], queue: str, name: str) -> subprocess.Popen:
    argv = [sys.executable, "-m", "celery", "-A", "guardduty_hub", "worker", "--pool", "solo"]
    argv += ["-Q", queue, "-n", name, "--without-mingle", "--without-gossip", "-l", "INFO"]
    return subprocess.Popen(
        argv, env=env, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def round_trip(env: dict[str, str]) -> None:
    """Queue the ping task from one process; a worker process must answer it."""
    queue = f"test-{uuid.uuid4().hex[:8]}"  # never picks up anybody else's messages
    worker = start_worker(env, queue, f"{queue}@%h")
    try:
        result = run_python(ROUND_TRIP.format(queue=queue), env, timeout=60)
    finally:
        log = stop_worker(worker)
    assert result.returncode == 0, result.stderr + log
    assert result.stdout.strip() == "pong"
    assert "guardduty_hub.core.ping" in log and "succeeded" in log
    assert worker.returncode == 0, log  # warm shutdown on SIGTERM


def test_filesystem_transport_feeds_a_separate_worker(tmp_path):
    results = tmp_path / "results"
    results.mkdir()
    env = hub_env(
        tmp_path / "var",
        CELERY_BROKER_URL="filesystem://",
        CELERY_RESULT_BACKEND=f"file://{results}",
    )
    round_trip(env)


def _redis_url() -> str:
    url = settings.CELERY_BROKER_URL
    need(url.startswith("redis://"), "CELERY_BROKER_URL/REDIS_URL does not name a Redis broker")
    return url


@pytest.mark.redis
def test_redis_broker_feeds_a_separate_worker(tmp_path):
    url = _redis_url()
    env = hub_env(tmp_path / "var", CELERY_BROKER_URL=url, CELERY_RESULT_BACKEND=url)
    round_trip(env)


@pytest.mark.redis
def test_a_worker_on_redis_answers_a_control_ping(tmp_path):
    url = _redis_url()
    name = f"ping-{uuid.uuid4().hex[:8]}@{os.uname().nodename}"
    worker = start_worker(hub_env(tmp_path / "var", CELERY_BROKER_URL=url), "default", name)
    try:
        deadline = time.monotonic() + 30
        replies = []
        while not replies and time.monotonic() < deadline and worker.poll() is None:
            replies = app.control.ping(destination=[name], timeout=1)
    finally:
        log = stop_worker(worker)
    assert replies == [{name: {"ok": "pong"}}], log


@pytest.mark.redis
@pytest.mark.django_db
def test_healthz_reports_the_redis_broker(client, settings):
    _redis_url()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    body = client.get("/healthz").json()
    assert body["broker"] == {"ok": True, "detail": "redis"}


def test_tests_run_tasks_eagerly_whatever_the_broker():
    # tests/conftest.py: a task queued by a test runs in the test, never waits for a worker.
    from guardduty_hub.core.tasks import ping

    assert settings.CELERY_TASK_ALWAYS_EAGER is True
    assert ping.delay().get(timeout=1) == "pong"
