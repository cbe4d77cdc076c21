"""FindingCriteria and SortCriteria over findings stored in the API wire shape.

Criterion keys are the finding's camelCase JSON paths (`resource.instanceDetails.instanceId`);
lists along a path are flattened and a condition holds when any value satisfies it. Different
attributes AND together, several values of Equals OR together. Dates compare as epoch
milliseconds, booleans as "true"/"false", and Equals on a number also matches its integer part
(the documented way to filter by severity label: Medium is `["4", "5", "6"]`).
"""

import json
import math
import re
from collections.abc import Callable, Iterable
from fnmatch import fnmatchcase
from functools import cache, lru_cache
from typing import Any

from botocore.session import get_session

from guardduty_hub.simulator import errors
from guardduty_hub.simulator.findings import clock

Predicate = Callable[[dict[str, Any]], bool]

MAX_ATTRIBUTES = 50
MAX_VALUES = 50
LIST_OPERATORS = ("equals", "notEquals", "eq", "neq")
NUMBER_OPERATORS = {
    "greaterThan": lambda a, b: a > b,
    "greaterThanOrEqual": lambda a, b: a >= b,
    "lessThan": lambda a, b: a < b,
    "lessThanOrEqual": lambda a, b: a <= b,
    "gt": lambda a, b: a > b,
    "gte": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "lte": lambda a, b: a <= b,
}
PATTERN_OPERATORS = ("matches", "notMatches")
# What a missing member means: GuardDuty findings are active and seen once unless told otherwise.
DEFAULTS = {"service.archived": False, "service.count": 1}
_DIGITS = re.compile(r"^-?\d+(\.\d+)?$")
_DOCUMENTED_FIELD = re.compile(r"<li> <p>([A-Za-z0-9_.]+)</p>")
ORDERS = ("ASC", "DESC")


@cache
def accepted_fields() -> frozenset[str]:
    """The criterion fields GuardDuty accepts: those botocore's model documents for ListFindings
    and CreateFilter (the filter list is the longer one; AWS takes the same fields in both)."""
    model = get_session().get_service_model("guardduty")
    found: set[str] = set()
    for operation in ("ListFindings", "CreateFilter"):
        shape = model.operation_model(operation).input_shape.members["FindingCriteria"]
        found.update(_DOCUMENTED_FIELD.findall(shape.documentation))
    return frozenset(found)


class Stats:
    """How many findings were run through a predicate; tests use it to prove paging is cached."""

    evaluations = 0


def out_of_range() -> errors.GuardDutyError:
    return errors.bad_request(
        "The request is rejected because an invalid or out-of-range value is specified as an "
        "input parameter."
    )


def values_at(finding: dict[str, Any], path: str) -> list[Any]:
    return _getter(path)(finding)


@lru_cache(maxsize=1024)
def _getter(path: str) -> Callable[[dict[str, Any]], list[Any]]:
    """A fast reader of the values at a dotted path (pre-split; lists flattened)."""
    keys = tuple(path.split("."))
    default = [DEFAULTS[path]] if path in DEFAULTS else []

    def read(finding: dict[str, Any]) -> list[Any]:
        current: list[Any] = [finding]
        for key in keys:
            found: list[Any] = []
            for node in current:
                if type(node) is not dict:
                    continue
                child = node.get(key)
                if child is None:
                    continue
                if key == "additionalInfo" and type(child) is dict:
                    found.append(_additional_info(child))
                elif type(child) is list:
                    found.extend(child)
                else:
                    found.append(child)
            if not found:
                return list(default)
            current = found
        return current

    return read


def _additional_info(info: dict[str, Any]) -> Any:
    if isinstance(info.get("value"), str):
        try:
            return json.loads(info["value"])
        except ValueError:
            return info
    return info


def _as_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        if _DIGITS.match(value):
            return float(value)
        return clock.epoch_ms(value)
    return None


def _equal(leaf: Any, wanted: str) -> bool:
    if isinstance(leaf, bool):
        return wanted.lower() == ("true" if leaf else "false")
    if isinstance(leaf, int | float):
        if not _DIGITS.match(wanted):
            return False
        target = float(wanted)
        return float(leaf) == target or ("." not in wanted and math.floor(leaf) == target)
    if isinstance(leaf, str):
        if leaf == wanted:
            return True
        if _DIGITS.match(wanted) and len(wanted) >= 10:
            millis = clock.epoch_ms(leaf)
            return millis is not None and int(millis) == int(float(wanted))
    return False


