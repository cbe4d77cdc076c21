"""What to do about a finding: guidance per finding-type family, kept as data in guidance/*.yaml.

Each entry names the types it covers with patterns (`fnmatch`: `*:EC2/*` is every EC2 type),
says what the finding means, the first three things to check and how to remediate, with AWS CLI
commands whose `<placeholders>` are filled from the finding when the value is known and plain
(an identifier, never text that could change the command). The most specific pattern wins (the
most literal characters), so a family's entry is the fallback for its types and `*` for all.
"""

import fnmatch
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.core.exceptions import ImproperlyConfigured

from guardduty_hub.findings.explain import member

GUIDANCE_DIR = Path(__file__).resolve().parent / "guidance"
CHECKS = 3
_PLACEHOLDER = re.compile(r"<([a-z][a-z0-9-]*)>")
# Values put into a command: identifiers only (no spaces, quotes, ; | & $ or backticks).
_PLAIN = re.compile(r"^[A-Za-z0-9._:/@+=,-]{1,256}$")


@dataclass(frozen=True)
class Guidance:
    id: str
    title: str
    patterns: tuple[str, ...]
    means: str
    check: tuple[str, ...]
    remediate: tuple[str, ...]
    commands: tuple[str, ...]
    source: str

    def specificity(self, finding_type: str) -> int:
        """How literally this entry names `finding_type` (-1: not at all)."""
        return max(
            (
                len(p.replace("*", ""))
                for p in self.patterns
                if fnmatch.fnmatchcase(finding_type, p)
            ),
            default=-1,
        )


@cache
def guidance_entries() -> tuple[Guidance, ...]:
    """Every entry of every guidance file, checked (a bad file fails loudly, naming itself)."""
    entries: list[Guidance] = []
    for path in sorted(GUIDANCE_DIR.glob("*.yaml")):
        for n, item in enumerate(yaml.safe_load(path.read_text()) or [], start=1):
            entries.append(_entry(item, f"{path.name} entry {n}"))
    ids = [e.id for e in entries]
    if duplicates := {i for i in ids if ids.count(i) > 1}:
        raise ImproperlyConfigured(f"Guidance ids used twice: {sorted(duplicates)}")
    return tuple(entries)


def _entry(item: object, where: str) -> Guidance:
    if not isinstance(item, dict):
        raise ImproperlyConfigured(f"{where}: an entry is a mapping")
    missing = {"id", "title", "match", "means", "check", "remediate"} - set(item)
    if missing:
        raise ImproperlyConfigured(f"{where}: missing {sorted(missing)}")
    check = tuple(str(c) for c in item["check"])
    if len(check) != CHECKS:
        raise ImproperlyConfigured(f"{where}: {CHECKS} things to check, not {len(check)}")
    return Guidance(
        id=str(item["id"]),
        title=str(item["title"]),
        patterns=tuple(str(p) for p in item["match"]),
        means=" ".join(str(item["means"]).split()),
        check=check,
        remediate=tuple(str(r) for r in item["remediate"]),
        commands=tuple(str(c) for c in item.get("commands") or ()),
        source=where.split(" ", 1)[0],
    )


@cache
def guidance_for(finding_type: str) -> Guidance:
    """The most specific entry for the type (the `*` entry at worst)."""
    best = max(guidance_entries(), key=lambda e: e.specificity(finding_type))
    if best.specificity(finding_type) < 0:
        raise ImproperlyConfigured("The guidance files need a '*' entry for unknown types.")
    return best


def finding_guidance(finding) -> dict:
    """The guidance of a finding, its commands filled in with the finding's own identifiers."""
    guidance = guidance_for(finding.type)
    known = _known_values(finding)

    def fill(command: str) -> str:
        return _PLACEHOLDER.sub(lambda m: known.get(m[1]) or m[0], command)

    return {"guidance": guidance, "commands": [fill(c) for c in guidance.commands]}


def _known_values(finding) -> dict[str, str]:
    raw = finding.raw if isinstance(finding.raw, dict) else {}
    resource = member(raw, "Resource") or {}
    key = member(resource, "AccessKeyDetails") or {}
    buckets = member(resource, "S3BucketDetails") or [{}]
    values = {
        "region": finding.region or finding.api_region,
        "account-id": finding.account_id,
        "finding-id": finding.guardduty_id,
        "detector-id": finding.detector_id,
        "instance-id": member(member(resource, "InstanceDetails"), "InstanceId"),
        "access-key-id": member(key, "AccessKeyId"),
        "user-name": member(key, "UserName"),
        "bucket": member(buckets[0] if isinstance(buckets, list) and buckets else {}, "Name"),
        "cluster-name": member(member(resource, "EksClusterDetails"), "Name")
        or member(member(resource, "EcsClusterDetails"), "Name"),
        "db-instance": member(member(resource, "RdsDbInstanceDetails"), "DbInstanceIdentifier"),
        "function-name": member(member(resource, "LambdaDetails"), "FunctionName"),
    }
    return {k: v for k, v in values.items() if isinstance(v, str) and _PLAIN.match(v)}
