"""Findings: list ids, fetch, write back archive/feedback, samples, statistics.

Calls take the ADMINISTRATOR's detector in the finding's region: it lists and fetches its own
findings and every Enabled member's there, and only it may archive. Findings come back as the raw
dicts boto3 gives; mapping them to rows is the sync's pure mapper's job.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from botocore import xform_name

from guardduty_hub.aws import clients
from guardduty_hub.aws.batching import chunks, unique
from guardduty_hub.aws.errors import AwsError, translate
from guardduty_hub.aws.sessions import AccountAccess
from guardduty_hub.aws.shapes import StatisticGroup, parse_time

PAGE_SIZE = 50  # GuardDuty's maximum for ListFindings and GetFindings


def finding_criteria(
    *,
    updated_at_gte_ms: int | None = None,
    updated_at_lt_ms: int | None = None,
    updated_at_gt_ms: int | None = None,
    updated_at_lte_ms: int | None = None,
    archived: bool | None = None,
    account_ids: str | Iterable[str] | None = None,
    finding_ids: Iterable[str] | None = None,
    severity_gte: float | None = None,
    types: Iterable[str] | None = None,
) -> dict[str, Any] | None:
    """A FindingCriteria from simple arguments; None when nothing narrows the list.

    Dates are epoch milliseconds with the Long operators (the deprecated Gte/Lt are Integers,
    too small for them). Equals takes strings, booleans included ("true"/"false").
    """
    criterion: dict[str, dict[str, Any]] = {}
    bounds = {
        "GreaterThanOrEqual": updated_at_gte_ms,
        "GreaterThan": updated_at_gt_ms,
        "LessThan": updated_at_lt_ms,
        "LessThanOrEqual": updated_at_lte_ms,
    }
    window = {operator: int(ms) for operator, ms in bounds.items() if ms is not None}
    if window:
        criterion["updatedAt"] = window
    if archived is not None:
        criterion["service.archived"] = {"Equals": ["true" if archived else "false"]}
    if account_ids is not None:
        ids = [account_ids] if isinstance(account_ids, str) else list(account_ids)
        criterion["accountId"] = {"Equals": ids}
    if finding_ids is not None:
        criterion["id"] = {"Equals": list(finding_ids)}
    if severity_gte is not None:
        criterion["severity"] = {"GreaterThanOrEqual": int(severity_gte)}
    if types is not None:
        criterion["type"] = {"Equals": list(types)}
    return {"Criterion": criterion} if criterion else None


def list_finding_id_pages(
    access: AccountAccess,
    region: str,
    detector_id: str,
    *,
    updated_at_gte_ms: int | None = None,
    updated_at_gt_ms: int | None = None,
    updated_at_lte_ms: int | None = None,
    archived: bool | None = None,
    account_ids: str | Iterable[str] | None = None,
    sort_by: str | None = "updatedAt",
    ascending: bool = True,
    criteria: dict[str, Any] | None = None,
    page_size: int = PAGE_SIZE,
) -> Iterator[list[str]]:
    """Yield pages of at most 50 finding ids (lazily: one ListFindings per page consumed).

    `criteria` (a full FindingCriteria) replaces the simple arguments when given.
    """
    if criteria is None:
        criteria = finding_criteria(
            updated_at_gte_ms=updated_at_gte_ms,
            updated_at_gt_ms=updated_at_gt_ms,
            updated_at_lte_ms=updated_at_lte_ms,
            archived=archived,
            account_ids=account_ids,
        )
    params: dict[str, Any] = {
        "DetectorId": detector_id,
        "MaxResults": min(max(int(page_size), 1), PAGE_SIZE),
    }
    if criteria:
        params["FindingCriteria"] = criteria
    if sort_by:
        params["SortCriteria"] = {
            "AttributeName": sort_by,
            "OrderBy": "ASC" if ascending else "DESC",
        }
    gd = clients.guardduty(access, region)
    while True:
        with translate("ListFindings", access, region):
            answer = gd.list_findings(**params)
        ids = answer.get("FindingIds") or []
        if ids:
            yield ids
        token = answer.get("NextToken")
        # GuardDuty ends with NextToken "" rather than leaving it out: test truthiness.
        if not token or token == params.get("NextToken"):
            return
        params["NextToken"] = token


def list_finding_ids(
    access: AccountAccess, region: str, detector_id: str, **kwargs: Any
) -> list[str]:
    """Every id at once (small lists only; the sync iterates pages)."""
    return [
        i for page in list_finding_id_pages(access, region, detector_id, **kwargs) for i in page
    ]


def get_findings(
    access: AccountAccess, region: str, detector_id: str, finding_ids: Sequence[str]
) -> list[dict[str, Any]]:
    """GetFindings in chunks of 50; ids GuardDuty no longer has are simply absent."""
    gd = clients.guardduty(access, region)
    found: list[dict[str, Any]] = []
    for batch in chunks(unique(finding_ids), PAGE_SIZE):
        with translate("GetFindings", access, region):
            found.extend(gd.get_findings(DetectorId=detector_id, FindingIds=batch)["Findings"])
    return found


def _write_in_chunks(
    operation: str,
    access: AccountAccess,
    region: str,
    finding_ids: Iterable[str],
    send: Any,
) -> tuple[str, ...]:
    """Run `send(batch)` per 50 ids; return the ids done. On failure `exc.partial` = ids done."""
    done: list[str] = []
    for batch in chunks(unique(finding_ids), PAGE_SIZE):
        try:
            with translate(operation, access, region):
                send(batch)
        except AwsError as exc:
            exc.partial = tuple(done)
            raise
        done.extend(batch)
    return tuple(done)


def _set_archived(
    operation: str, access: AccountAccess, region: str, detector_id: str, ids: Iterable[str]
) -> tuple[str, ...]:
    method = getattr(clients.guardduty(access, region), xform_name(operation))
    return _write_in_chunks(
        operation,
        access,
        region,
        ids,
        lambda batch: method(DetectorId=detector_id, FindingIds=batch),
    )


def archive_findings(
    access: AccountAccess, region: str, detector_id: str, finding_ids: Iterable[str]
) -> tuple[str, ...]:
    """Archive (administrator only). Returns the ids GuardDuty accepted."""
    return _set_archived("ArchiveFindings", access, region, detector_id, finding_ids)


def unarchive_findings(
    access: AccountAccess, region: str, detector_id: str, finding_ids: Iterable[str]
) -> tuple[str, ...]:
    return _set_archived("UnarchiveFindings", access, region, detector_id, finding_ids)


def update_findings_feedback(
    access: AccountAccess,
    region: str,
    detector_id: str,
    finding_ids: Iterable[str],
    feedback: str,
    comments: str = "",
) -> tuple[str, ...]:
    """Feedback is "USEFUL" or "NOT_USEFUL"."""
    gd = clients.guardduty(access, region)
    extra = {"Comments": comments} if comments else {}
    return _write_in_chunks(
        "UpdateFindingsFeedback",
        access,
        region,
        finding_ids,
        lambda batch: gd.update_findings_feedback(
            DetectorId=detector_id, FindingIds=batch, Feedback=feedback, **extra
        ),
    )


def create_sample_findings(
    access: AccountAccess, region: str, detector_id: str, finding_types: Iterable[str] = ()
) -> None:
    """Sample findings of the given types; no types = one sample of every supported type."""
    gd = clients.guardduty(access, region)
    types = unique(finding_types)
    batches = list(chunks(types, PAGE_SIZE)) or [[]]
    for batch in batches:
        with translate("CreateSampleFindings", access, region):
            gd.create_sample_findings(DetectorId=detector_id, FindingTypes=batch)


# GroupBy value -> (response list, the field that names the group)
_GROUPS = {
    "ACCOUNT": ("GroupedByAccount", "AccountId"),
    "DATE": ("GroupedByDate", "Date"),
    "FINDING_TYPE": ("GroupedByFindingType", "FindingType"),
    "RESOURCE": ("GroupedByResource", "ResourceId"),
    "SEVERITY": ("GroupedBySeverity", "Severity"),
}


def get_findings_statistics(
    access: AccountAccess,
    region: str,
    detector_id: str,
    group_by: str = "SEVERITY",
    *,
    criteria: dict[str, Any] | None = None,
    max_results: int = 100,
    descending: bool = True,
) -> list[StatisticGroup]:
    """Counts grouped by ACCOUNT, DATE, FINDING_TYPE, RESOURCE or SEVERITY."""
    list_key, name_key = _GROUPS[group_by]
    params: dict[str, Any] = {
        "DetectorId": detector_id,
        "GroupBy": group_by,
        "OrderBy": "DESC" if descending else "ASC",
        "MaxResults": max_results,
    }
    if criteria:
        params["FindingCriteria"] = criteria
    with translate("GetFindingsStatistics", access, region):
        answer = clients.guardduty(access, region).get_findings_statistics(**params)
    rows = (answer.get("FindingStatistics") or {}).get(list_key) or []
    return [
        StatisticGroup(
            key=str(row.get(name_key, "")),
            total=int(row.get("TotalFindings") or 0),
            last_generated_at=parse_time(row.get("LastGeneratedAt")),
            extra={
                k: v
                for k, v in row.items()
                if k not in (name_key, "TotalFindings", "LastGeneratedAt")
            },
        )
        for row in rows
    ]
