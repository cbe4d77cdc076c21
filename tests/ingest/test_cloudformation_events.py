"""The events template creates what the consumer and setup_event_ingest expect: the same event
pattern, a queue policy for the hub's rule only, a redrive above the consumer's own limit, and
the SQS permissions of every call the consumer makes."""

import re
from pathlib import Path

import yaml
from django.conf import settings

from guardduty_hub.aws.eventbridge import FINDING_EVENTS

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = yaml.safe_load(
    (ROOT / "deploy" / "cloudformation" / "guardduty-hub-events.yaml").read_text()
)
RESOURCES = TEMPLATE["Resources"]
# Gateway operation -> the IAM action it needs.
SQS_ACTIONS = {"DeleteMessageBatch": "DeleteMessage", "SendMessageBatch": "SendMessage"}


def test_both_rules_match_guardduty_finding_events_only():
    for name in ("ToQueueRule", "ForwardRule"):
        assert RESOURCES[name]["Properties"]["EventPattern"] == FINDING_EVENTS


def test_only_the_hub_rule_may_send_to_the_queue():
    (statement,) = RESOURCES["QueuePolicy"]["Properties"]["PolicyDocument"]["Statement"]
    assert statement["Principal"] == {"Service": "events.amazonaws.com"}
    assert statement["Action"] == "sqs:SendMessage"
    assert statement["Condition"]["ArnEquals"]["aws:SourceArn"] == {
        "Fn::GetAtt": ["ToQueueRule", "Arn"]
    }


def test_the_queue_redrives_after_the_consumer_gave_up_with_a_reason():
    redrive = RESOURCES["FindingsQueue"]["Properties"]["RedrivePolicy"]
    assert redrive["maxReceiveCount"] > settings.INGEST_MAX_RECEIVES
    assert RESOURCES["FindingsQueue"]["Properties"]["VisibilityTimeout"] == (
        settings.INGEST_VISIBILITY_TIMEOUT
    )


def test_the_consumer_policy_grants_every_sqs_call_the_consumer_makes():
    consumer = (ROOT / "guardduty_hub" / "aws" / "sqs.py").read_text()
    used = {"sqs:" + SQS_ACTIONS.get(op, op) for op in re.findall(r'translate\("(\w+)"', consumer)}
    used -= {"sqs:CreateQueue", "sqs:SetQueueAttributes"}  # setup only, not the consumer
    # The scan still finds the consumer's calls (an empty set would pass the check below).
    assert {"sqs:ReceiveMessage", "sqs:DeleteMessage"} <= used, used
    statements = RESOURCES["ConsumerPolicy"]["Properties"]["PolicyDocument"]["Statement"]
    granted = {action for s in statements for action in s["Action"]}
    assert used <= granted, used - granted


def test_cross_region_forwarding_uses_the_forwarder_role():
    target = RESOURCES["ForwardRule"]["Properties"]["Targets"][0]
    assert target["RoleArn"]["Fn::If"][0] == "CrossRegion"
    assert (
        TEMPLATE["Parameters"]["ForwarderRoleName"]["Default"]
        == settings.INGEST_FORWARDER_ROLE_NAME
    )
