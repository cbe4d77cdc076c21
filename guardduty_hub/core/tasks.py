"""Diagnostic task: proves a worker consumes from the configured broker (used by tests)."""

from celery import shared_task


@shared_task(name="guardduty_hub.core.ping", ignore_result=False, soft_time_limit=20, time_limit=30)
def ping() -> str:
    return "pong"
