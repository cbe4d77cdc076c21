"""Lenient parsing of the timestamps GuardDuty findings carry.

GuardDuty models most finding times as strings (ISO-8601 UTC, usually with milliseconds and `Z`,
sometimes without milliseconds, once as `2025-02-25 20:40:06.000000000`), newer fields as epoch
numbers, and hand-made fixtures contain anything. Unparseable values become None rather than
failing the whole finding.
"""

import re
from datetime import UTC, datetime

# Epoch values above this are milliseconds (1e11 seconds is the year 5138).
_EPOCH_MS_THRESHOLD = 100_000_000_000
_FRACTION = re.compile(r"(\.\d+)")
# GuardDuty's usual form, `2024-02-29T23:59:59.123Z`: read without the general path's rewrites.
_USUAL = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z")


def parse_timestamp(value: object) -> datetime | None:
    """An aware UTC datetime from a GuardDuty time value, or None when there is none or it is junk."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if _USUAL.fullmatch(text):
        try:
            return datetime.fromisoformat(text[:-1]).replace(tzinfo=UTC)
        except ValueError:  # well-formed but impossible, e.g. February 30
            return None
    try:
        return _from_epoch(float(text))
    except ValueError:
        pass
    return _from_iso(text)


def _from_epoch(number: float) -> datetime | None:
    if number >= _EPOCH_MS_THRESHOLD:
        number /= 1000.0
    try:
        return datetime.fromtimestamp(number, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _from_iso(text: str) -> datetime | None:
    text = text.replace(" ", "T", 1)
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    # Python keeps microseconds: cut nanoseconds down to six digits.
    text = _FRACTION.sub(lambda m: m.group(1)[:7], text, count=1)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def to_epoch_ms(moment: datetime) -> int:
    """Epoch milliseconds, the unit of FindingCriteria date fields."""
    return int(moment.timestamp() * 1000)
