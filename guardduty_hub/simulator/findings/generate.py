"""Realistic findings in boto3's GetFindings shape (PascalCase), deterministic by seed.

`generate_findings` spreads findings over a window (90 days by default), archives some and
lets some re-occur (Count > 1, CreatedAt < UpdatedAt). `sample_finding` is what
CreateSampleFindings stores: the same template, a `[SAMPLE]` title and `"sample": true`.
"""

import hashlib
import json
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from guardduty_hub.simulator.findings import build, clock
from guardduty_hub.simulator.findings import templates as t

WINDOW = timedelta(days=90)
ARCHIVED_SHARE = 0.15
REOCCUR_SHARE = 0.3
# Attack sequences are rare next to the signals they correlate.
WEIGHTS = [0.25 if ft.resource == t.SEQUENCE else 1.0 for ft in t.TYPES]


@dataclass(frozen=True)
class Origin:
    """Where GuardDuty files a finding: the account, its region and its detector there."""

    account_id: str
    region: str
    detector_id: str


def random_id(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


def finding_arn(region: str, account_id: str, detector_id: str, finding_id: str) -> str:
    return f"arn:aws:guardduty:{region}:{account_id}:detector/{detector_id}/finding/{finding_id}"


def build_finding(
    ftype: t.FindingType,
    origin: Origin,
    rng: random.Random,
    created: datetime,
    updated: datetime | None = None,
    *,
    count: int = 1,
    archived: bool = False,
    sample: bool = False,
    finding_id: str | None = None,
) -> dict[str, Any]:
    """One finding first seen at `created` and last at `updated` (default: seen once)."""
    updated = updated or created
    account_id, region, detector_id = origin.account_id, origin.region, origin.detector_id
    pieces = build.build(ftype, account_id, region, rng, updated)
    words = defaultdict(str, pieces.words)
    title = ftype.title.format_map(words)
    info: dict[str, Any] = {}
    if sample:
        title = f"[SAMPLE] {title}"
        info["sample"] = True
    service: dict[str, Any] = {
        "Archived": archived,
        "Count": count,
        "DetectorId": detector_id,
        "EventFirstSeen": clock.iso(created - timedelta(seconds=rng.randint(30, 900))),
        "EventLastSeen": clock.iso(updated - timedelta(seconds=rng.randint(5, 120))),
        "ResourceRole": ftype.role,
        "ServiceName": "guardduty",
        "FeatureName": ftype.feature,
    }
    if pieces.action:
        service["Action"] = pieces.action
    if ftype.threat_list:
        info["threatListName"] = ftype.threat_list
        service["Evidence"] = {
            "ThreatIntelligenceDetails": [
                {
                    "ThreatListName": ftype.threat_list,
                    "ThreatNames": [ftype.name.split(":")[0]],
                }
            ]
        }
    service["AdditionalInfo"] = {
        "Value": json.dumps(info, separators=(",", ":")),
        "Type": "default",
    }
    service.update(pieces.service)
    finding_id = finding_id or random_id(rng)
    return {
        "AccountId": account_id,
        "Arn": finding_arn(region, account_id, detector_id, finding_id),
        "CreatedAt": clock.iso(created),
        "Description": ftype.description.format_map(words),
        "Id": finding_id,
        "Partition": "aws",
        "Region": region,
        "Resource": pieces.resource,
        "SchemaVersion": "2.0",
        "Service": service,
        "Severity": rng.choice(ftype.severities),
        "Title": title,
        "Type": ftype.name,
        "UpdatedAt": clock.iso(updated),
    }


def generate_findings(
    account_id: str,
    region: str,
    detector_id: str,
    count: int,
    seed: int | str = 0,
    start: datetime | None = None,
    end: datetime | None = None,
    *,
    types: list[str] | None = None,
    archived_share: float = ARCHIVED_SHARE,
    reoccur_share: float = REOCCUR_SHARE,
) -> list[dict[str, Any]]:
    """`count` findings between `start` and `end` (default: the 90 days up to now)."""
    end = end or clock.now()
    start = start or end - WINDOW
    span = max((end - start).total_seconds(), 1.0)
    rng = random.Random(f"findings/{account_id}/{region}/{seed}")
    origin = Origin(account_id, region, detector_id)
    pool = [t.BY_NAME[name] for name in types] if types else list(t.TYPES)
    weights = None if types else WEIGHTS
    findings = []
    for _ in range(count):
        ftype = rng.choices(pool, weights=weights)[0]
        created = start + timedelta(seconds=rng.random() * span)
        updated, occurrences = created, 1
        if rng.random() < reoccur_share:
            occurrences = rng.randint(2, 60)
            updated = created + timedelta(seconds=rng.random() * (end - created).total_seconds())
        archived = rng.random() < archived_share
        findings.append(
            build_finding(
                ftype, origin, rng, created, updated, count=occurrences, archived=archived
            )
        )
    return findings


def sample_id(account_id: str, region: str, type_name: str) -> str:
    """Samples of one type keep their id, so generating them again is a re-occurrence."""
    return hashlib.sha256(f"sample/{account_id}/{region}/{type_name}".encode()).hexdigest()[:32]


def sample_finding(
    type_name: str, account_id: str, region: str, detector_id: str, when: datetime | None = None
) -> dict[str, Any]:
    when = when or clock.now()
    rng = random.Random(f"sample/{type_name}/{account_id}/{region}")
    origin = Origin(account_id, region, detector_id)
    finding_id = sample_id(account_id, region, type_name)
    return build_finding(
        t.BY_NAME[type_name], origin, rng, when, sample=True, finding_id=finding_id
    )
