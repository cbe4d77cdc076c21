"""What fits a 64-bit integer column: the one check for numbers that reach a query.

SQLite cannot bind a bigger Python int (OverflowError) and PostgreSQL refuses one for a bigint
column, so an id or count from a URL or a form beyond these bounds would be a server error
instead of "not found" or a form error. Form, filter and DRF fields take the bounds as their
min/max values; parameters read by hand go through `as_db_id`.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

BIGINT_MAX = 2**63 - 1
# An IntegerField / PositiveIntegerField column (PostgreSQL "integer"), e.g. a finding's count.
INTEGER_MAX = 2**31 - 1


def as_db_id(value) -> int | None:
    """`value` as a positive 64-bit id, or None when it is not one (never raises)."""
    text = str(value).strip() if value is not None else ""
    # ASCII digits only: int() would also take "1_000" and other scripts' digits.
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 0 < number <= BIGINT_MAX else None


def in_current_timezone(value: datetime | None) -> datetime | None:
    """A parsed date and time in the active time zone (the user's). PostgreSQL refuses a UTC
    offset beyond about 16 hours, which ISO 8601 text (and Python) allow; and a time near year
    1 or 9999 may not exist in another zone at all: a form error, not a server error."""
    if value is None or value.tzinfo is None:
        return value
    try:
        return timezone.localtime(value)
    except OverflowError:
        raise ValidationError("This date and time is out of range.", code="invalid") from None


def db_ids(values) -> list[int]:
    """The values that are 64-bit ids (bulk actions: the others cannot name a row)."""
    return [n for n in map(as_db_id, values) if n is not None]
