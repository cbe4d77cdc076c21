"""Who we are in an account, its GuardDuty detector per region, and which regions answer."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from guardduty_hub.aws import clients, factory, partitions, sessions
from guardduty_hub.aws.errors import AwsError, PermanentAwsError, RegionNotEnabledError, translate
from guardduty_hub.aws.sessions import AccountAccess
from guardduty_hub.aws.shapes import CallerIdentity, RegionProbe

# Region probes run in parallel: ~35 sequential round trips would make onboarding slow.
PROBE_THREADS = 8


def caller_identity(access: AccountAccess) -> CallerIdentity:
    with translate("GetCallerIdentity", access):
        answer = clients.sts(access).get_caller_identity()
    return CallerIdentity(
        account_id=answer.get("Account", ""),
        arn=answer.get("Arn", ""),
        user_id=answer.get("UserId", ""),
    )


def list_detector_id(access: AccountAccess, region: str) -> str | None:
    """The account's detector in `region` (there is at most one), or None."""
    with translate("ListDetectors", access, region):
        gd = clients.guardduty(access, region)
        for page in gd.get_paginator("list_detectors").paginate():
            ids = page.get("DetectorIds") or []
            if ids:
                return ids[0]
    return None


def create_detector(access: AccountAccess, region: str) -> str:
    with translate("CreateDetector", access, region):
        answer = clients.guardduty(access, region).create_detector(Enable=True)
    return answer["DetectorId"]


def ensure_detector(access: AccountAccess, region: str) -> str:
    """The detector in `region`, created (enabled) when missing: members need one to accept."""
    found = list_detector_id(access, region)
    if found:
        return found
    try:
        return create_detector(access, region)
    except PermanentAwsError:
        # Another worker may have created it between our list and create (one per region).
        found = list_detector_id(access, region)
        if found:
            return found
        raise


def get_detector(access: AccountAccess, region: str, detector_id: str) -> dict[str, Any]:
    """GetDetector's answer as boto3 gives it (protection.get_detector_config reads it)."""
    with translate("GetDetector", access, region):
        return clients.guardduty(access, region).get_detector(DetectorId=detector_id)


def candidate_regions(partition: str = "") -> list[str]:
    """Every region boto3 knows GuardDuty in, in the partition (default: the hub's)."""
    return factory.available_regions("guardduty", partition or partitions.hub_partition())


def probe_region(access: AccountAccess, region: str) -> RegionProbe:
    try:
        detector_id = list_detector_id(access, region)
    except RegionNotEnabledError as exc:
        return RegionProbe(region, enabled=False, error=exc.message, error_code=exc.code)
    except AwsError as exc:
        # Reachability unknown (access denied, throttled...): not claimed enabled, error kept.
        return RegionProbe(region, enabled=False, error=exc.message, error_code=exc.code)
    return RegionProbe(region, enabled=True, detector_id=detector_id)


def probe_regions(access: AccountAccess, regions: Iterable[str] | None = None) -> list[RegionProbe]:
    """ListDetectors in each region: enabled or not, the detector if any, or the error."""
    names = list(regions) if regions is not None else candidate_regions(access.partition_name)
    if not names:
        return []
    # Resolve credentials once, before fanning out (a bad role fails here, once).
    with translate("AssumeRole", access):
        sessions.session_for(access)
    with ThreadPoolExecutor(max_workers=min(PROBE_THREADS, len(names))) as pool:
        return list(pool.map(lambda r: probe_region(access, r), names))


def enabled_regions(access: AccountAccess, regions: Iterable[str] | None = None) -> list[str]:
    """Regions where GuardDuty answers for this account (403 UnrecognizedClient = not enabled).

    Raises the first error when no region answered and some failed for another reason than a
    disabled region (e.g. access denied everywhere): "no regions" would hide that.
    """
    probes = probe_regions(access, regions)
    enabled = [p.region for p in probes if p.enabled]
    if enabled:
        return enabled
    # Re-ask one failing region to raise its error with its proper class.
    for probe in probes:
        if probe.error and probe.error_code not in (
            "UnrecognizedClientException",
            "RegionDisabledException",
        ):
            list_detector_id(access, probe.region)
    return []
