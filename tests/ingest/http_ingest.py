"""Event ingest over HTTP: the simulator server (moto's SQS and EventBridge included), the hub's
queue made by `event_ingest_setup`, and `manage.py consume_findings` as a child process on the
test's PostgreSQL database (tests/sync/http_world.py)."""

import subprocess

import requests

from guardduty_hub.aws import sqs
from guardduty_hub.sync.events.consumer import HUB_ACCESS
from guardduty_hub.sync.events.setup import IngestSetup, event_ingest_setup
from tests.fixtures.simulator import ADMIN_ACCOUNT, Simulator
from tests.sync.http_world import child_env, manage

QUEUE_REGION = "us-east-1"


def point_at_simulator(monkeypatch, sim: Simulator) -> None:
    """SQS and EventBridge too (simulator_http sets GuardDuty's and STS's endpoints)."""
    monkeypatch.setenv("AWS_ENDPOINT_URL_SQS", sim.endpoint)
    monkeypatch.setenv("AWS_ENDPOINT_URL_EVENTBRIDGE", sim.endpoint)


def setup_queue() -> IngestSetup:
    return event_ingest_setup(QUEUE_REGION)


def publish_new(sim: Simulator, count: int, region: str, seed: int = 1) -> list[str]:
    """`count` new findings in the administrator's detector, each published as GuardDuty does."""
    answer = requests.post(
        f"{sim.endpoint}/moto-api/static/guardduty/activity",
        json={
            "accountId": ADMIN_ACCOUNT,
            "region": region,
            "seed": seed,
            "new": count,
            "reoccur": 0,
        },
        timeout=120,
    )
    answer.raise_for_status()
    return answer.json()[f"{ADMIN_ACCOUNT}/{region}"]["new"]


def start_consumer(setup: IngestSetup, **env: str) -> subprocess.Popen:
    return manage(
        "consume_findings",
        env=child_env(INGEST_QUEUE_URL=setup.queue_url, INGEST_QUEUE_REGION=QUEUE_REGION, **env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def messages_left(setup: IngestSetup, url: str | None = None) -> int:
    info = sqs.queue_info(HUB_ACCESS, QUEUE_REGION, url or setup.queue_url)
    return info.visible + info.in_flight
