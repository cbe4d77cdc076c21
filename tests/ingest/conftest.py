"""Event ingest world: the sync world's administrator (moto's default account, the hub's own
credentials) in two regions, the queue, DLQ, bus and rules made by `event_ingest_setup`, and a
consumer that does not wait (in-process moto answers at once)."""

import json

import pytest

from guardduty_hub.sync.events.consumer import HUB_ACCESS, EventConsumer
from guardduty_hub.sync.events.setup import event_ingest_setup
from tests.fixtures.sync_world import OTHER_REGION, REGION, SyncWorld

QUEUE_REGION = REGION


class Ingest:
    def __init__(self, world: SyncWorld):
        self.world = world
        self.setup = event_ingest_setup(QUEUE_REGION)
        self.sqs = world.sim.client("sqs", None, QUEUE_REGION)

    def consumer(self, **kwargs) -> EventConsumer:
        consumer = EventConsumer(self.setup.queue_url, QUEUE_REGION, wait_seconds=0, **kwargs)
        consumer.start()
        return consumer

    def drain(self, consumer: EventConsumer | None = None) -> list:
        """Poll until the queue has nothing; the batch results."""
        consumer = consumer or self.consumer()
        results = []
        while (result := consumer.poll_once()).received:
            results.append(result)
        return results

    def send(self, body) -> None:
        text = body if isinstance(body, str) else json.dumps(body)
        self.sqs.send_message(QueueUrl=self.setup.queue_url, MessageBody=text)

    def waiting(self, url: str | None = None) -> int:
        attributes = self.sqs.get_queue_attributes(
            QueueUrl=url or self.setup.queue_url,
            AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        )["Attributes"]
        return int(attributes["ApproximateNumberOfMessages"]) + int(
            attributes["ApproximateNumberOfMessagesNotVisible"]
        )

    def dead_letter_bodies(self) -> list[dict]:
        got = self.sqs.receive_message(
            QueueUrl=self.setup.dead_letter_url,
            MaxNumberOfMessages=10,
            MessageAttributeNames=["All"],
        ).get("Messages", [])
        return [
            {"body": m["Body"], **{k: v["StringValue"] for k, v in m["MessageAttributes"].items()}}
            for m in got
        ]


@pytest.fixture
def ingest(sync_world) -> Ingest:
    return Ingest(sync_world)


__all__ = ["HUB_ACCESS", "OTHER_REGION", "REGION", "Ingest"]
