"""The in-process API of the findings half of the simulator (controls, demo world, tests).

load_findings(account_id, region, findings, publish=False) -> list[str]
load_wire_findings(account_id, region, findings, publish=False) -> list[str]
generate_findings(account_id, region, detector_id, count, seed=0, start=None, end=None,
                  *, types=None, archived_share=0.15, reoccur_share=0.3) -> list[dict]
populate(account_id, region, count, seed=0, start=None, end=None, publish=False) -> list[str]
advance_activity(account_id, region, seed=None, new=1, reoccur=1, publish=True,
                 when=None) -> dict[str, list[str]]
create_sample_findings(account_id, region, types=None, publish=True) -> list[str]
findings_of(account_id, region, shape="boto3") -> list[dict]
"""

import copy
import random
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from guardduty_hub.simulator.findings import actions, clock, convert, ingest, scope
from guardduty_hub.simulator.findings import templates as t
from guardduty_hub.simulator.findings.generate import (
    Origin,
    build_finding,
    generate_findings,
    random_id,
    sample_finding,
    sample_id,
)
from guardduty_hub.simulator.findings.store import store_of


def load_findings(
    account_id: str, region: str, findings: Iterable[dict[str, Any]], publish: bool = False
) -> list[str]:
    """Store findings given in boto3 GetFindings shape (PascalCase) or as EventBridge `detail` /
    S3 export (camelCase), bare, in an EventBridge envelope, or as a whole GetFindings response
    / `{"findings": [...]}` document, in the account's store for the region.

    Content is kept as given (a finding without Region stays without); a known id is replaced.
    Suppression rules apply to new ids; events are published only with publish=True.
    """
    with ingest.bulk():
        wire = [convert.to_wire(f) for raw in findings for f in convert.expand(raw)]
        return ingest.add(account_id, region, wire, publish=publish)


def load_wire_findings(
    account_id: str, region: str, findings: Iterable[dict[str, Any]], publish: bool = False
) -> list[str]:
    """Fast path for bulk loads already in the API wire shape (no conversion, no copy)."""
    with ingest.bulk():
        return ingest.add(account_id, region, findings, publish=publish)


def _detector_id(account_id: str, region: str) -> str | None:
    detector = scope.detector_of(account_id, region)
    return detector.id if detector is not None else None


def populate(
    account_id: str,
    region: str,
    count: int,
    seed: int | str = 0,
    start: datetime | None = None,
    end: datetime | None = None,
    publish: bool = False,
) -> list[str]:
    """Generate `count` findings for the account's detector in the region and load them."""
    detector_id = _detector_id(account_id, region)
    if detector_id is None:
        raise ValueError(f"{account_id} has no detector in {region}")
    with ingest.bulk():
        found = generate_findings(account_id, region, detector_id, count, seed, start, end)
        return load_findings(account_id, region, found, publish=publish)


def advance_activity(
    account_id: str,
    region: str,
    seed: int | str | random.Random | None = None,
    new: int = 1,
    reoccur: int = 1,
    publish: bool = True,
    when: datetime | None = None,
) -> dict[str, list[str]]:
    """The world moves on: `new` findings appear and `reoccur` existing ones are seen again.

    Nothing happens without an enabled detector, nor for a member its administrator stopped
    monitoring (Disabled).
    """
    done: dict[str, list[str]] = {"new": [], "reoccurred": []}
    if not scope.generates_findings(account_id, region):
        return done
    rng = seed if isinstance(seed, random.Random) else random.Random(seed)
    when = when or clock.now()
    detector_id = _detector_id(account_id, region)
    assert detector_id is not None
    origin = Origin(account_id, region, detector_id)
    fresh = []
    for _ in range(new):
        # The id is drawn before the finding's details (the order fixes what a seed gives).
        ftype, finding_id = rng.choice(t.TYPES), random_id(rng)
        fresh.append(build_finding(ftype, origin, rng, when, finding_id=finding_id))
    done["new"] = load_findings(account_id, region, fresh, publish=publish)
    store = store_of(account_id, region)
    just_made = set(done["new"])
    candidates = [i for i in list(store.findings) if i not in just_made]
    for finding_id in rng.sample(candidates, min(reoccur, len(candidates))):
        changes = _latest_occurrence(store.findings[finding_id], rng)
        ingest.reoccur(
            account_id, region, store, finding_id, when, changes=changes, publish=publish
        )
        done["reoccurred"].append(finding_id)
    return done


def _latest_occurrence(finding: dict[str, Any], rng: random.Random) -> dict[str, Any] | None:
    """A re-occurrence overwrites details with the latest one's: here, the remote party."""
    action = (finding.get("service") or {}).get("action") or {}
    for key, block in action.items():
        if isinstance(block, dict) and "remoteIpDetails" in block:
            shape = convert.model().shape_for("RemoteIpDetails")
            remote = convert.boto3_to_wire(actions.remote(rng), shape)
            return {"action": {**action, key: {**block, "remoteIpDetails": remote}}}
    return None


def create_sample_findings(
    account_id: str, region: str, types: list[str] | None = None, publish: bool = True
) -> list[str]:
    """One sample per type (every known type when none); a sample made again re-occurs."""
    detector_id = _detector_id(account_id, region)
    if detector_id is None:
        raise ValueError(f"{account_id} has no detector in {region}")
    when = clock.now()
    store = store_of(account_id, region)
    ids = []
    for name in types or [ft.name for ft in t.TYPES]:
        finding_id = sample_id(account_id, region, name)
        if finding_id in store.findings:
            ingest.reoccur(account_id, region, store, finding_id, when, publish=publish)
            ids.append(finding_id)
        else:
            sample = sample_finding(name, account_id, region, detector_id, when)
            ids.extend(load_findings(account_id, region, [sample], publish=publish))
    return ids


def findings_of(account_id: str, region: str, shape: str = "boto3") -> list[dict[str, Any]]:
    """The account's own findings in the region, copied: boto3 names or the API wire shape."""
    stored = list(store_of(account_id, region).findings.values())
    if shape == "wire":
        return copy.deepcopy(stored)
    return [convert.wire_to_boto3(f) for f in stored]
