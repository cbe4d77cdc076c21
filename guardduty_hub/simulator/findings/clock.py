"""Time as GuardDuty writes it: ISO-8601 UTC strings with milliseconds and Z.

FindingCriteria compares dates as epoch milliseconds, so parsing is lenient: real data also has
no milliseconds, `+00:00` offsets and even `2025-02-25 20:40:06.000000000`.
"""

import re
from datetime import UTC, datetime
from functools import lru_cache

_NANOS = re.compile(r"(\.\d{6})\d+")


def now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


@lru_cache(maxsize=200_000)
def parse(text: str) -> datetime | None:
    value = _NANOS.sub(r"\1", text.strip().replace("Z", "+00:00"))
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def epoch_ms(value: object) -> float | None:
    """A finding's date (ISO string, or epoch seconds for timestamp shapes) in epoch ms."""
    if isinstance(value, str):
        moment = parse(value)
        return moment.timestamp() * 1000 if moment else None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value) * 1000
    return None
