"""Filters and suppression rules: Create/Get/Update/Delete/ListFilters (reference section 2.5).

moto keeps filters on the detector (`detector.filters`, moto's Filter); these handlers replace
moto's with AWS's checks: names of 3-64 `[A-Za-z0-9._-]`, NOOP or ARCHIVE, criteria that
ListFindings would accept (plus Matches/NotMatches), at most 100 filters per account and
Region, administrator-only changes. Rank is the filter's position in the detector's list: a
new filter without one goes last, a given rank inserts there and the others move down, so the
ranks are always 1..n (ingest.py applies ARCHIVE filters to new findings in that order).
"""

import re
from typing import Any

from moto.guardduty.models import Detector, Filter

from guardduty_hub.simulator import errors, membership, messages
from guardduty_hub.simulator.common import own_detector, paginate
from guardduty_hub.simulator.findings.criteria import compile_criteria
from guardduty_hub.simulator.registry import Call, handles

ACTIONS = ("NOOP", "ARCHIVE")
MAX_FILTERS = 100
MAX_PATTERNS = 5
NAME = re.compile(r"^[A-Za-z0-9._-]{3,64}$")
NOT_FOUND = "The request is rejected since no such resource found."
DUPLICATE = "The request is rejected because a filter with the same name already exists."
TOO_MANY = (
    f"The request is rejected because the current account cannot create more than "
    f"{MAX_FILTERS} filters in this Region."
)


def _require_administrator(call: Call) -> None:
    """Members lose access to suppression rules once they have an administrator."""
    if membership.administrator_of(call.account_id, call.region) is not None:
        raise errors.bad_request(messages.ADMIN_ONLY)


def _ordered(detector: Detector) -> list[Filter]:
    return sorted(detector.filters.values(), key=lambda f: f.rank)


def _place(detector: Detector, item: Filter, rank: int | None) -> None:
    """Put `item` at position `rank` (last when None or past the end); renumber 1..n."""
    others = [f for f in _ordered(detector) if f is not item]
    position = len(others) if rank is None else min(rank - 1, len(others))
    others.insert(position, item)
    for number, each in enumerate(others, start=1):
        each.rank = number


def _checked_rank(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_FILTERS:
        raise errors.invalid_parameter("rank")
    return value


def _checked_criteria(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict) or not (value.get("criterion") or {}):
        raise errors.invalid_parameter("findingCriteria")
    for condition in value["criterion"].values():
        for operator in ("matches", "notMatches"):
            patterns = condition.get(operator) if isinstance(condition, dict) else None
            if patterns is not None and (
                not isinstance(patterns, list)
                or len(patterns) > MAX_PATTERNS
                or any(not isinstance(p, str) or len(p) > 512 for p in patterns)
            ):
                raise errors.invalid_parameter(f"findingCriteria.{operator}")
    compile_criteria(value, allow_patterns=True)  # the same checks ListFindings makes
    return value


def _checked_action(value: Any) -> str:
    if value not in ACTIONS:
        raise errors.invalid_parameter("action")
    return value


def _checked_description(value: Any) -> str:
    if not isinstance(value, str) or len(value) > 512:
        raise errors.invalid_parameter("description")
    return value


def _find(detector: Detector, call: Call) -> Filter:
    found = detector.filters.get(call.get("filterName"))
    if found is None:
        raise errors.bad_request(NOT_FOUND)
    return found


def _to_wire(item: Filter) -> dict[str, Any]:
    wire = {
        "name": item.name,
        "action": item.action,
        "rank": item.rank,
        "findingCriteria": item.finding_criteria,
        "tags": getattr(item, "tags", {}),
    }
    if item.description:
        wire["description"] = item.description
    return wire


@handles("CreateFilter")
def create_filter(call: Call) -> dict[str, Any]:
    detector = own_detector(call)
    _require_administrator(call)
    name = call.get("name")
    if not isinstance(name, str) or not NAME.match(name):
        raise errors.invalid_parameter("name")
    if name in detector.filters:
        raise errors.bad_request(DUPLICATE)
    if len(detector.filters) >= MAX_FILTERS:
        raise errors.bad_request(TOO_MANY)
    rank = _checked_rank(call.get("rank"))
    item = Filter(
        name=name,
        action=_checked_action(call.get("action") or "NOOP"),
        description=_checked_description(call.get("description") or ""),
        finding_criteria=_checked_criteria(call.get("findingCriteria")),
        rank=0,
    )
    item.tags = dict(call.get("tags") or {})
    detector.filters[name] = item
    _place(detector, item, rank)
    return {"name": name}


@handles("GetFilter")
def get_filter(call: Call) -> dict[str, Any]:
    return _to_wire(_find(own_detector(call), call))


@handles("UpdateFilter")
def update_filter(call: Call) -> dict[str, Any]:
    detector = own_detector(call)
    _require_administrator(call)
    item = _find(detector, call)
    action, description = call.get("action"), call.get("description")
    criteria, rank = call.get("findingCriteria"), _checked_rank(call.get("rank"))
    # Check everything before changing anything: a refused update changes nothing.
    item.update(
        action=None if action is None else _checked_action(action),
        description=None if description is None else _checked_description(description),
        finding_criteria=None if criteria is None else _checked_criteria(criteria),
        rank=None,
    )
    if rank is not None:
        _place(detector, item, rank)
    return {"name": item.name}


@handles("DeleteFilter")
def delete_filter(call: Call) -> dict[str, Any]:
    detector = own_detector(call)
    _require_administrator(call)
    item = _find(detector, call)
    del detector.filters[item.name]
    for number, each in enumerate(_ordered(detector), start=1):
        each.rank = number
    return {}


@handles("ListFilters")
def list_filters(call: Call) -> dict[str, Any]:
    detector = own_detector(call)
    page, token = paginate(call, [f.name for f in _ordered(detector)])
    return {"filterNames": page, "nextToken": token}
