"""Celery tasks of the accounts app: thin, take ids, call a service, declare their retries."""

import time

from celery import shared_task
from django.db import transaction

from guardduty_hub.accounts.membership_refresh import memberships_refresh
from guardduty_hub.accounts.models import AccountKind, AwsAccount, MembershipOperation
from guardduty_hub.accounts.operations import operation_run
from guardduty_hub.aws import TransientAwsError

# Throttling that outlasts botocore's own retries: wait, then redo only what is still pending.
MAX_RETRIES = 5
EAGER_RETRY_DELAY = 0.2


@shared_task(
    bind=True,
    name="guardduty_hub.accounts.membership_operation_run",
    queue="membership",
    acks_late=True,  # safe: items only leave "pending" once, so a rerun redoes nothing
    max_retries=MAX_RETRIES,
)
def membership_operation_run(self, operation_id: int) -> None:
    retries = self.request.retries
    while True:
        try:
            operation_run(operation_id, final_attempt=retries >= self.max_retries)
            return
        except TransientAwsError as exc:
            if not self.request.is_eager:
                raise self.retry(exc=exc, countdown=min(60, 2 ** (retries + 1))) from exc
            # Eager mode (the embedded setup without a broker, tests): Celery cannot re-queue
            # an eager task, so wait a little and go again in place.
            retries += 1
            time.sleep(EAGER_RETRY_DELAY * retries)


@shared_task(
    name="guardduty_hub.accounts.memberships_refresh_all",
    queue="membership",
    expires=300,
)
def memberships_refresh_all() -> int:
    """Beat: fan out one refresh per administrator (beat only fans out)."""
    ids = list(
        AwsAccount.objects.filter(kind=AccountKind.ADMINISTRATOR).values_list("pk", flat=True)
    )
    for pk in ids:
        memberships_refresh_administrator.apply_async(args=[pk], expires=300)
    return len(ids)


@shared_task(
    name="guardduty_hub.accounts.memberships_refresh_administrator",
    queue="membership",
    expires=300,
)
def memberships_refresh_administrator(administrator_pk: int) -> dict:
    """Errors (throttling included) are recorded on the region they belong to and shown;
    beat asks again at the next interval, so there is no retry here."""
    administrator = AwsAccount.objects.get(pk=administrator_pk)
    return memberships_refresh(administrator)


def operation_run_after_commit(sender, operation: MembershipOperation, **kwargs) -> None:
    """Receiver of signals.operation_queued (connected in AccountsConfig.ready)."""
    transaction.on_commit(lambda: membership_operation_run.delay(operation.pk))
