""" "Select all N matching this filter": a bulk action of the registry (bulk_actions.py) on
every finding the list's filters match, not on ids a browser sent.

The filter is the list's query string, evaluated here with the actor's scope for the action's
verb (accounts.scope): a scoped user's "all" never reaches another account's findings, whatever
the request says. Up to settings.FINDINGS_BULK_INLINE_MAX findings are acted on at once, in the
request; more become a BulkOperation the findings task runs in steps of the action's batch
size, saving its progress after each step and evaluating the filter again each time (so a
finding that left the user's scope meanwhile is left alone).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Max, QuerySet
from django.http import QueryDict
from django.utils import timezone

from guardduty_hub.accounts.models import OperationState
from guardduty_hub.accounts.scope import account_ids_for
from guardduty_hub.findings.bulk_actions import (
    MISSING,
    BulkAction,
    bulk_action_for,
    bulk_action_run,
)
from guardduty_hub.findings.filters import FindingFilterSet
from guardduty_hub.findings.models import BulkOperation, Finding
from guardduty_hub.findings.selectors import findings_visible_to
from guardduty_hub.findings.services import ActionResult
from guardduty_hub.findings.signals import bulk_operation_queued

# How many failure reasons a run keeps for its page (the counts keep counting).
FAILURES_KEPT = 50
# The list's paging and order say nothing about which findings match.
NOT_FILTERS = ("cursor", "pos", "sort", "per_page", "page")


def matching_query(query: str | QueryDict) -> str:
    """The filters of a list query string, without its paging and order."""
    params = QueryDict(query, mutable=True) if isinstance(query, str) else query.copy()
    for name in NOT_FILTERS:
        params.pop(name, None)
    return params.urlencode()


def findings_matching(actor, action: BulkAction, query: str) -> QuerySet[Finding]:
    """The findings `query` matches among those `actor` may see and `action.verb` (no order).
    An invalid filter is refused rather than widened to everything."""
    findings = findings_visible_to(actor)
    allowed = account_ids_for(actor, action.verb)
    if allowed is not None:
        findings = findings.filter(account_id__in=sorted(allowed)) if allowed else findings.none()
    # The FilterSet reads the user from the request ("me", the account scope).
    filterset = FindingFilterSet(
        QueryDict(query), queryset=findings, request=SimpleNamespace(user=actor)
    )
    if not filterset.is_valid():
        problems = "; ".join(
            f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items()
        )
        raise ValidationError(f"The filter is not valid ({problems}).")
    return filterset.qs.order_by()


@dataclass
class MatchingRun:
    """What "all matching" started: a result at once (small sets) or a background run."""

    total: int
    result: ActionResult | None = None
    operation: BulkOperation | None = None


def _require(actor, action: BulkAction) -> None:
    if not actor.has_perm(action.capability):
        raise PermissionDenied(f"{action.capability} is needed for this.")


def bulk_matching_count(actor, action: BulkAction, query: str) -> int:
    _require(actor, action)
    return findings_matching(actor, action, matching_query(query)).count()


def bulk_matching_start(actor, action: BulkAction, raw_argument, query: str) -> MatchingRun:
    """Run `action` on every finding `query` matches for `actor`: at once up to
    FINDINGS_BULK_INLINE_MAX, else as a BulkOperation queued after commit. `raw_argument` is
    what the request sent for the action's argument (MISSING when nothing)."""
    _require(actor, action)
    value = action.parse(raw_argument)  # ValidationError before anything is done
    query = matching_query(query)
    matching = findings_matching(actor, action, query)
    inline_max = settings.FINDINGS_BULK_INLINE_MAX
    first = list(matching.order_by("pk").values_list("pk", flat=True)[: inline_max + 1])
    if len(first) <= inline_max:
        return MatchingRun(len(first), result=bulk_action_run(actor, action, value, first))
    counted = matching.aggregate(total=Count("pk"), last=Max("pk"))
    operation = BulkOperation.objects.create(
        user=actor,
        action=action.name,
        argument="" if raw_argument in (MISSING, None) else str(raw_argument),
        query=query,
        total=counted["total"],
        last_pk=counted["last"],
    )
    bulk_operation_queued.send(sender=BulkOperation, operation=operation)
    return MatchingRun(operation.total, operation=operation)


def bulk_operation_claim(operation_id: int) -> BulkOperation | None:
    """Mark the run started (compare-and-set: a finished run is never run again)."""
    claimed = BulkOperation.objects.filter(
        pk=operation_id, status__in=(OperationState.QUEUED, OperationState.RUNNING)
    ).update(status=OperationState.RUNNING, started_at=timezone.now())
    return BulkOperation.objects.select_related("user").get(pk=operation_id) if claimed else None


def bulk_operation_step(operation: BulkOperation) -> bool:
    """Act on the next batch after the run's cursor and save the progress; False when there
    was nothing left (the run is then finished)."""
    action = bulk_action_for(operation.action)
    actor = operation.user
    value = action.parse(operation.argument if action.argument else MISSING)
    batch = list(
        findings_matching(actor, action, operation.query)
        .filter(pk__gt=operation.cursor, pk__lte=operation.last_pk)
        .order_by("pk")
        .values_list("pk", flat=True)[: action.batch]
    )
    if not batch:
        bulk_operation_finish(operation)
        return False
    result = bulk_action_run(actor, action, value, batch)
    failures = dict(operation.failures)
    for pk, reason in result.failed.items():
        if len(failures) < FAILURES_KEPT:
            failures[str(pk)] = reason
    BulkOperation.objects.filter(pk=operation.pk).update(
        cursor=batch[-1],
        done=F("done") + len(result.done),
        failed=F("failed") + len(result.failed),
        failures=failures,
    )
    operation.refresh_from_db()
    return True


def bulk_operation_finish(operation: BulkOperation, error: str = "") -> None:
    if error:
        status = OperationState.FAILED
    else:
        status = OperationState.PARTIAL if operation.failed else OperationState.DONE
    BulkOperation.objects.filter(pk=operation.pk).update(
        status=status, error=error, finished_at=timezone.now()
    )
    operation.refresh_from_db()


def bulk_operation_run(operation_id: int, *, seconds: float | None = None) -> bool:
    """Run the operation's steps; with `seconds`, stop after that long and return True when
    work remains (the task queues itself again), else False."""
    operation = bulk_operation_claim(operation_id)
    if operation is None:
        return False
    started = timezone.now()
    try:
        while bulk_operation_step(operation):
            if seconds is not None and (timezone.now() - started).total_seconds() >= seconds:
                return True
    except (ValidationError, PermissionDenied) as exc:
        # The argument or the user's role is no longer valid (an assignee left the team, the
        # user lost the capability): stop here, saying why.
        words = " ".join(getattr(exc, "messages", None) or [str(exc)])
        bulk_operation_finish(operation, error=f"Stopped: {words}")
    return False


def bulk_operations_of(user) -> QuerySet[BulkOperation]:
    """The runs `user` started: only they see them (a run's filter names what they saw)."""
    if not getattr(user, "is_authenticated", False):
        return BulkOperation.objects.none()
    return BulkOperation.objects.filter(user=user)
