"""Finding shapes: boto3 (PascalCase), API wire (camelCase) and EventBridge/S3-export (camelCase).

The store keeps findings in the API wire shape, so responses are the stored dicts. Conversion
walks botocore's `Finding` shape member by member and uses each member's serialization name,
never capitalisation: `productCodeId` is `Code`, `productCodeType` is `ProductType`,
`sourceIPs` is `SourceIps`, an ECS task's `createdAt` is `TaskCreatedAt`. The one structural
difference between the API wire and events: `service.additionalInfo` is `{value: <JSON string>,
type}` on the API but a plain object in events and exports.
"""

import json
from datetime import UTC, datetime
from functools import cache
from typing import Any

from botocore.session import get_session

Shape = Any  # botocore.model.Shape


@cache
def model():
    return get_session().get_service_model("guardduty")


@cache
def finding_shape() -> Shape:
    return model().shape_for("Finding")


def _wire_name(name: str, member: Shape) -> str:
    # Without a locationName the wire name is the member name itself (RdsLoginAttemptAction).
    return member.serialization.get("name", name)


# Member indexes by shape name: botocore builds new Shape objects on every lookup.
_MEMBER_INDEX: dict[str, dict[str, tuple[str, Shape]]] = {}
_WIRE_INDEX: dict[str, dict[str, tuple[str, Shape]]] = {}


def _by_member(shape: Shape) -> dict[str, tuple[str, Shape]]:
    index = _MEMBER_INDEX.get(shape.name)
    if index is None:
        index = {name: (_wire_name(name, m), m) for name, m in shape.members.items()}
        _MEMBER_INDEX[shape.name] = index
    return index


def _by_wire(shape: Shape) -> dict[str, tuple[str, Shape]]:
    cached = _WIRE_INDEX.get(shape.name)
    if cached is not None:
        return cached
    index: dict[str, tuple[str, Shape]] = {}
    # Case-insensitive fallbacks first, exact serialization names win.
    for name, m in shape.members.items():
        index.setdefault(name.lower(), (name, m))
    for name, m in shape.members.items():
        index[_wire_name(name, m)] = (name, m)
    _WIRE_INDEX[shape.name] = index
    return index


def _epoch_seconds(value: Any) -> Any:
    """Timestamp members travel as epoch seconds; accept datetimes and ISO strings too."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return round(value.timestamp(), 6)
    if isinstance(value, str):
        try:
            return round(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp(), 6)
        except ValueError:
            return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return round(float(value), 6)
    return value


def _scalar_to_wire(value: Any, shape: Shape) -> Any:
    kind = shape.type_name
    if kind in ("double", "float") and isinstance(value, int | float):
        return float(value)
    if kind == "timestamp":
        return _epoch_seconds(value)
    return value


def _is_additional_info(shape: Shape) -> bool:
    return shape.name == "ServiceAdditionalInfo"


def _boto3_member(shape: Shape, key: str) -> tuple[str, Shape] | None:
    return _by_member(shape).get(key)


def _event_member(shape: Shape, key: str) -> tuple[str, Shape] | None:
    index = _by_wire(shape)
    found = index.get(key) or index.get(key.lower())
    return None if found is None else (_wire_name(*found), found[1])


def _plain_additional_info(value: dict[str, Any]) -> dict[str, Any]:
    # An empty object stays empty, as the boto3 form of such findings has it.
    return {"value": json.dumps(value, separators=(",", ":")), "type": "default"} if value else {}


def _to_wire(value: Any, shape: Shape, events: bool) -> Any:
    """The walk both input forms share; they differ in how a key names its member and in
    additionalInfo (a plain object in events). Unknown members and nulls are dropped."""
    if value is None:
        return None
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            return None
        if events and _is_additional_info(shape) and not isinstance(value.get("value"), str):
            return _plain_additional_info(value)
        member_of = _event_member if events else _boto3_member
        out = {}
        for key, item in value.items():
            found = member_of(shape, key)
            if found is None or item is None:
                continue
            wire, member = found
            converted = _to_wire(item, member, events)
            if converted is not None:
                out[wire] = converted
        return out
    if kind == "list":
        return (
            [_to_wire(v, shape.member, events) for v in value] if isinstance(value, list) else None
        )
    if kind == "map":
        return {k: _to_wire(v, shape.value, events) for k, v in value.items()}
    return _scalar_to_wire(value, shape)


def boto3_to_wire(value: Any, shape: Shape | None = None) -> Any:
    """boto3 PascalCase -> API wire. Unknown members and nulls are dropped."""
    return _to_wire(value, shape or finding_shape(), events=False)


def event_to_wire(value: Any, shape: Shape | None = None) -> Any:
    """EventBridge detail / S3 export camelCase -> API wire. Unknown keys and nulls dropped."""
    return _to_wire(value, shape or finding_shape(), events=True)


def wire_to_boto3(value: Any, shape: Shape | None = None) -> Any:
    """API wire -> boto3 names (timestamps stay epoch numbers; botocore would make datetimes)."""
    shape = shape or finding_shape()
    kind = shape.type_name
    if kind == "structure":
        out = {}
        for key, item in value.items():
            found = _by_wire(shape).get(key)
            if found is not None:
                out[found[0]] = wire_to_boto3(item, found[1])
        return out
    if kind == "list":
        return [wire_to_boto3(v, shape.member) for v in value]
    if kind == "map":
        return {k: wire_to_boto3(v, shape.value) for k, v in value.items()}
    return value


def wire_to_event(finding: dict[str, Any]) -> dict[str, Any]:
    """API wire -> EventBridge `detail`: the same, with additionalInfo as a plain object."""
    service = finding.get("service")
    info = (service or {}).get("additionalInfo")
    if not info or not isinstance(info.get("value"), str):
        return finding
    try:
        parsed = json.loads(info["value"])
    except ValueError:
        parsed = {"value": info["value"]}
    if not isinstance(parsed, dict):
        parsed = {"value": parsed}
    return {**finding, "service": {**service, "additionalInfo": parsed}}


def unwrap(raw: dict[str, Any]) -> dict[str, Any]:
    """An EventBridge envelope carries the finding in `detail`."""
    if isinstance(raw.get("detail"), dict) and ("detail-type" in raw or "source" in raw):
        return raw["detail"]
    if isinstance(raw.get("Detail"), dict):
        return raw["Detail"]
    return raw


_PASCAL_KEYS = frozenset(("Id", "AccountId", "Type", "Arn", "Severity"))


def is_boto3_shape(finding: dict[str, Any]) -> bool:
    return any(key in finding for key in _PASCAL_KEYS)


def expand(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """A GetFindings response or an export file's `{"findings": [...]}` holds several findings."""
    for key in ("Findings", "findings"):
        if isinstance(raw.get(key), list) and not any(k in raw for k in ("id", "Id")):
            return [f for f in raw[key] if isinstance(f, dict)]
    return [raw]


def to_wire(raw: dict[str, Any]) -> dict[str, Any]:
    """Either input form (boto3 or camelCase, bare or in an EventBridge envelope) -> API wire."""
    finding = unwrap(raw)
    if is_boto3_shape(finding):
        return boto3_to_wire(finding)
    return event_to_wire(finding)
