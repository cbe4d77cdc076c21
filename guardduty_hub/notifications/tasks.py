"""Notification tasks: flush a channel's window, send a message, and the sweep.

Grouping: when a page queues findings for a channel, a flush is sent after the commit with a
short countdown (NOTIFICATIONS_GATHER_SECONDS) so the rest of the burst joins it. The flush
makes one message and closes the channel's window for NOTIFICATIONS_WINDOW_SECONDS; a flush
that finds the window open re-sends itself for the window's end. So a quiet channel hears of
a High finding within seconds and a busy one gets one message a minute. Beat's sweep
(every NOTIFICATIONS_SWEEP_SECONDS) picks up whatever a restarted worker lost: a flush in its
countdown, a retry's eta. Flushes and sends claim their rows (channel_flush, delivery_attempt),
so a second run of either does nothing. Beat's overdue scan (every NOTIFICATIONS_OVERDUE_SECONDS)
queues findings that just missed an SLA deadline into the same outbox (overdue.py).
"""

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

from guardduty_hub.core.tasks import hub_task
from guardduty_hub.notifications import overdue, services


def channel_flush_soon(channel_ids: Iterable[int]) -> None:
    for channel_id in sorted(channel_ids):
        channel_flush.apply_async((channel_id,), countdown=settings.NOTIFICATIONS_GATHER_SECONDS)


@hub_task("guardduty_hub.notifications.flush", time_limit=120, acks_late=True)
def channel_flush(channel_id: int) -> None:
    flush = services.channel_flush(channel_id)
    if flush.delivery_id is not None:
        delivery_send.delay(flush.delivery_id)
    elif flush.wait_until is not None and not settings.CELERY_TASK_ALWAYS_EAGER:
        # Eager runs (no broker) cannot wait: the sweep flushes those after the window.
        channel_flush.apply_async((channel_id,), eta=flush.wait_until)


@hub_task("guardduty_hub.notifications.deliver", time_limit=120, acks_late=True, bind=True)
def delivery_send(self, delivery_id: int) -> None:
    """One attempt; a transient failure is tried again with exponential backoff (the service
    records each attempt and decides when to give up)."""
    outcome = services.delivery_attempt(delivery_id)
    if outcome.retry_in is not None:
        raise self.retry(
            countdown=outcome.retry_in, max_retries=settings.NOTIFICATIONS_MAX_ATTEMPTS
        )


@hub_task("guardduty_hub.notifications.sweep", time_limit=60)
def notifications_sweep() -> None:
    now = timezone.now()
    for channel_id in services.channels_due(now):
        channel_flush.delay(channel_id)
    for delivery_id in services.deliveries_due(now):
        delivery_send.delay(delivery_id)


@hub_task("guardduty_hub.notifications.overdue", time_limit=300)
def notifications_overdue() -> None:
    """Queue the findings whose SLA deadline passed since the last run; flush their channels
    (the scan committed: the flush sees the items)."""
    channel_flush_soon(overdue.overdue_scan(timezone.now()))
