"""Messages the hub cannot use are dead-lettered with the reason (a row, and the DLQ with the
reason as an attribute), never crash the consumer, and do not hold back the good ones."""

import json

import pytest
from django.db import connection

from guardduty_hub.findings.models import Finding
from guardduty_hub.simulator.findings.api import advance_activity
from guardduty_hub.sync.events.consumer import BatchResult
from guardduty_hub.sync.models import DeadLetter, DeadLetterKind
from tests.fixtures.services import need
from tests.fixtures.simulator import ADMIN_ACCOUNT
from tests.fixtures.sync_world import REGION
from tests.simulator.findings_support import finding

UNKNOWN_ACCOUNT = "999988887777"


def event(detail, **envelope):
    return {
        "version": "0",
        "id": "e-1",
        "source": "aws.guardduty",
        "detail-type": "GuardDuty Finding",
        "time": "2026-12-05T08:00:00Z",
        "region": REGION,
        "resources": [],
        "detail": detail,
        **envelope,
    }


def camel(raw):
    """A PascalCase finding in EventBridge's camelCase."""
    if isinstance(raw, dict):
        return {k[:1].lower() + k[1:]: camel(v) for k, v in raw.items()}
    if isinstance(raw, list):
        return [camel(v) for v in raw]
    return raw


BAD = [
    ("not json {", DeadLetterKind.MALFORMED, "not JSON"),
    ("[1, 2]", DeadLetterKind.MALFORMED, "not a JSON object"),
    (
        {"source": "aws.ec2", "detail-type": "EC2 Instance State-change Notification"},
        DeadLetterKind.UNKNOWN_TYPE,
        "'aws.ec2'",
    ),
    (event("a string"), DeadLetterKind.MALFORMED, "`detail` is not an object"),
    (event({"accountId": ADMIN_ACCOUNT}), DeadLetterKind.MALFORMED, "no Id"),
    (
        event(camel(finding("77", account=UNKNOWN_ACCOUNT))),
        DeadLetterKind.UNKNOWN_ACCOUNT,
        UNKNOWN_ACCOUNT,
    ),
]


def test_each_bad_message_is_dead_lettered_with_its_reason_and_good_ones_are_stored(ingest):
    for body, _, _ in BAD:
        ingest.send(body)
    made = advance_activity(ADMIN_ACCOUNT, REGION, seed=9, new=2, reoccur=0)["new"]
    results = ingest.drain()
    assert sum(r.stored for r in results) == 2
    assert sum(r.dead_lettered for r in results) == len(BAD)
    assert set(Finding.objects.values_list("guardduty_id", flat=True)) == set(made)
    assert ingest.waiting() == 0
    letters = list(DeadLetter.objects.order_by("id"))
    assert len(letters) == len(BAD)
    by_body = {letter.body: letter for letter in letters}
    for body, kind, words in BAD:
        text = body if isinstance(body, str) else json.dumps(body)
        letter = by_body[text]
        assert letter.kind == kind and words in letter.reason, (letter.kind, letter.reason)
    unknown = by_body[json.dumps(BAD[-1][0])]
    assert (unknown.account_id, unknown.region) == (UNKNOWN_ACCOUNT, REGION)
    # The DLQ holds the same messages, each with the reason it was refused.
    sent = []
    while got := ingest.dead_letter_bodies():
        sent += got
    assert sorted(m["body"] for m in sent) == sorted(by_body)
    assert {m["reason"] for m in sent} == {letter.reason for letter in letters}


def test_a_member_finding_is_filed_under_its_administrator(ingest):
    from guardduty_hub.accounts.models import AccountKind, AwsAccount, Membership

    member = AwsAccount.objects.create(account_id="111122223333", kind=AccountKind.MEMBER)
    Membership.objects.create(
        administrator=ingest.world.admin,
        member=member,
        region=REGION,
        relationship_status="Enabled",
    )
    ingest.send(event(camel(finding("5", account="111122223333"))))
    ingest.drain()
    row = Finding.objects.get()
    assert (row.account_id, row.administrator_id) == ("111122223333", ingest.world.admin.pk)


def test_an_unknown_account_on_a_known_administrators_bus_is_stored(ingest):
    # As polling would: the administrator's detector lists every member's findings.
    ingest.send(event(camel(finding("6", account=UNKNOWN_ACCOUNT)), account=ADMIN_ACCOUNT))
    ingest.drain()
    assert Finding.objects.get().administrator_id == ingest.world.admin.pk


def test_a_message_handed_out_too_often_is_dead_lettered(ingest, settings):
    settings.INGEST_MAX_RECEIVES = 2
    ingest.send(event(camel(finding("8"))))
    for _ in range(2):  # two consumers that died before deleting it
        ingest.sqs.receive_message(QueueUrl=ingest.setup.queue_url, VisibilityTimeout=0)
    ingest.drain()
    letter = DeadLetter.objects.get()
    assert letter.kind == DeadLetterKind.FAILED and "3 times" in letter.reason
    assert not Finding.objects.exists()


@pytest.mark.postgres
def test_a_finding_the_database_refuses_is_dead_lettered_alone(ingest):
    need(connection.vendor == "postgresql", "needs PostgreSQL (integer range errors)")
    bad = camel(finding("9"))
    bad["service"]["count"] = 10**12  # beyond the column's integer range
    ingest.send(event(bad))
    ingest.send(event(camel(finding("10"))))
    ingest.drain()
    assert list(Finding.objects.values_list("guardduty_id", flat=True)) == ["10".rjust(32, "0")]
    letter = DeadLetter.objects.get()
    assert letter.kind == DeadLetterKind.FAILED and "database refused" in letter.reason


def test_redelivered_poison_is_recorded_once(ingest):
    ingest.send("garbage")
    consumer = ingest.consumer()
    messages = consumer.receive_batch()
    handled = [consumer._classify(m) for m in messages]
    consumer._write(handled, BatchResult())  # committed, then the process died before deleting
    consumer.handle(messages)  # the redelivery
    assert DeadLetter.objects.count() == 1


def test_large_bad_messages_reach_the_dead_letter_queue_in_requests_sqs_accepts(ingest):
    # Ten of these are over SendMessageBatch's 256 KiB: the consumer splits its requests.
    big = "x" * 100_000
    for n in range(12):
        ingest.send(f"{n} {big}")
    ingest.drain()
    assert DeadLetter.objects.count() == 12
    assert ingest.waiting() == 0
    assert ingest.waiting(ingest.setup.dead_letter_url) == 12
