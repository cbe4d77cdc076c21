"""SQS: the queue GuardDuty's EventBridge events reach the hub through.

The consumer (sync/events/) long-polls one queue with the hub's own credentials, deletes what it
committed and dead-letters what it cannot use. Messages come back as plain `QueueMessage`s;
errors as `AwsError`s like every other gateway call.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from guardduty_hub.aws import clients
from guardduty_hub.aws.batching import chunks
from guardduty_hub.aws.errors import translate
from guardduty_hub.aws.sessions import AccountAccess

BATCH_LIMIT = 10  # SQS's maximum per ReceiveMessage / DeleteMessageBatch / SendMessageBatch
LONG_POLL_MAX_SECONDS = 20
# SendMessageBatch's limit on the bodies and attributes of one request, with room to spare.
BATCH_BYTES = 250 * 1024


@dataclass(frozen=True)
class QueueMessage:
    message_id: str
    receipt_handle: str
    body: str
    # How many times SQS has handed this message out (1 on the first delivery).
    receive_count: int
    sent_at: datetime | None


@dataclass(frozen=True)
class QueueInfo:
    url: str
    arn: str
    # The queue its RedrivePolicy moves messages to ("" when it has none).
    dead_letter_arn: str
    max_receive_count: int
    visible: int
    in_flight: int


@dataclass(frozen=True)
class OutgoingMessage:
    body: str
    attributes: dict[str, str]


def receive_messages(
    access: AccountAccess,
    region: str,
    queue_url: str,
    *,
    wait_seconds: int = LONG_POLL_MAX_SECONDS,
    max_messages: int = BATCH_LIMIT,
    visibility_timeout: int | None = None,
) -> list[QueueMessage]:
    """One ReceiveMessage: up to 10 messages, waiting up to `wait_seconds` for the first."""
    params = {
        "QueueUrl": queue_url,
        "MaxNumberOfMessages": max(1, min(max_messages, BATCH_LIMIT)),
        "WaitTimeSeconds": max(0, min(wait_seconds, LONG_POLL_MAX_SECONDS)),
        "AttributeNames": ["ApproximateReceiveCount", "SentTimestamp"],
    }
    if visibility_timeout is not None:
        params["VisibilityTimeout"] = visibility_timeout
    with translate("ReceiveMessage", access, region):
        answer = clients.client(access, "sqs", region).receive_message(**params)
    return [_message(m) for m in answer.get("Messages", [])]


def delete_messages(
    access: AccountAccess, region: str, queue_url: str, receipt_handles: Sequence[str]
) -> list[str]:
    """Delete by receipt handle (10 per request); returns the handles SQS refused to delete."""
    failed: list[str] = []
    client = clients.client(access, "sqs", region)
    for batch in chunks(list(receipt_handles), BATCH_LIMIT):
        entries = [{"Id": str(n), "ReceiptHandle": h} for n, h in enumerate(batch)]
        with translate("DeleteMessageBatch", access, region):
            answer = client.delete_message_batch(QueueUrl=queue_url, Entries=entries)
        failed += [batch[int(f["Id"])] for f in answer.get("Failed", [])]
    return failed


def send_messages(
    access: AccountAccess, region: str, queue_url: str, messages: Sequence[OutgoingMessage]
) -> int:
    """SendMessageBatch (10 per request) with string attributes; returns how many were sent."""
    sent = 0
    client = clients.client(access, "sqs", region)
    for batch in _size_limited(messages):
        entries = [
            {
                "Id": str(n),
                "MessageBody": m.body,
                "MessageAttributes": {
                    k: {"DataType": "String", "StringValue": v[:1024] or "-"}
                    for k, v in m.attributes.items()
                },
            }
            for n, m in enumerate(batch)
        ]
        with translate("SendMessageBatch", access, region):
            answer = client.send_message_batch(QueueUrl=queue_url, Entries=entries)
        sent += len(answer.get("Successful", []))
    return sent


def _size_limited(messages: Sequence[OutgoingMessage]) -> list[list[OutgoingMessage]]:
    """Batches of at most 10 messages and 256 KiB together (SQS refuses a larger request)."""
    batches: list[list[OutgoingMessage]] = []
    size = 0
    for message in messages:
        weight = len(message.body.encode()) + sum(
            len(k) + len(v.encode()) for k, v in message.attributes.items()
        )
        if not batches or len(batches[-1]) == BATCH_LIMIT or size + weight > BATCH_BYTES:
            batches.append([])
            size = 0
        batches[-1].append(message)
        size += weight
    return batches


def queue_info(access: AccountAccess, region: str, queue_url: str) -> QueueInfo:
    with translate("GetQueueAttributes", access, region):
        attributes = (
            clients.client(access, "sqs", region)
            .get_queue_attributes(QueueUrl=queue_url, AttributeNames=["All"])
            .get("Attributes", {})
        )
    redrive = _json(attributes.get("RedrivePolicy"))
    return QueueInfo(
        url=queue_url,
        arn=attributes.get("QueueArn", ""),
        dead_letter_arn=str(redrive.get("deadLetterTargetArn", "")),
        max_receive_count=int(redrive.get("maxReceiveCount") or 0),
        visible=int(attributes.get("ApproximateNumberOfMessages") or 0),
        in_flight=int(attributes.get("ApproximateNumberOfMessagesNotVisible") or 0),
    )


def queue_url_for_arn(access: AccountAccess, region: str, queue_arn: str) -> str:
    """GetQueueUrl for `arn:aws:sqs:<region>:<account>:<name>`."""
    parts = queue_arn.split(":")
    params = {"QueueName": parts[-1]}
    if len(parts) >= 6 and parts[4]:
        params["QueueOwnerAWSAccountId"] = parts[4]
    with translate("GetQueueUrl", access, region):
        return clients.client(access, "sqs", region).get_queue_url(**params)["QueueUrl"]


def ensure_queue(
    access: AccountAccess,
    region: str,
    name: str,
    *,
    attributes: dict[str, str] | None = None,
) -> QueueInfo:
    """CreateQueue (idempotent for the same attributes), then SetQueueAttributes to converge."""
    client = clients.client(access, "sqs", region)
    with translate("CreateQueue", access, region):
        url = client.create_queue(QueueName=name)["QueueUrl"]
    if attributes:
        with translate("SetQueueAttributes", access, region):
            client.set_queue_attributes(QueueUrl=url, Attributes=attributes)
    return queue_info(access, region, url)


def _message(raw: dict) -> QueueMessage:
    attributes = raw.get("Attributes", {})
    sent_ms = attributes.get("SentTimestamp")
    return QueueMessage(
        message_id=raw.get("MessageId", ""),
        receipt_handle=raw.get("ReceiptHandle", ""),
        body=raw.get("Body", ""),
        receive_count=int(attributes.get("ApproximateReceiveCount") or 1),
        sent_at=datetime.fromtimestamp(int(sent_ms) / 1000, UTC) if sent_ms else None,
    )


def _json(text: str | None) -> dict:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