def _condition(path: str, condition: dict[str, Any], allow_patterns: bool) -> list[Predicate]:
    tests: list[Predicate] = []
    for operator, operand in condition.items():
        if operator in LIST_OPERATORS:
            if not isinstance(operand, list) or len(operand) > MAX_VALUES:
                raise out_of_range()
            wanted = [str(v) for v in operand]
            hit = _any_equal(path, wanted)
            tests.append(hit if operator in ("equals", "eq") else _negate(hit))
        elif operator in NUMBER_OPERATORS:
            bound = _as_number(operand)
            if bound is None:
                raise out_of_range()
            tests.append(_compare(path, NUMBER_OPERATORS[operator], bound))
        elif operator in PATTERN_OPERATORS and allow_patterns:
            patterns = [str(v) for v in operand or []]
            hit = _any_match(path, patterns)
            tests.append(hit if operator == "matches" else _negate(hit))
        else:
            raise out_of_range()
    return tests


def _any_equal(path: str, wanted: list[str]) -> Predicate:
    read = _getter(path)
    exact = frozenset(wanted)
    lowered = frozenset(w.lower() for w in wanted)
    # Long digit strings may be epoch milliseconds compared with a date.
    dates = [w for w in wanted if len(w) >= 10 and _DIGITS.match(w)]

    def test(finding: dict[str, Any]) -> bool:
        for leaf in read(finding):
            kind = type(leaf)
            if kind is str:
                if leaf in exact or (dates and any(_equal(leaf, w) for w in dates)):
                    return True
            elif kind is bool:
                if ("true" if leaf else "false") in lowered:
                    return True
            elif any(_equal(leaf, w) for w in wanted):
                return True
        return False

    return test


def _any_match(path: str, patterns: list[str]) -> Predicate:
    def test(finding: dict[str, Any]) -> bool:
        leaves = [_text(leaf) for leaf in values_at(finding, path)]
        return any(fnmatchcase(leaf, p) for leaf in leaves for p in patterns)

    return test


def _text(leaf: Any) -> str:
    if isinstance(leaf, bool):
        return "true" if leaf else "false"
    return str(leaf)


def _compare(path: str, op: Callable[[float, float], bool], bound: float) -> Predicate:
    def test(finding: dict[str, Any]) -> bool:
        for leaf in values_at(finding, path):
            number = _as_number(leaf)
            if number is not None and op(number, bound):
                return True
        return False

    return test


def _negate(test: Predicate) -> Predicate:
    return lambda f: not test(f)


def compile_criteria(criteria: dict[str, Any] | None, *, allow_patterns: bool = False) -> Predicate:
    """Wire `findingCriteria` -> predicate. Matches/NotMatches are only valid in filters."""
    criterion = (criteria or {}).get("criterion") or {}
    if not isinstance(criterion, dict) or len(criterion) > MAX_ATTRIBUTES:
        raise out_of_range()
    tests: list[Predicate] = []
    fields = accepted_fields()
    for path, condition in criterion.items():
        # AWS refuses a field it does not index rather than answering an empty list.
        if not isinstance(condition, dict) or path not in fields:
            raise out_of_range()
        tests.extend(_condition(path, condition, allow_patterns))
    if not tests:
        return lambda f: True
    return lambda f: all(test(f) for test in tests)


def select(findings: Iterable[dict[str, Any]], predicate: Predicate) -> list[dict[str, Any]]:
    chosen = []
    evaluated = 0
    for finding in findings:
        evaluated += 1
        if predicate(finding):
            chosen.append(finding)
    Stats.evaluations += evaluated
    return chosen


def sort_findings(
    findings: list[dict[str, Any]], sort: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """Wire `sortCriteria` {attributeName, orderBy}; without one, the order of arrival."""
    if sort and sort.get("orderBy", "ASC") not in ORDERS:
        raise errors.invalid_parameter("sortCriteria.orderBy")
    if not sort or not sort.get("attributeName"):
        return findings
    path = sort["attributeName"]
    descending = sort.get("orderBy") == "DESC"

    read = _getter(path)

    def key(finding: dict[str, Any]) -> tuple:
        leaves = read(finding)
        if not leaves:
            return (2, 0.0, "")
        leaf = leaves[0]
        if isinstance(leaf, bool | int | float):
            return (0, float(leaf), "")
        text = _text(leaf)
        if _DIGITS.match(text):
            return (0, float(text), "")
        return (1, 0.0, _sortable_date(text))

    # Ties keep ascending ids in both directions (a stable sort on an id-sorted list).
    by_id = sorted(findings, key=lambda f: str(f.get("id", "")))
    return sorted(by_id, key=key, reverse=descending)


def _sortable_date(text: str) -> str:
    """GuardDuty's own format sorts as text; other date spellings are rewritten into it."""
    if len(text) == 24 and text[10] == "T" and text[-1] == "Z":
        return text
    moment = clock.parse(text) if text[:4].isdigit() else None
    return clock.iso(moment) if moment else text
