"""Celery tasks of the accounts app: thin, take ids, call a service, declare their retries."""

from django.conf import settings
from django.db import transaction

from guardduty_hub.accounts.memberships import memberships_refresh
from guardduty_hub.accounts.models import (
    AccountKind,
    AwsAccount,
    MembershipOperation,
    OperationKind,
    OperationState,
)
from guardduty_hub.accounts.operations import operation_run
from guardduty_hub.core.tasks import hub_task


@hub_task(
    "guardduty_hub.accounts.membership_operation_run",
    bind=True,
    acks_late=True,  # safe: items only leave "pending" once, so a rerun redoes nothing
    # Throttling that outlasts botocore's own retries: wait, then redo only what is pending.
    retry_transient=True,
    backoff_seconds=2,
    backoff_max_seconds=60,
)
def membership_operation_run(self, operation_id: int) -> None:
    # The last attempt fails what is still pending, with the reason, instead of raising.
    operation = operation_run(operation_id, final_attempt=self.request.retries >= self.max_retries)
    if operation.kind == OperationKind.INVITE and operation.state in INVITED_STATES:
        status_refresh_follow_ups(operation.administrator_id)


# GuardDuty verifies the email and the member sees the invitation within minutes, well before
# beat's next refresh: the hub reads the administrator's member status again at these delays.
FOLLOW_UP_REFRESH_SECONDS = (30, 120, 300)
INVITED_STATES = {OperationState.DONE, OperationState.PARTIAL}


def follow_up_delays() -> tuple[int, ...]:
    """The follow-up refreshes an invitation gets here (none in eager mode, see below)."""
    return () if settings.CELERY_TASK_ALWAYS_EAGER else FOLLOW_UP_REFRESH_SECONDS


def status_refresh_follow_ups(administrator_pk: int) -> int:
    """Queue the follow-up refreshes of one administrator; returns how many.

    None in eager mode (the embedded setup without a worker): Celery would run them at once,
    in the request that invited, and ignore the delays. There the invite has already read the
    invited members' status, and the pages offer "Refresh status now".
    """
    delays = follow_up_delays()
    for seconds in delays:
        memberships_refresh_administrator.apply_async(
            args=[administrator_pk],
            countdown=seconds,
            # The task's own expiry counts from sending: it must outlive the countdown.
            expires=seconds + REFRESH_EXPIRES_SECONDS,
        )
    return len(delays)


def operation_run_after_commit(sender, operation: MembershipOperation, **kwargs) -> None:
    """Receiver of signals.operation_queued (connected in AccountsConfig.ready)."""
    transaction.on_commit(lambda: membership_operation_run.delay(operation.pk))


def fan_out_per_administrator(task, *, expires: int) -> int:
    """Beat's fan-out: one `task(administrator_pk)` per administrator, expiring unstarted."""
    ids = list(
        AwsAccount.objects.filter(kind=AccountKind.ADMINISTRATOR).values_list("pk", flat=True)
    )
    for pk in ids:
        task.apply_async(args=[pk], expires=expires)
    return len(ids)


@hub_task("guardduty_hub.accounts.memberships_refresh_all", expires=300)
def memberships_refresh_all() -> int:
    """Beat: fan out one refresh per administrator (beat only fans out)."""
    return fan_out_per_administrator(memberships_refresh_administrator, expires=300)


REFRESH_EXPIRES_SECONDS = 300


@hub_task(
    "guardduty_hub.accounts.memberships_refresh_administrator", expires=REFRESH_EXPIRES_SECONDS
)
def memberships_refresh_administrator(administrator_pk: int) -> dict:
    """Errors (throttling included) are recorded on the region they belong to and shown;
    beat asks again at the next interval, so there is no retry here."""
    administrator = AwsAccount.objects.get(pk=administrator_pk)
    return memberships_refresh(administrator)
