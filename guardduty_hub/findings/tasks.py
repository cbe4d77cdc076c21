"""Celery tasks of the findings app: thin, take ids, call a service."""

from django.db import transaction

from guardduty_hub.core.tasks import hub_task
from guardduty_hub.findings.bulk_matching import bulk_operation_run
from guardduty_hub.findings.models import BulkOperation

# One task run works this long, then queues the rest (other work gets the worker in between).
STEP_SECONDS = 60


@hub_task(
    "guardduty_hub.findings.bulk_operation_run",
    # Safe: the run moves a cursor saved after each batch, and the actions are idempotent
    # (archiving an archived finding, setting the status it has), so a rerun redoes at most
    # one batch.
    acks_late=True,
    time_limit=STEP_SECONDS + 120,
)
def bulk_operation_run_task(operation_id: int) -> None:
    if bulk_operation_run(operation_id, seconds=STEP_SECONDS):
        bulk_operation_run_task.delay(operation_id)


def bulk_operation_run_after_commit(sender, operation: BulkOperation, **kwargs) -> None:
    """Receiver of signals.bulk_operation_queued (connected in FindingsConfig.ready)."""
    transaction.on_commit(lambda: bulk_operation_run_task.delay(operation.pk))
