"""Findings reach EventBridge like GuardDuty's: one "GuardDuty Finding" event per new finding
and per update, camelCase detail, on the owner's and the administrator's default bus."""

import json

import pytest

from guardduty_hub.simulator.findings import advance_activity, load_findings
from tests.simulator.conftest import ADMIN, MEMBER, add_member
from tests.simulator.findings_support import REGION, finding

PATTERN = {"source": ["aws.guardduty"], "detail-type": ["GuardDuty Finding"]}


def queue_for_findings(sim, account):
    """An EventBridge rule on the account's default bus delivering to a new SQS queue."""
    sqs, events = sim.client("sqs", account), sim.client("events", account)
    url = sqs.create_queue(QueueName=f"findings-{account}")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    events.put_rule(Name="guardduty-findings", EventPattern=json.dumps(PATTERN))
    events.put_targets(Rule="guardduty-findings", Targets=[{"Id": "queue", "Arn": arn}])

    def drain():
        bodies = []
        while True:
            got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
            if not got:
                return bodies
            bodies += [json.loads(m["Body"]) for m in got]
            sqs.delete_message_batch(
                QueueUrl=url,
                Entries=[
                    {"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]} for n, m in enumerate(got)
                ],
            )

    return drain


@pytest.fixture
def queues(gd_sim):
    add_member(gd_sim)
    return queue_for_findings(gd_sim, ADMIN), queue_for_findings(gd_sim, MEMBER)


def test_new_member_finding_reaches_both_buses(queues):
    admin_queue, member_queue = queues
    made = advance_activity(MEMBER, REGION, seed=3, new=1, reoccur=0)["new"]
    for drain in (admin_queue, member_queue):
        events = drain()
        assert len(events) == 1
        event = events[0]
        assert event["source"] == "aws.guardduty"
        assert event["detail-type"] == "GuardDuty Finding"
        assert event["region"] == REGION
        detail = event["detail"]
        assert detail["id"] == made[0] and detail["accountId"] == MEMBER
        assert detail["service"]["count"] == 1
        # camelCase detail; additionalInfo is a plain object in events.
        assert "schemaVersion" in detail and "SchemaVersion" not in detail
        assert isinstance(detail["service"]["additionalInfo"], dict)


def test_reoccurrence_is_published_with_the_new_count(queues):
    admin_queue, member_queue = queues
    load_findings(MEMBER, REGION, [finding("7", account=MEMBER)])
    assert admin_queue() == [] and member_queue() == []  # bulk loads are quiet by default
    advance_activity(MEMBER, REGION, seed=1, new=0, reoccur=1)
    event = member_queue()[0]
    assert event["detail"]["id"] == "7".rjust(32, "0")
    assert event["detail"]["service"]["count"] == 2
    assert len(admin_queue()) == 1


def test_loads_publish_only_when_asked_and_archive_is_not_an_update(gd_sim, queues):
    admin_queue, _ = queues
    load_findings(ADMIN, REGION, [finding("8")], publish=True)
    assert [e["detail"]["id"] for e in admin_queue()] == ["8".rjust(32, "0")]
    gd = gd_sim.guardduty()
    gd.archive_findings(DetectorId=gd_sim.detector(), FindingIds=["8".rjust(32, "0")])
    assert admin_queue() == []


def test_sample_findings_are_published(gd_sim, queues):
    admin_queue, _ = queues
    gd_sim.guardduty().create_sample_findings(
        DetectorId=gd_sim.detector(), FindingTypes=["Recon:EC2/Portscan"]
    )
    events = admin_queue()
    assert len(events) == 1
    assert events[0]["detail"]["service"]["additionalInfo"]["sample"] is True
    assert events[0]["detail"]["title"].startswith("[SAMPLE]")
