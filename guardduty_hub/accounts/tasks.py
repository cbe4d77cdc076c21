"""Celery tasks of the accounts app: thin, take ids, call a service, declare their retries."""

from django.db import transaction

from guardduty_hub.accounts.memberships import memberships_refresh
from guardduty_hub.accounts.models import AccountKind, AwsAccount, MembershipOperation
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
    operation_run(operation_id, final_attempt=self.request.retries >= self.max_retries)


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


@hub_task("guardduty_hub.accounts.memberships_refresh_administrator", expires=300)
def memberships_refresh_administrator(administrator_pk: int) -> dict:
    """Errors (throttling included) are recorded on the region they belong to and shown;
    beat asks again at the next interval, so there is no retry here."""
    administrator = AwsAccount.objects.get(pk=administrator_pk)
    return memberships_refresh(administrator)
