"""GuardDuty's findings operations (the logic lives in guardduty_hub.simulator.findings).

Who may do what: an administrator lists, reads, archives and unarchives its own findings and
those of its associated members in the region. A member reads its own findings and may give
feedback, but may not archive them (AWS's documented rule) nor unarchive them (AWS does not
say; we apply the same rule so the hub never relies on a member doing it).
"""

from itertools import chain
from typing import Any

from guardduty_hub.simulator import errors
from guardduty_hub.simulator.common import check_batch, max_results, own_detector
from guardduty_hub.simulator.findings import api, ingest, statistics
from guardduty_hub.simulator.findings import templates as t
from guardduty_hub.simulator.findings.criteria import (
    compile_criteria,
    out_of_range,
    select,
    sort_findings,
)
from guardduty_hub.simulator.findings.scope import administrator_of, locate, visible_stores
from guardduty_hub.simulator.findings.store import decode_token, encode_token, store_of
from guardduty_hub.simulator.registry import Call, handles

FEEDBACK = ("USEFUL", "NOT_USEFUL")
GROUP_BY = tuple(statistics.GROUPS)


def _visible(call: Call) -> list[dict[str, Any]]:
    stores = visible_stores(call.account_id, call.region)
    return list(chain.from_iterable(list(s.findings.values()) for _, s in stores))


@handles("ListFindings")
def list_findings(call: Call) -> dict[str, Any]:
    own_detector(call)
    size = max_results(call)
    store = store_of(call.account_id, call.region)
    token = call.get("nextToken") or ""
    if token:
        cursor, offset = decode_token(token)
        ids = store.recall(cursor)
        if ids is None or not 0 <= offset <= len(ids):
            raise errors.invalid_parameter("nextToken")
    else:
        predicate = compile_criteria(call.get("findingCriteria"))
        chosen = sort_findings(select(_visible(call), predicate), call.get("sortCriteria"))
        ids = tuple(f["id"] for f in chosen)
        # Filtered and sorted once; the following pages are slices of this list.
        cursor, offset = (store.remember(list(ids)) if len(ids) > size else ""), 0
    end = offset + size
    return {
        "findingIds": list(ids[offset:end]),
        "nextToken": encode_token(cursor, end) if end < len(ids) else "",
    }


@handles("GetFindings")
def get_findings(call: Call) -> dict[str, Any]:
    own_detector(call)
    ids = check_batch("findingIds", call.get("findingIds"))
    found = [store.findings[i] for store, i in locate(call.account_id, call.region, ids)]
    return {"findings": sort_findings(found, call.get("sortCriteria"))}


@handles("GetFindingsStatistics")
def get_findings_statistics(call: Call) -> dict[str, Any]:
    own_detector(call)
    group_by, types = call.get("groupBy"), call.get("findingStatisticTypes")
    if bool(group_by) == bool(types):
        raise errors.bad_request(
            "The request is rejected because exactly one of groupBy and findingStatisticTypes "
            "must be provided."
        )
    if group_by and group_by not in GROUP_BY:
        raise errors.invalid_parameter("groupBy")
    if types and any(kind != "COUNT_BY_SEVERITY" for kind in types):
        raise errors.invalid_parameter("findingStatisticTypes")
    order_by = call.get("orderBy") or "DESC"
    if order_by not in ("ASC", "DESC"):
        raise errors.invalid_parameter("orderBy")
    limit = max_results(call, default=statistics.DEFAULT_MAX, maximum=statistics.MAX)
    chosen = select(_visible(call), compile_criteria(call.get("findingCriteria")))
    if group_by:
        result = statistics.grouped(chosen, group_by, order_by, limit)
    else:
        result = statistics.count_by_severity(chosen)
    return {"findingStatistics": result}


def _refuse_member(call: Call) -> None:
    if administrator_of(call.account_id, call.region):
        raise errors.bad_request(
            "The request is rejected because the current account is a member account. Only "
            "the administrator account can archive or unarchive findings."
        )


def _set_archived(call: Call, archived: bool) -> dict[str, Any]:
    own_detector(call)
    ids = check_batch("findingIds", call.get("findingIds"))
    _refuse_member(call)
    for store, finding_id in locate(call.account_id, call.region, ids):
        ingest.set_archived(store, finding_id, archived)
    return {}


@handles("ArchiveFindings")
def archive_findings(call: Call) -> dict[str, Any]:
    return _set_archived(call, True)


@handles("UnarchiveFindings")
def unarchive_findings(call: Call) -> dict[str, Any]:
    return _set_archived(call, False)


@handles("UpdateFindingsFeedback")
def update_findings_feedback(call: Call) -> dict[str, Any]:
    own_detector(call)
    ids = check_batch("findingIds", call.get("findingIds"))
    if call.get("feedback") not in FEEDBACK:
        raise errors.invalid_parameter("feedback")
    for store, finding_id in locate(call.account_id, call.region, ids):
        ingest.set_feedback(store, finding_id, call.get("feedback"))
    return {}


@handles("CreateSampleFindings")
def create_sample_findings(call: Call) -> dict[str, Any]:
    own_detector(call)
    types = check_batch("findingTypes", call.get("findingTypes") or [])
    if any(name not in t.BY_NAME for name in types):
        raise out_of_range()
    api.create_sample_findings(call.account_id, call.region, types or None)
    return {}
