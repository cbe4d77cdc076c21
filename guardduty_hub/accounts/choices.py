"""GuardDuty's relationship statuses: labels, symbols, colours and meaning in one place.

GuardDuty types RelationshipStatus as a free string (reference 3.1), so memberships store what
GuardDuty says as-is; this table only decorates the values we know. Unknown values (Macie's
RegionDisabled, AccountSuspended, ...) are shown exactly as they come, with a neutral colour.
Each status has a symbol as well as a colour, so that a strip reads without colour (the legend
on the accounts page explains both).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class StatusInfo:
    value: str
    label: str
    help: str
    css: str
    symbol: str = "?"


class RelationshipStatus:
    CREATED = "Created"
    INVITED = "Invited"
    EMAIL_VERIFICATION_IN_PROGRESS = "EmailVerificationInProgress"
    EMAIL_VERIFICATION_FAILED = "EmailVerificationFailed"
    ENABLED = "Enabled"
    DISABLED = "Disabled"
    REMOVED = "Removed"
    RESIGNED = "Resigned"


_KNOWN = [
    StatusInfo(
        "Created", "Created", "Added as a member; no invitation sent yet.", "st-Created", "+"
    ),
    StatusInfo(
        "Invited", "Invited", "Invitation sent; waiting for the member.", "st-Invited", "\u2709"
    ),
    StatusInfo(
        "EmailVerificationInProgress",
        "Verifying email",
        "GuardDuty is checking that the email matches the account's root email.",
        "st-EmailVerificationInProgress",
        "\u2026",
    ),
    StatusInfo(
        "EmailVerificationFailed",
        "Email check failed",
        "The email is not the account's root email: remove the member and add it again.",
        "st-EmailVerificationFailed",
        "!",
    ),
    StatusInfo("Enabled", "Enabled", "Member accepted; monitored.", "st-Enabled", "\u2713"),
    StatusInfo(
        "Disabled", "Suspended", "Associated but monitoring is stopped.", "st-Disabled", "\u2016"
    ),
    StatusInfo("Removed", "Removed", "Disassociated by the administrator.", "st-Removed", "\u2715"),
    StatusInfo(
        "Resigned", "Resigned", "The member left the administrator.", "st-Resigned", "\u21a9"
    ),
]
STATUS_INFO: dict[str, StatusInfo] = {info.value: info for info in _KNOWN}
KNOWN_STATUSES: list[str] = [info.value for info in _KNOWN]

NOT_A_MEMBER = StatusInfo(
    "", "Not a member", "Not a GuardDuty member in this region.", "st-none", "\u2013"
)
# Any other value GuardDuty reports: shown as it comes, with this meaning and symbol.
UNKNOWN = StatusInfo(
    "other", "Other", "A status GuardDuty reported that the hub does not know.", "st-unknown", "?"
)

# Associated with an administrator (what disassociating applies to).
ASSOCIATED = {"Enabled", "Disabled"}


def status_info(value: str) -> StatusInfo:
    """The decoration for a status; unknown values keep their own text and a neutral colour."""
    if value in STATUS_INFO:
        return STATUS_INFO[value]
    if not value:
        return NOT_A_MEMBER
    return StatusInfo(value, value, UNKNOWN.help, UNKNOWN.css, UNKNOWN.symbol)


def status_choices() -> list[tuple[str, str]]:
    """For filter forms: the known statuses with their labels."""
    return [(info.value, info.label) for info in _KNOWN]


def status_legend() -> list[StatusInfo]:
    """Every status the strip can show, for the legend: the known ones, then none and unknown."""
    return [*_KNOWN, NOT_A_MEMBER, UNKNOWN]
