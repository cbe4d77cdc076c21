"""Plain frozen dataclasses the gateway returns. No boto3 objects leak out of the seam."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


@dataclass(frozen=True)
class CallerIdentity:
    account_id: str
    arn: str
    user_id: str


@dataclass(frozen=True)
class RegionProbe:
    """What ListDetectors said in one region: enabled or not, the detector, or the error."""

    region: str
    enabled: bool
    detector_id: str | None = None
    error: str = ""
    error_code: str = ""


@dataclass(frozen=True)
class UnprocessedAccount:
    account_id: str
    result: str  # GuardDuty's reason, free text


@dataclass(frozen=True)
class BatchResult:
    """Outcome of a batched member/invitation call. A per-account failure is not an exception."""

    processed: tuple[str, ...] = ()
    unprocessed: tuple[UnprocessedAccount, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.unprocessed

    @property
    def failed_ids(self) -> tuple[str, ...]:
        return tuple(u.account_id for u in self.unprocessed)

    def result_for(self, account_id: str) -> str | None:
        for item in self.unprocessed:
            if item.account_id == account_id:
                return item.result
        return None


@dataclass(frozen=True)
class Member:
    account_id: str
    administrator_id: str
    email: str
    relationship_status: str  # a free string in GuardDuty's model: unknown values pass through
    invited_at: datetime | None
    updated_at: datetime | None
    detector_id: str | None


@dataclass(frozen=True)
class MembersResult:
    members: tuple[Member, ...] = ()
    unprocessed: tuple[UnprocessedAccount, ...] = ()


@dataclass(frozen=True)
class Invitation:
    account_id: str  # the inviting administrator
    invitation_id: str
    relationship_status: str
    invited_at: datetime | None


@dataclass(frozen=True)
class Administrator:
    account_id: str
    invitation_id: str
    relationship_status: str
    invited_at: datetime | None


@dataclass(frozen=True)
class StatisticGroup:
    """One row of GetFindingsStatistics grouped output (the key depends on the grouping)."""

    key: str
    total: int
    last_generated_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


_FRACTION = re.compile(r"(\.\d{1,6})\d*")


def parse_time(value: Any) -> datetime | None:
    """GuardDuty timestamps are strings of several shapes; be lenient, always return UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value
        return datetime.fromtimestamp(seconds, tz=UTC)
    text = str(value).strip().replace(" ", "T", 1)
    # "2025-02-25 20:40:06.000000000": Python reads at most 6 fraction digits.
    text = _FRACTION.sub(r"\1", text, count=1)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def unprocessed_from(response: dict[str, Any]) -> tuple[UnprocessedAccount, ...]:
    return tuple(
        UnprocessedAccount(account_id=item.get("AccountId", ""), result=item.get("Result", ""))
        for item in response.get("UnprocessedAccounts") or ()
    )


def member_from(raw: dict[str, Any]) -> Member:
    return Member(
        account_id=raw.get("AccountId", ""),
        administrator_id=raw.get("AdministratorId") or raw.get("MasterId") or "",
        email=raw.get("Email", ""),
        relationship_status=raw.get("RelationshipStatus", ""),
        invited_at=parse_time(raw.get("InvitedAt")),
        updated_at=parse_time(raw.get("UpdatedAt")),
        detector_id=raw.get("DetectorId") or None,
    )
