"""Checking TXT list files before upload: bad lines reported by number."""

from guardduty_hub.configuration.list_files import MAX_REPORTED, txt_problems
from tests.configuration.conftest import GOOD_TXT


def test_ipset_txt_with_comments_and_cidrs_is_good():
    assert txt_problems(GOOD_TXT, "trusted") == []


def test_ipset_txt_bad_lines_by_number():
    body = b"10.0.0.1\nnot-an-ip\n\n# fine\n300.1.2.3\n10.0.0.0/33 # comment\n"
    assert txt_problems(body, "trusted") == [
        "Line 2: “not-an-ip” is not an IP address or CIDR range.",
        "Line 5: “300.1.2.3” is not an IP address or CIDR range.",
        "Line 6: “10.0.0.0/33” is not an IP address or CIDR range.",
    ]


def test_threat_txt_many_bad_lines_are_counted():
    body = b"\n".join(b"bad%d" % n for n in range(MAX_REPORTED + 5))
    problems = txt_problems(body, "threat")
    assert len(problems) == MAX_REPORTED + 1
    assert problems[-1] == "… and 5 more bad lines."


def test_ipset_txt_empty_binary_and_too_long():
    assert txt_problems(b"# only a comment\n", "trusted") == [
        "The file has no IP address or CIDR range."
    ]
    assert "not UTF-8" in txt_problems(b"\xff\xfe\x00", "trusted")[0]
    many = b"\n".join(b"10.0.%d.%d" % (n // 250, n % 250) for n in range(2001))
    assert txt_problems(many, "trusted") == [
        "The file has 2,001 entries; GuardDuty reads at most 2,000."
    ]
    assert txt_problems(many, "threat") == []
