"""EventBridge: the rules that carry GuardDuty's finding events to the hub's queue.

GuardDuty puts a "GuardDuty Finding" event on the default bus of the finding's account and of
its administrator, in the finding's region. A rule on each administrator's default bus, in each
region, forwards them to one event bus of the hub's (cross-account, cross-region targets are
event buses); a rule there delivers to the hub's SQS queue.
"""

from __future__ import annotations

import json

from guardduty_hub.aws import clients
from guardduty_hub.aws.errors import PermanentAwsError, translate
from guardduty_hub.aws.sessions import AccountAccess

FINDING_EVENTS = {"source": ["aws.guardduty"], "detail-type": ["GuardDuty Finding"]}


def ensure_event_bus(access: AccountAccess, region: str, name: str, policy: dict) -> str:
    """The named bus (created when missing) with `policy` as its resource policy; its ARN."""
    client = clients.client(access, "events", region)
    with translate("ListEventBuses", access, region):
        found = client.list_event_buses(NamePrefix=name).get("EventBuses", [])
    arn = next((b["Arn"] for b in found if b.get("Name") == name), "")
    if not arn:
        with translate("CreateEventBus", access, region):
            arn = client.create_event_bus(Name=name)["EventBusArn"]
    with translate("PutPermission", access, region):
        client.put_permission(EventBusName=name, Policy=json.dumps(policy))
    return arn


def put_rule_to_target(
    access: AccountAccess,
    region: str,
    *,
    rule_name: str,
    target_arn: str,
    bus_name: str = "default",
    role_arn: str = "",
    pattern: dict | None = None,
) -> str:
    """Create or update a rule for GuardDuty finding events with one target; the rule's ARN."""
    client = clients.client(access, "events", region)
    with translate("PutRule", access, region):
        rule_arn = client.put_rule(
            Name=rule_name,
            EventBusName=bus_name,
            EventPattern=json.dumps(pattern or FINDING_EVENTS),
            State="ENABLED",
            Description="GuardDuty findings to GuardDuty Hub",
        )["RuleArn"]
    target = {"Id": "guardduty-hub", "Arn": target_arn}
    if role_arn:
        target["RoleArn"] = role_arn
    with translate("PutTargets", access, region):
        answer = client.put_targets(Rule=rule_name, EventBusName=bus_name, Targets=[target])
    if answer.get("FailedEntryCount"):
        failed = (answer.get("FailedEntries") or [{}])[0]
        raise PermanentAwsError(
            f"EventBridge refused the target of rule {rule_name}: "
            f"{failed.get('ErrorCode', '')} {failed.get('ErrorMessage', '')}".strip(),
            code="FailedEntry",
            operation="PutTargets",
            account_id=access.account_id,
            region=region,
        )
    return rule_arn
