"""Controls beyond the AWS API, callable in-process; control_routes.py serves the same over HTTP.

register_accounts({"111122223333": "root@example.com"})
registered_accounts() -> dict[str, str]
outbox(account_id=None, region=None, to=None) -> list[dict]
inject_fault("throttle" | "internal", rate=0.2, burst=0, operations=[...], seed=7)
deny_assume_role(["111122223333"]); disable_region("111122223333", "ap-east-1")
clear_faults(); fault_status() -> dict
set_verification_delay(0.3)
load_findings(account_id, region, findings, publish=False) -> int     (findings helper)
advance_activity(seed=None, **options) -> dict                        (findings helper)
reset(world=None, seed=0) -> dict    # empties moto and the simulator; optionally builds a world
"""

from typing import Any

from guardduty_hub.simulator import faults, membership, world
from guardduty_hub.simulator import findings as findings_api
from guardduty_hub.simulator import outbox as _outbox
from guardduty_hub.simulator.demo_world import build_world
from guardduty_hub.simulator.world import LOCK, WORLD

inject_fault = faults.inject
deny_assume_role = faults.deny_assume_role
disable_region = faults.disable_region
clear_faults = faults.clear_faults
register_accounts = world.register_accounts
fault_status = faults.fault_status


def registered_accounts() -> dict[str, str]:
    with LOCK:
        return dict(WORLD.root_emails)


def outbox(
    account_id: str | None = None, region: str | None = None, to: str | None = None
) -> list[dict[str, Any]]:
    with LOCK:
        membership.settle()  # emails of verifications that are due have been sent by now
        return [e.to_dict() for e in _outbox.emails(account_id=account_id, region=region, to=to)]


def set_verification_delay(seconds: float) -> None:
    if not 0 <= float(seconds) <= 60:
        raise ValueError("delay must be between 0 and 60 seconds")
    WORLD.verification_delay = float(seconds)


def load_findings(
    account_id: str,
    region: str,
    findings: list[dict[str, Any]],
    publish: bool = False,
    wire: bool = False,
) -> list[str]:
    """Load findings (GetFindings PascalCase or EventBridge/S3-export camelCase); their ids.

    wire=True: bulk loads already in the API wire shape, stored as given (no conversion).
    """
    load = findings_api.load_wire_findings if wire else findings_api.load_findings
    with LOCK:  # the HTTP server's request threads read the stores being filled
        return load(account_id, region, findings, publish=publish)


def advance_activity(
    account_id: str | None = None,
    region: str | None = None,
    seed: int | None = None,
    new: int = 1,
    reoccur: int = 1,
    publish: bool = True,
) -> dict[str, dict[str, list[str]]]:
    """Move the simulated world on: new findings and re-occurrences.

    For one account and region, or (by default) for every account with a detector in every
    region that has one. The findings package skips Disabled members and disabled detectors.
    Returns {"<account>/<region>": {"new": [...], "reoccurred": [...]}}.
    """
    import random

    advance = findings_api.advance_activity
    rng = random.Random(seed)
    done = {}
    with LOCK:
        for account, where in _targets(account_id, region):
            done[f"{account}/{where}"] = advance(
                account, where, seed=rng.randrange(2**32), new=new, reoccur=reoccur, publish=publish
            )
    return done


def _targets(account_id: str | None, region: str | None) -> list[tuple[str, str]]:
    if account_id and region:
        return [(account_id, region)]
    from moto.guardduty.models import guardduty_backends

    found = []
    for account, per_region in list(guardduty_backends.items()):
        for where in list(per_region.keys()):
            be = dict.__getitem__(per_region, where)
            if be.detectors and account_id in (None, account) and region in (None, where):
                found.append((account, where))
    return sorted(found)


def reset(world_name: str | None = None, seed: int = 0) -> dict[str, Any]:
    """Empty every moto backend and the simulator's world; then build `world_name` if given."""
    from moto.core.base_backend import BackendDict

    with LOCK:
        BackendDict.reset()  # our reset hook clears the world and the faults too
        world.reset_world()
        if world_name and world_name != "empty":
            return build_world(world_name, seed=seed).to_dict()
    return {"world": "empty"}


def demo_world() -> dict[str, Any] | None:
    """The demo world's description (accounts, emails, role names), once one is built."""
    return WORLD.demo.to_dict() if WORLD.demo is not None else None
