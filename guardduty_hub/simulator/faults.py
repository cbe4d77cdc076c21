"""Fault injection: throttling, internal errors, access denied (say, a service control policy
denying GuardDuty in one region), denied role assumption, regions not enabled.

Reproducible: every random choice comes from one `random.Random(seed)`. A rule fails requests
as a rate (each matching request fails with probability `rate`) and/or as a burst (the next
`burst` matching requests fail in a row: longer than botocore's own retries, so the hub's
retries can be tested). Faults are cleared with the rest of the world on reset.
"""

import random
import threading
from dataclasses import asdict, dataclass, field
from typing import Any

from moto.core.exceptions import AccessDeniedError

from guardduty_hub.simulator import registry, world
from guardduty_hub.simulator.errors import GuardDutyError

THROTTLE = "throttle"
INTERNAL = "internal"
DENIED = "denied"
KINDS = (THROTTLE, INTERNAL, DENIED)


@dataclass
class FaultRule:
    kind: str
    rate: float = 0.0
    burst: int = 0
    # None: every operation / account / region.
    operations: list[str] | None = None
    accounts: list[str] | None = None
    regions: list[str] | None = None
    failures: int = 0  # how many requests this rule failed so far

    def matches(self, call: registry.Call) -> bool:
        return (
            (self.operations is None or call.operation in self.operations)
            and (self.accounts is None or call.account_id in self.accounts)
            and (self.regions is None or call.region in self.regions)
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class FaultState:
    seed: int = 0
    rules: list[FaultRule] = field(default_factory=list)
    denied_assume_role: set[str] = field(default_factory=set)
    disabled_regions: set[tuple[str, str]] = field(default_factory=set)
    rng: random.Random = field(default_factory=lambda: random.Random(0))


STATE = FaultState()
_lock = threading.Lock()


def clear_faults() -> None:
    with _lock:
        STATE.__init__()  # type: ignore[misc]


def set_seed(seed: int) -> None:
    with _lock:
        STATE.seed = seed
        STATE.rng = random.Random(seed)


def inject(
    kind: str,
    *,
    rate: float = 0.0,
    burst: int = 0,
    operations: list[str] | None = None,
    accounts: list[str] | None = None,
    regions: list[str] | None = None,
    seed: int | None = None,
) -> FaultRule:
    """Add a fault rule: `kind` is "throttle" (HTTP 429), "internal" (HTTP 500) or "denied"
    (HTTP 403 AccessDeniedException, as an explicit deny in a service control policy answers)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    if not 0.0 <= float(rate) <= 1.0 or int(burst) < 0 or not (rate or burst):
        raise ValueError("give a rate in (0, 1] and/or a burst >= 1")
    if seed is not None:
        set_seed(seed)
    rule = FaultRule(
        kind=kind,
        rate=float(rate),
        burst=int(burst),
        operations=list(operations) if operations else None,
        accounts=list(accounts) if accounts else None,
        regions=list(regions) if regions else None,
    )
    with _lock:
        STATE.rules.append(rule)
    return rule


def deny_assume_role(account_ids: list[str]) -> None:
    """sts:AssumeRole into a role of these accounts answers AccessDenied."""
    with _lock:
        STATE.denied_assume_role.update(account_ids)


def disable_region(account_id: str, region: str) -> None:
    """GuardDuty calls of the account in the region answer 403 UnrecognizedClientException."""
    with _lock:
        STATE.disabled_regions.add((account_id, region))


def fault_status() -> dict[str, Any]:
    with _lock:
        return {
            "seed": STATE.seed,
            "rules": [r.to_dict() for r in STATE.rules],
            "deniedAssumeRole": sorted(STATE.denied_assume_role),
            "disabledRegions": [
                {"accountId": a, "region": r} for a, r in sorted(STATE.disabled_regions)
            ],
        }


def _error_for(kind: str) -> GuardDutyError:
    if kind == THROTTLE:
        # API Gateway's throttling answer; botocore retries TooManyRequestsException.
        return GuardDutyError(
            "Too Many Requests",
            status=429,
            error_type="TooManyRequestsException",
            legacy_type="TooManyRequestsException",
        )
    if kind == DENIED:
        return GuardDutyError(
            "User is not authorized to perform this action with an explicit deny in a service "
            "control policy",
            status=403,
            error_type="AccessDeniedException",
            legacy_type="AccessDeniedException",
        )
    return GuardDutyError(
        "The request is rejected since an internal exception was found.",
        status=500,
        error_type="InternalServerErrorException",
        legacy_type="InternalException",
    )


def before_call(call: registry.Call) -> None:
    """registry.BEFORE_CALL hook: fail the request when a fault applies."""
    if (call.account_id, call.region) in STATE.disabled_regions:
        raise GuardDutyError(
            "The security token included in the request is invalid.",
            status=403,
            error_type="UnrecognizedClientException",
            legacy_type="UnrecognizedClientException",
        )
    if not STATE.rules:
        return
    with _lock:
        for rule in STATE.rules:
            if not rule.matches(call):
                continue
            if rule.burst > 0:
                rule.burst -= 1
            elif not (rule.rate and STATE.rng.random() < rule.rate):
                continue
            rule.failures += 1
            raise _error_for(rule.kind)


def install_sts_patch() -> None:
    """Wrap moto's STS assume_role so named accounts refuse it (in-process and server)."""
    from moto.sts.models import STSBackend

    original = STSBackend.assume_role
    if getattr(original, "_simulator_faults", False):
        return

    def assume_role(self: STSBackend, *args: Any, **kwargs: Any) -> Any:
        role_arn = kwargs.get("role_arn") or ""
        parts = role_arn.split(":")
        if len(parts) > 4 and parts[4] in STATE.denied_assume_role:
            # AWS's wording: HTTP 403, code AccessDenied.
            raise AccessDeniedError(
                f"arn:aws:iam::{self.account_id}:user/guardduty-hub",
                f"sts:AssumeRole on resource: {role_arn}",
            )
        return original(self, *args, **kwargs)

    assume_role._simulator_faults = True  # type: ignore[attr-defined]
    STSBackend.assume_role = assume_role  # type: ignore[method-assign]


def install() -> None:
    if before_call not in registry.BEFORE_CALL:
        registry.BEFORE_CALL.append(before_call)
    if clear_faults not in world.ON_RESET:
        world.ON_RESET.append(clear_faults)
    install_sts_patch()
