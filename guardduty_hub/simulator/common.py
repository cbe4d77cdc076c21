"""Small helpers every simulator handler shares: AWS's timestamps, ids, limits and paging.

Kept free of state so the findings handlers can use them too.
"""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from moto.guardduty.models import Detector, GuardDutyBackend, guardduty_backends
from moto.moto_api._internal import mock_random

from guardduty_hub.simulator import errors

MAX_BATCH = 50
MAX_RESULTS = 50


def iso(moment: datetime) -> str:
    """GuardDuty's string timestamps: ISO-8601 UTC with milliseconds and Z."""
    moment = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def iso_now() -> str:
    return iso(datetime.now(UTC))


def new_id() -> str:
    """32 lowercase hex chars, like GuardDuty's detector, finding and invitation ids.

    moto's random source, so `/moto-api/seed` (and the demo world's seed) makes ids repeatable.
    """
    return mock_random.get_random_hex(length=32)


def backend(account_id: str, region: str) -> GuardDutyBackend:
    return guardduty_backends[account_id][region]


def existing_backends(region: str) -> list[GuardDutyBackend]:
    """Backends that already exist in `region`, without creating new ones."""
    found = []
    for account_backends in list(guardduty_backends.values()):
        # keys(): AccountSpecificBackend.__contains__ also answers for regions not yet created.
        if region in account_backends.keys():  # noqa: SIM118
            found.append(dict.__getitem__(account_backends, region))
    return found


def detector_of(account_id: str, region: str) -> Detector | None:
    """The account's detector in the region (GuardDuty allows one)."""
    detectors = backend(account_id, region).detectors
    return next(iter(detectors.values()), None)


def own_detector(call: Any, name: str = "detectorId") -> Detector:
    """The detector named in the request, which must belong to the caller (AWS's message)."""
    detector_id = call.get(name)
    if not isinstance(detector_id, str) or not 1 <= len(detector_id) <= 300:
        raise errors.invalid_parameter(name)
    detector = call.backend.detectors.get(detector_id)
    if detector is None:
        raise errors.detector_not_owned()
    return detector


def check_batch(wire_name: str, items: Any, maximum: int = MAX_BATCH) -> list[Any]:
    """botocore checks only minimum lengths; the maxima are the server's job."""
    if not isinstance(items, list):
        raise errors.invalid_parameter(wire_name)
    if len(items) > maximum:
        raise errors.too_many(wire_name, len(items), maximum)
    return items


def max_results(call: Any, default: int = MAX_RESULTS, maximum: int = MAX_RESULTS) -> int:
    raw = call.get("maxResults")
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise errors.invalid_parameter("maxResults") from None
    if not 1 <= value <= maximum:
        raise errors.bad_request(
            "The request is rejected because the parameter maxResults has an invalid value. "
            f"Value must be between 1 and {maximum}."
        )
    return value


def paginate(call: Any, items: Sequence[Any], default: int = MAX_RESULTS) -> tuple[list[Any], str]:
    """One page of `items` and the next token; "" on the last page, as GuardDuty sends it."""
    size = max_results(call, default=default)
    token = call.get("nextToken") or ""
    start = 0
    if token:
        try:
            start = int(token, 16) - 0x1000
        except ValueError:
            raise errors.invalid_parameter("nextToken") from None
        if not 0 <= start <= len(items):
            raise errors.invalid_parameter("nextToken")
    page = list(items[start : start + size])
    end = start + size
    # An opaque-looking token; the offset is all there is to it.
    return page, (format(end + 0x1000, "x") if end < len(items) else "")
