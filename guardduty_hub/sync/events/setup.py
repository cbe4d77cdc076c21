"""`event_ingest_setup`: create the queue, its dead-letter queue, the hub's event bus and the
rules that feed them; what `deploy/cloudformation/guardduty-hub-events.yaml` also describes.

    administrator bus (every enabled region) --rule--> hub bus (INGEST_QUEUE_REGION)
        --rule--> queue (RedrivePolicy --> dead-letter queue) --> consume_findings

One queue for every administrator and region: EventBridge forwards across regions and accounts
only to event buses, so the administrators' rules target the hub's bus, and one rule there
delivers to the queue. The consumer reads one queue whatever the number of pairs. Idempotent:
re-running converges every resource to the same state. Rules in administrator accounts go
through the hub's role there (events:PutRule, events:PutTargets, iam:PassRole on the forwarder
role); an account that refuses is reported, not fatal (deploy the StackSet instead).
"""

import json
from dataclasses import dataclass, field

from django.conf import settings

from guardduty_hub.accounts.models import AwsAccount
from guardduty_hub.aws import AwsError, eventbridge, gateway, sqs
from guardduty_hub.sync.events.consumer import HUB_ACCESS
from guardduty_hub.sync.pairs import account_access, enabled_pairs

RULE_NAME = "guardduty-hub-findings"
DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600  # SQS's maximum


@dataclass
class IngestSetup:
    queue_url: str
    dead_letter_url: str
    bus_arn: str
    rules: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def event_ingest_setup(region: str | None = None) -> IngestSetup:
    """Create or update everything; AWS errors in the hub's own account raise."""
    region = region or settings.INGEST_QUEUE_REGION
    hub_account = gateway.caller_identity(HUB_ACCESS).account_id
    name = settings.INGEST_QUEUE_NAME
    dead = sqs.ensure_queue(
        HUB_ACCESS,
        region,
        f"{name}-dead-letters",
        attributes={"MessageRetentionPeriod": str(DEAD_LETTER_RETENTION_SECONDS)},
    )
    bus_name = settings.INGEST_EVENT_BUS_NAME
    pairs = enabled_pairs()
    administrators = _administrators({p.administrator_id for p in pairs})
    bus_arn = eventbridge.ensure_event_bus(
        HUB_ACCESS, region, bus_name, _bus_policy(bus_name, region, hub_account, administrators)
    )
    partition = gateway.hub_partition()
    queue_arn = gateway.arn(partition, "sqs", region, hub_account, name)
    hub_rule_arn = gateway.arn(
        partition, "events", region, hub_account, f"rule/{bus_name}/{RULE_NAME}"
    )
    queue = sqs.ensure_queue(
        HUB_ACCESS,
        region,
        name,
        attributes={
            "VisibilityTimeout": str(settings.INGEST_VISIBILITY_TIMEOUT),
            "RedrivePolicy": json.dumps(
                {
                    "deadLetterTargetArn": dead.arn,
                    # Above the consumer's own limit, which dead-letters with the reason.
                    "maxReceiveCount": settings.INGEST_MAX_RECEIVES * 2,
                }
            ),
            "Policy": json.dumps(_queue_policy(queue_arn, hub_rule_arn)),
        },
    )
    eventbridge.put_rule_to_target(
        HUB_ACCESS, region, rule_name=RULE_NAME, bus_name=bus_name, target_arn=queue.arn
    )
    done = IngestSetup(queue.url, dead.url, bus_arn)
    for pair in pairs:
        admin = administrators[pair.administrator_id]
        where = f"{admin.account_id} {pair.region}"
        access = account_access(admin)
        role = ""
        if pair.region != region:
            # EventBridge needs a role to put events on a bus in another region.
            role = gateway.role_arn(
                access.partition_name, admin.account_id, settings.INGEST_FORWARDER_ROLE_NAME
            )
        try:
            eventbridge.put_rule_to_target(
                access,
                pair.region,
                rule_name=RULE_NAME,
                target_arn=bus_arn,
                role_arn=role,
            )
        except AwsError as exc:
            done.errors.append(f"{where}: {exc.message}")
        else:
            done.rules.append(where)
    return done


def _administrators(pks):
    return AwsAccount.objects.in_bulk(list(pks))


def _bus_policy(bus_name: str, region: str, hub_account: str, administrators) -> dict:
    accounts = sorted({a.account_id for a in administrators.values()} - {hub_account})
    # Events cross accounts only inside one partition: the hub's.
    partition = gateway.hub_partition()
    bus_arn = gateway.arn(partition, "events", region, hub_account, f"event-bus/{bus_name}")
    roots = [gateway.arn(partition, "iam", "", a, "root") for a in accounts]
    statement = [
        {
            "Sid": "AdministratorsForwardFindings",
            "Effect": "Allow",
            "Principal": {"AWS": roots or hub_account},
            "Action": "events:PutEvents",
            "Resource": bus_arn,
        }
    ]
    return {"Version": "2012-10-17", "Statement": statement}


def _queue_policy(queue_arn: str, rule_arn: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "HubRuleSendsFindingEvents",
                "Effect": "Allow",
                "Principal": {"Service": "events.amazonaws.com"},
                "Action": "sqs:SendMessage",
                "Resource": queue_arn,
                "Condition": {"ArnEquals": {"aws:SourceArn": rule_arn}},
            }
        ],
    }
