"""Checking a list file before it goes anywhere (pure: bytes in, problems out).

GuardDuty's plain-text format is one IP address or CIDR range per line. The hub also allows
blank lines and comments (`#` to the end of the line), as people write them; GuardDuty skips
what it cannot read, so a typo would silently trust or miss an address: every bad line is
reported by number and nothing is uploaded. Other formats are GuardDuty's to read.
"""

import ipaddress

from django.utils.translation import ngettext

MAX_BYTES = 35 * 1024 * 1024  # GuardDuty's limit per list file
# Entries per list file (GuardDuty's quotas).
MAX_ENTRIES = {"trusted": 2000, "threat": 250_000}
MAX_REPORTED = 20  # more bad lines are counted, not listed


def txt_problems(body: bytes, kind: str) -> list[str]:
    """Every problem of a TXT list, in words with its line number; [] when it is good."""
    if len(body) > MAX_BYTES:
        return [f"The file is {len(body):,} bytes; GuardDuty reads at most {MAX_BYTES:,}."]
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [f"The file is not UTF-8 text (byte {exc.start + 1} cannot be read)."]
    problems: list[str] = []
    bad = entries = 0
    for number, line in enumerate(text.splitlines(), start=1):
        value = line.split("#", 1)[0].strip()
        if not value:
            continue
        entries += 1
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            bad += 1
            if bad <= MAX_REPORTED:
                problems.append(
                    f"Line {number}: “{value[:80]}” is not an IP address or CIDR range."
                )
    if bad > MAX_REPORTED:
        more = bad - MAX_REPORTED
        problems.append(
            ngettext("… and %(n)d more bad line.", "… and %(n)d more bad lines.", more)
            % {"n": more}
        )
    if not entries and not problems:
        problems.append("The file has no IP address or CIDR range.")
    limit = MAX_ENTRIES[kind]
    if entries > limit:
        problems.append(f"The file has {entries:,} entries; GuardDuty reads at most {limit:,}.")
    return problems
