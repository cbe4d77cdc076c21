"""Trusted IP sets and threat intel sets (reference section 2.6).

Only an administrator (or a standalone account) manages them; a member gets AccessDenied and
lists its administrator's sets instead. Quotas: 1 trusted IP set, 6 threat intel sets per
account and Region. Activation is instant here (AWS passes through ACTIVATING). GuardDuty reads
the list file when it activates a list: a location in S3 (moto's S3, where the hub uploads
lists) whose object does not exist leaves the list in ERROR; other https:// locations are
taken as readable.
"""

from dataclasses import dataclass, field
from typing import Any

from guardduty_hub.simulator import errors, list_files, membership, messages, registry
from guardduty_hub.simulator.common import backend, new_id, own_detector, paginate
from guardduty_hub.simulator.registry import Call, handles

FORMATS = ("TXT", "STIX", "OTX_CSV", "ALIEN_VAULT", "PROOF_POINT", "FIRE_EYE")


@dataclass
class IntelSet:
    name: str
    format: str
    location: str
    active: bool
    tags: dict[str, str] = field(default_factory=dict)
    expected_bucket_owner: str | None = None

    @property
    def status(self) -> str:
        if not self.active:
            return "INACTIVE"
        return "ACTIVE" if list_files.readable(self.location) else "ERROR"

    def to_wire(self) -> dict[str, Any]:
        wire: dict[str, Any] = {
            "name": self.name,
            "format": self.format,
            "location": self.location,
            "status": self.status,
            "tags": self.tags,
        }
        if self.expected_bucket_owner:
            wire["expectedBucketOwner"] = self.expected_bucket_owner
        return wire


@dataclass(frozen=True)
class Kind:
    state: str  # backend attribute
    id_field: str  # wire name of the id (URI label and output member)
    list_field: str
    quota: int
    label: str


IP_SETS = Kind("gdh_ip_sets", "ipSetId", "ipSetIds", 1, "IPSet")
THREAT_INTEL_SETS = Kind(
    "gdh_threat_intel_sets", "threatIntelSetId", "threatIntelSetIds", 6, "ThreatIntelSet"
)
for _kind in (IP_SETS, THREAT_INTEL_SETS):
    registry.backend_state(_kind.state, dict)


def _sets(account: str, region: str, kind: Kind) -> dict[str, IntelSet]:
    return backend(account, region).__dict__.setdefault(kind.state, {})


def _require_administrator(call: Call) -> None:
    if membership.administrator_of(call.account_id, call.region) is not None:
        raise errors.access_denied(messages.ADMIN_ONLY)


def _owner(call: Call) -> str:
    """Whose sets the caller sees: its administrator's when it is a member."""
    return membership.administrator_of(call.account_id, call.region) or call.account_id


def _checked(call: Call, name: str, value: Any, low: int = 1, high: int = 300) -> str:
    if not isinstance(value, str) or not low <= len(value) <= high:
        raise errors.invalid_parameter(name)
    return value


def _create(call: Call, kind: Kind) -> dict[str, Any]:
    own_detector(call)
    _require_administrator(call)
    sets = _sets(call.account_id, call.region, kind)
    if len(sets) >= kind.quota:
        raise errors.bad_request(
            f"The request is rejected because the current account cannot create more than "
            f"{kind.quota} {kind.label}s in this Region."
        )
    if call.get("format") not in FORMATS:
        raise errors.invalid_parameter("format")
    if not isinstance(call.get("activate"), bool):
        raise errors.invalid_parameter("activate")
    item = IntelSet(
        name=_checked(call, "name", call.get("name")),
        format=call.get("format"),
        location=_checked(call, "location", call.get("location")),
        active=call.get("activate"),
        tags=call.get("tags") or {},
        expected_bucket_owner=call.get("expectedBucketOwner"),
    )
    set_id = new_id()
    sets[set_id] = item
    return {kind.id_field: set_id}


def _find(call: Call, kind: Kind, account: str) -> IntelSet:
    set_id = call.get(kind.id_field)
    item = _sets(account, call.region, kind).get(set_id)
    if item is None:
        raise errors.bad_request("The request is rejected since no such resource found.")
    return item


def _get(call: Call, kind: Kind) -> dict[str, Any]:
    own_detector(call)
    return _find(call, kind, _owner(call)).to_wire()


def _update(call: Call, kind: Kind) -> dict[str, Any]:
    own_detector(call)
    _require_administrator(call)
    item = _find(call, kind, call.account_id)
    if call.get("name") is not None:
        item.name = _checked(call, "name", call.get("name"))
    if call.get("location") is not None:
        item.location = _checked(call, "location", call.get("location"))
    if call.get("activate") is not None:
        item.active = bool(call.get("activate"))
    if call.get("expectedBucketOwner") is not None:
        item.expected_bucket_owner = call.get("expectedBucketOwner")
    return {}


def _delete(call: Call, kind: Kind) -> dict[str, Any]:
    own_detector(call)
    _require_administrator(call)
    _find(call, kind, call.account_id)
    del _sets(call.account_id, call.region, kind)[call.get(kind.id_field)]
    return {}


def _list(call: Call, kind: Kind) -> dict[str, Any]:
    own_detector(call)
    page, token = paginate(call, sorted(_sets(_owner(call), call.region, kind)))
    return {kind.list_field: page, "nextToken": token}


for _kind, _label in ((IP_SETS, "IPSet"), (THREAT_INTEL_SETS, "ThreatIntelSet")):
    for _verb, _func in (
        ("Create", _create),
        ("Get", _get),
        ("Update", _update),
        ("Delete", _delete),
    ):
        handles(f"{_verb}{_label}")(lambda call, f=_func, k=_kind: f(call, k))
    handles(f"List{_label}s")(lambda call, k=_kind: _list(call, k))
