"""How findings enter and change in a store: suppression rules, re-occurrence, publishing.

A new finding matching one of the ARCHIVE filters (the owner's or its administrator's) is
archived on arrival and never published to EventBridge, not even when it re-occurs (until
someone unarchives it). Every other new finding and every re-occurrence is published when asked.
"""

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from guardduty_hub.simulator import errors
from guardduty_hub.simulator.findings import clock, events
from guardduty_hub.simulator.findings.criteria import Predicate, compile_criteria
from guardduty_hub.simulator.findings.scope import suppression_filters
from guardduty_hub.simulator.findings.store import FindingStore, store_of


@contextmanager
def bulk() -> Iterator[None]:
    """Many small dicts at once: the cyclic GC would rescan them over and over."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _suppressors(account_id: str, region: str) -> list[Predicate]:
    predicates = []
    for rule in suppression_filters(account_id, region):
        try:
            predicates.append(compile_criteria(rule.finding_criteria, allow_patterns=True))
        except errors.GuardDutyError:
            continue  # a filter we cannot read suppresses nothing
    return predicates


def add(
    account_id: str, region: str, findings: Iterable[dict[str, Any]], *, publish: bool
) -> list[str]:
    """Store wire-shaped findings (a known id is replaced); returns their ids."""
    store = store_of(account_id, region)
    suppressors = _suppressors(account_id, region)
    ids = []
    for finding in findings:
        finding_id = finding["id"]
        is_new = finding_id not in store.findings
        if is_new and suppressors and any(p(finding) for p in suppressors):
            finding.setdefault("service", {})["archived"] = True
            store.suppressed.add(finding_id)
        store.put(finding)
        ids.append(finding_id)
        if publish and finding_id not in store.suppressed:
            events.publish(account_id, region, finding)
    return ids


def reoccur(
    account_id: str,
    region: str,
    store: FindingStore,
    finding_id: str,
    when: datetime,
    *,
    changes: dict[str, Any] | None = None,
    publish: bool = True,
) -> dict[str, Any]:
    """The same activity seen again: Count + 1, UpdatedAt and EventLastSeen move on, and the
    latest occurrence's details (e.g. the action) overwrite the old ones."""
    with store.lock:
        old = store.findings[finding_id]
        service = {**old.get("service", {}), **(changes or {})}
        service["count"] = int(service.get("count", 1)) + 1
        service["eventLastSeen"] = clock.iso(when)
        finding = {**old, "service": service, "updatedAt": clock.iso(when)}
        store.put(finding)
    if publish and finding_id not in store.suppressed:
        events.publish(account_id, region, finding)
    return finding


def set_archived(store: FindingStore, finding_id: str, archived: bool) -> None:
    """Archive/unarchive leave UpdatedAt alone (AWS does not say; the hub must not rely on it)."""
    with store.lock:
        old = store.findings[finding_id]
        store.findings[finding_id] = {
            **old,
            "service": {**old.get("service", {}), "archived": archived},
        }
        if not archived:
            store.suppressed.discard(finding_id)


def set_feedback(store: FindingStore, finding_id: str, feedback: str) -> None:
    with store.lock:
        old = store.findings[finding_id]
        store.findings[finding_id] = {
            **old,
            "service": {**old.get("service", {}), "userFeedback": feedback},
        }
