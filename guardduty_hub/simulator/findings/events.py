"""Publishing findings to EventBridge as GuardDuty does: one "GuardDuty Finding" event per
finding, camelCase detail, on the owner's default bus and on its administrator's.

moto's events backend delivers to rules' targets (SQS included) inside put_events.
"""

import json
from typing import Any

from moto.events.models import events_backends

from guardduty_hub.simulator.findings import clock
from guardduty_hub.simulator.findings.convert import wire_to_event
from guardduty_hub.simulator.findings.scope import administrator_of

SOURCE = "aws.guardduty"
DETAIL_TYPE = "GuardDuty Finding"


def publish(owner_account: str, region: str, finding: dict[str, Any]) -> None:
    detail = json.dumps(wire_to_event(finding), separators=(",", ":"))
    moment = clock.parse(finding.get("updatedAt") or "") or clock.now()
    entry = {
        "Source": SOURCE,
        "DetailType": DETAIL_TYPE,
        "Detail": detail,
        "Resources": [],
        # Epoch seconds, as boto3 would send PutEvents' Time; moto renders it as ISO-8601.
        "Time": moment.timestamp(),
    }
    accounts = [owner_account]
    admin = administrator_of(owner_account, region)
    if admin and admin != owner_account:
        accounts.append(admin)
    for account in accounts:
        events_backends[account][region].put_events([dict(entry)])
