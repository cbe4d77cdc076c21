from datetime import UTC, datetime

import pytest

from guardduty_hub.findings.timestamps import parse_timestamp, to_epoch_ms


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-04-28T02:54:50.712Z", datetime(2021, 4, 28, 2, 54, 50, 712000, tzinfo=UTC)),
        ("2021-04-28T02:41:25Z", datetime(2021, 4, 28, 2, 41, 25, tzinfo=UTC)),
        ("2021-04-28T02:41:25.1234567Z", datetime(2021, 4, 28, 2, 41, 25, 123456, tzinfo=UTC)),
        ("2025-02-25 20:40:06.000000000", datetime(2025, 2, 25, 20, 40, 6, tzinfo=UTC)),
        ("2025-02-25 20:40:06.123456789", datetime(2025, 2, 25, 20, 40, 6, 123456, tzinfo=UTC)),
        ("2025-02-25T20:40:06", datetime(2025, 2, 25, 20, 40, 6, tzinfo=UTC)),
        ("2025-02-25T22:40:06+02:00", datetime(2025, 2, 25, 20, 40, 6, tzinfo=UTC)),
        (1486685375, datetime(2017, 2, 10, 0, 9, 35, tzinfo=UTC)),
        (1486685375000, datetime(2017, 2, 10, 0, 9, 35, tzinfo=UTC)),
        (1486685375.5, datetime(2017, 2, 10, 0, 9, 35, 500000, tzinfo=UTC)),
        ("1486685375000", datetime(2017, 2, 10, 0, 9, 35, tzinfo=UTC)),
    ],
)
def test_parses_every_form_guardduty_uses(value, expected):
    assert parse_timestamp(value) == expected


@pytest.mark.parametrize(
    "junk",
    [None, "", "   ", "${CREATED_AT}", "yesterday", True, [], {}, 1e30, "2024-02-30T00:00:00.000Z"],
)
def test_junk_becomes_none(junk):
    assert parse_timestamp(junk) is None


def test_epoch_ms_round_trip():
    moment = datetime(2024, 1, 2, 3, 4, 5, 678000, tzinfo=UTC)
    assert parse_timestamp(to_epoch_ms(moment)) == moment
