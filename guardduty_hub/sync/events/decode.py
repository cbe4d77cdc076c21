"""From one SQS message body to a finding, or the reason it is not one. Pure: no ORM, no AWS.

The body is the EventBridge event as the rule delivered it: `source`, `detail-type`, `time`,
`region` (the finding's region), `account` (the bus owner; moto's envelope lacks it) and the
finding in `detail`, camelCase, which the sync's mapper reads as it reads GetFindings.
"""

from dataclasses import dataclass
from datetime import datetime

import orjson

from guardduty_hub.findings.mapping import FindingValues, NotAFinding, finding_from_guardduty
from guardduty_hub.findings.timestamps import parse_timestamp
from guardduty_hub.sync.models import DeadLetterKind

SOURCE = "aws.guardduty"
DETAIL_TYPE = "GuardDuty Finding"


class Poison(Exception):
    """A message the hub cannot use as it is: dead-lettered with `kind` and the reason."""

    def __init__(self, kind: str, reason: str, *, account_id: str = "", region: str = ""):
        super().__init__(reason)
        self.kind = kind
        self.reason = reason
        self.account_id = account_id
        self.region = region


@dataclass(frozen=True)
class FindingEvent:
    values: FindingValues
    # The region GuardDuty holds the finding in (the pair's region on the hub's side).
    region: str
    # The account whose bus the event came through ("" when the envelope does not say).
    bus_account: str
    # When GuardDuty published the event (None: the envelope has no usable time).
    published_at: datetime | None


def finding_event(body: str) -> FindingEvent:
    """The finding a message carries; raises Poison with the reason otherwise."""
    try:
        event = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise Poison(DeadLetterKind.MALFORMED, f"The message is not JSON: {exc}.") from None
    if not isinstance(event, dict):
        raise Poison(DeadLetterKind.MALFORMED, "The message is not a JSON object (an event).")
    source, detail_type = event.get("source"), event.get("detail-type")
    if source != SOURCE or detail_type != DETAIL_TYPE:
        raise Poison(
            DeadLetterKind.UNKNOWN_TYPE,
            f"Not a GuardDuty finding event: source {source!r}, detail-type {detail_type!r} "
            f"(expected {SOURCE!r}, {DETAIL_TYPE!r}).",
        )
    detail = event.get("detail")
    if not isinstance(detail, dict):
        raise Poison(
            DeadLetterKind.MALFORMED, "The event has no finding: `detail` is not an object."
        )
    try:
        values = finding_from_guardduty(detail)
    except NotAFinding as exc:
        raise Poison(DeadLetterKind.MALFORMED, f"The event's finding is unusable: {exc}") from None
    region = values.region or _text(event.get("region"))
    if not values.account_id or not region:
        raise Poison(
            DeadLetterKind.MALFORMED,
            "The event's finding has no accountId or region: the hub cannot tell whose it is.",
            account_id=values.account_id,
            region=region,
        )
    return FindingEvent(
        values=values,
        region=region,
        bus_account=_text(event.get("account")),
        published_at=parse_timestamp(event.get("time")),
    )


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
