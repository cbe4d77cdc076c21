"""Issue #14's "done means", end to end with a real worker on Redis: a High finding the
simulator publishes goes through moto's SQS and the consumer into the list, and a webhook
receiver started here gets exactly one signed message for it; a later sync of the same
finding and the same event again send nothing more."""

import json
import subprocess
import sys
import time

import pytest
import redis
from django.conf import settings as django_settings

from guardduty_hub.findings.models import Finding
from guardduty_hub.sync.services import sync_region
from tests.fixtures.processes import stop_process as stop
from tests.fixtures.services import need
from tests.fixtures.simulator import REPO_ROOT
from tests.notifications.conftest import make_channel, make_rule
from tests.notifications.support import REGION, publish, signature_ok
from tests.sync.http_world import child_env, need_redis, need_shared_database

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

KEY = "notifications key shared by the test and its worker"


def start_worker(broker: str) -> subprocess.Popen:
    env = child_env(
        CELERY_BROKER_URL=broker,
        NOTIFICATIONS_KEY=KEY,
        NOTIFICATIONS_GATHER_SECONDS="1",
        NOTIFICATIONS_ALLOW_PRIVATE_ADDRESSES="true",  # the receiver is on 127.0.0.1
    )
    argv = [sys.executable, "-m", "celery", "-A", "guardduty_hub", "worker", "-Q"]
    argv += ["notifications", "-P", "solo", "--without-gossip", "--without-mingle", "-l", "info"]
    return subprocess.Popen(
        argv, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def test_a_published_high_finding_gives_exactly_one_signed_message(ingest, receiver, settings):
    need_shared_database()
    broker = django_settings.CELERY_BROKER_URL
    need(broker.startswith("redis://"), "CELERY_BROKER_URL must name a Redis database")
    need_redis(broker)
    redis.Redis.from_url(broker).delete("notifications")  # nothing left from an earlier run
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.NOTIFICATIONS_KEY = KEY
    settings.NOTIFICATIONS_GATHER_SECONDS = 1
    channel = make_channel(receiver.url)
    make_rule(channel)
    worker = start_worker(broker)
    try:
        made = publish(ingest.world, "ee01")
        published = time.monotonic()
        ingest.drain()
        assert Finding.objects.filter(guardduty_id=made).exists()  # listed, without a sync
        received = receiver.wait_for(1, timeout=60)
        assert len(received) == 1, stop(worker)
        print(f"message after {time.monotonic() - published:.1f}s")
        (got,) = received
        assert signature_ok(got)
        assert [f["id"] for f in json.loads(got.body)["findings"]] == [made]
        # A sync of the same finding, and its event once more: nothing new to say.
        sync_region(ingest.world.admin.pk, REGION)
        publish(ingest.world, "ee01")
        ingest.drain()
        time.sleep(4)
        assert len(receiver.requests) == 1
    finally:
        log = stop(worker)
    assert "guardduty_hub.notifications.deliver" in log
