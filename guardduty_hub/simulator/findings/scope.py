"""Whose findings an account sees and may change, from the membership state.

An administrator's ListFindings/GetFindings in a region cover its own findings and those of its
associated (Enabled or Disabled) members there; a member sees only its own.
"""

from typing import Any

from guardduty_hub.simulator import membership
from guardduty_hub.simulator.common import backend
from guardduty_hub.simulator.findings.store import FindingStore, store_of


def visible_stores(account_id: str, region: str) -> list[tuple[str, FindingStore]]:
    return [(a, store_of(a, region)) for a in membership.visible_accounts(account_id, region)]


def locate(account_id: str, region: str, ids: list[str]) -> list[tuple[FindingStore, str]]:
    """(store, id) for each id the caller can see; unknown ids are silently left out."""
    stores = visible_stores(account_id, region)
    found = []
    for finding_id in dict.fromkeys(ids):
        for _, store in stores:
            if finding_id in store.findings:
                found.append((store, finding_id))
                break
    return found


def administrator_of(account_id: str, region: str) -> str | None:
    return membership.administrator_of(account_id, region)


def generates_findings(account_id: str, region: str) -> bool:
    """An enabled detector, and not a member whose administrator stopped monitoring it."""
    detector = detector_of(account_id, region)
    if detector is None or not detector.enabled:
        return False
    admin = administrator_of(account_id, region)
    return admin is None or membership.is_monitoring_enabled(account_id, admin, region)


def detector_of(account_id: str, region: str) -> Any:
    return next(iter(backend(account_id, region).detectors.values()), None)


def suppression_filters(account_id: str, region: str) -> list[Any]:
    """ARCHIVE filters of the owner's detector and of its administrator's, by rank."""
    owners = [account_id]
    admin = administrator_of(account_id, region)
    if admin:
        owners.append(admin)
    filters = []
    for owner in owners:
        detector = detector_of(owner, region)
        if detector is not None:
            filters.extend(f for f in detector.filters.values() if f.action == "ARCHIVE")
    return sorted(filters, key=lambda f: f.rank or 1)
