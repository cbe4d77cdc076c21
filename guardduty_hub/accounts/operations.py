"""Operations across accounts and regions, run in the background, item by item.

Membership changes and (registered by their app) configuration changes alike.

operation_start() records one item per (account, region) and enqueues the task after commit;
operation_run() works region by region on the items still pending, 50 accounts per call, and
records every account's outcome in plain words; operation_retry() re-queues only failures.
Items are only ever moved out of "pending", so running an operation twice redoes nothing.
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import ngettext

from guardduty_hub.accounts.access import access_for, is_access_problem, record_account_error
from guardduty_hub.accounts.administrators import (
    administrator_detector,
    record_region_error,
)
from guardduty_hub.accounts.audit import audit_record
from guardduty_hub.accounts.memberships import memberships_apply, memberships_note_errors
from guardduty_hub.accounts.models import (
    AwsAccount,
    ItemState,
    MembershipOperation,
    OperationItem,
    OperationKind,
    OperationState,
)
from guardduty_hub.accounts.scope import Verb, require
from guardduty_hub.accounts.signals import operation_queued
from guardduty_hub.accounts.steps import STEPS, StepOutcome
from guardduty_hub.aws import AwsError, TransientAwsError, gateway


def operation_start(
    actor,
    kind: str,
    administrator: AwsAccount,
    accounts: list[AwsAccount],
    regions: list[str],
    *,
    audit_action: str = "",
    **params,
) -> MembershipOperation:
    """Record the work and enqueue it once the transaction commits.

    The audit trail says `audit_action` (default "membership.<kind>") with the params. The
    actor must MANAGE the administrator and every account (views check it first; this check
    keeps a forgotten one in a new caller from becoming a hole).
    """
    for account in [administrator, *accounts]:
        require(actor, Verb.MANAGE, account)
    with transaction.atomic():
        operation = MembershipOperation.objects.create(
            kind=kind, administrator=administrator, created_by=actor, params=params
        )
        OperationItem.objects.bulk_create(
            OperationItem(operation=operation, account=account, region=region)
            for region in regions
            for account in accounts
        )
        audit_record(
            actor,
            audit_action or f"membership.{kind}",
            operation,
            label=ngettext(
                "%(kind)s: %(accounts)s, %(n)d region",
                "%(kind)s: %(accounts)s, %(n)d regions",
                len(regions),
            )
            % {
                "kind": operation.get_kind_display(),
                "accounts": ngettext("%(n)d account", "%(n)d accounts", len(accounts))
                % {"n": len(accounts)},
                "n": len(regions),
            },
            accounts=[a.account_id for a in accounts[:100]],
            regions=regions,
            **params,
        )
        _enqueue(operation)
    return operation


def operation_retry(actor, operation: MembershipOperation) -> int:
    """Put failed items back to pending and run again; returns how many."""
    accounts = AwsAccount.objects.filter(pk__in=operation.items.values("account_id"))
    for account in [operation.administrator, *accounts]:
        require(actor, Verb.MANAGE, account)
    with transaction.atomic():
        count = operation.items.filter(state=ItemState.FAILED).update(
            state=ItemState.PENDING, result="", finished_at=None
        )
        if count:
            operation.state = OperationState.QUEUED
            operation.finished_at = None
            operation.error = ""
            operation.save(update_fields=["state", "finished_at", "error"])
            audit_record(actor, "membership.retry", operation, retried=count)
            _enqueue(operation)
    return count


def _enqueue(operation: MembershipOperation) -> None:
    # The task module (above this one) runs it after commit: tasks.operation_run_after_commit.
    operation_queued.send(sender=MembershipOperation, operation=operation)


def operation_run(operation_id: int, *, final_attempt: bool = True) -> MembershipOperation:
    """Work through the pending items region by region.

    A transient error (throttling beyond botocore's retries) leaves the region's items pending
    and is raised at the end so the task retries later; on the final attempt they fail instead,
    with the reason, so nothing is left silently half-done.
    """
    operation = MembershipOperation.objects.select_related("administrator").get(pk=operation_id)
    MembershipOperation.objects.filter(pk=operation.pk).update(
        state=OperationState.RUNNING, started_at=timezone.now(), attempts=operation.attempts + 1
    )
    pending = defaultdict(list)
    for item in operation.items.filter(state=ItemState.PENDING).select_related("account"):
        pending[item.region].append(item)
    transient: TransientAwsError | None = None
    reached = False
    for region in sorted(pending):
        try:
            _run_region(operation, region, pending[region])
            reached = True
        except TransientAwsError as exc:
            if not final_attempt:
                transient = exc
                continue
            gave_up = (
                f"{exc.message} Still failing after the hub's retries: retry the failed items."
            )
            _fail_region(operation, region, pending[region], gave_up)
            record_region_error(operation.administrator, region, exc)
        except AwsError as exc:
            record_region_error(operation.administrator, region, exc)
            if is_access_problem(exc):
                # The administrator cannot be reached at all (role refused, credentials
                # rejected): every region would fail alike, so none is tried again.
                for other in pending.values():
                    _fail([i for i in other if i.state == ItemState.PENDING], exc.message)
                reached = False
                break
            # GuardDuty refused in this region only (AccessDenied from a service control
            # policy, a region not enabled...): its items fail, the other regions go on.
            _fail_region(operation, region, pending[region], region_failure_words(region, exc))
    if reached:
        # A region answered (and none found the account out of reach): whatever an earlier
        # run recorded on the administrator no longer holds.
        record_account_error(operation.administrator, None)
    _finish(operation)
    if transient is not None:
        raise transient
    return operation


def _run_region(operation: MembershipOperation, region: str, items: list[OperationItem]) -> None:
    administrator = operation.administrator
    detector_id = administrator_detector(administrator, region)
    access = access_for(administrator)
    step = STEPS[operation.kind]
    outcome: StepOutcome = step.run(access, region, detector_id, items, operation.params)
    now = timezone.now()
    for item in items:
        problem = outcome.failed.get(item.account.account_id)
        item.state = ItemState.FAILED if problem is not None else ItemState.DONE
        item.result = (
            problem if problem is not None else outcome.notes.get(item.account.account_id, "")
        )
        item.finished_at = now
    OperationItem.objects.bulk_update(items, ["state", "result", "finished_at"])
    if step.refreshes_members:
        # What GuardDuty says now about these accounts, for the table's status strip.
        ids = [i.account.account_id for i in items]
        answer = gateway.get_members(access, region, detector_id, ids)
        memberships_apply(
            administrator,
            region,
            answer.members,
            operation.created_by,
            gone=[u.account_id for u in answer.unprocessed],
        )
        # After the read-back, which clears the rows GuardDuty answered for.
        by_problem = defaultdict(list)
        for account_id, problem in outcome.failed.items():
            by_problem[problem].append(account_id)
        for problem, account_ids in by_problem.items():
            memberships_note_errors(administrator, region, problem, account_ids)
    record_region_error(administrator, region, None)


def region_failure_words(region: str, exc: AwsError) -> str:
    """An item's result when GuardDuty refused the whole region: AWS's reason, and that the
    other regions were not held back by it."""
    return (
        f"Not done in {region}: {exc.message} Only this region is affected; "
        "retry the failed items once it is fixed."
    )


def _fail_region(
    operation: MembershipOperation, region: str, items: list[OperationItem], message: str
) -> None:
    """The region's pending items fail with `message`; for a membership step, the members'
    rows there say it too (the status they show was not changed)."""
    failing = [i for i in items if i.state == ItemState.PENDING]
    _fail(failing, message)
    if STEPS[operation.kind].refreshes_members:
        memberships_note_errors(
            operation.administrator, region, message, [i.account.account_id for i in failing]
        )


def _fail(items: list[OperationItem], message: str) -> None:
    now = timezone.now()
    for item in items:
        item.state, item.result, item.finished_at = ItemState.FAILED, message, now
    OperationItem.objects.bulk_update(items, ["state", "result", "finished_at"])


def _finish(operation: MembershipOperation) -> None:
    counts = operation.items.aggregate(
        pending=Count("pk", filter=Q(state=ItemState.PENDING)),
        failed=Count("pk", filter=Q(state=ItemState.FAILED)),
        done=Count("pk", filter=Q(state=ItemState.DONE)),
    )
    if counts["pending"]:
        state, finished = OperationState.RUNNING, None
    elif not counts["failed"]:
        state, finished = OperationState.DONE, timezone.now()
    elif counts["done"]:
        state, finished = OperationState.PARTIAL, timezone.now()
    else:
        state, finished = OperationState.FAILED, timezone.now()
    MembershipOperation.objects.filter(pk=operation.pk).update(state=state, finished_at=finished)
    operation.state, operation.finished_at = state, finished


def operation_progress(operation: MembershipOperation) -> list[dict]:
    """Per region: total, done, failed and the percentages the progress bars show."""
    rows = (
        operation.items.values("region")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(state=ItemState.DONE)),
            failed=Count("pk", filter=Q(state=ItemState.FAILED)),
        )
        .order_by("region")
    )
    return [
        {
            **row,
            "pending": row["total"] - row["done"] - row["failed"],
            "done_pct": round(100 * row["done"] / row["total"]) if row["total"] else 0,
            "failed_pct": round(100 * row["failed"] / row["total"]) if row["total"] else 0,
        }
        for row in rows
    ]


__all__ = [
    "OperationKind",
    "operation_progress",
    "operation_retry",
    "operation_run",
    "operation_start",
]
