"""One task decorator: every project task declares its name, limits and retry policy alike."""

import pytest
from django.conf import settings as django_settings

from guardduty_hub.aws import PermanentAwsError, ThrottledError, TransientAwsError
from guardduty_hub.celery import app
from guardduty_hub.core.tasks import HubTask, hub_task, queue_for

attempts: list[int] = []


@hub_task("guardduty_hub.core.test_flaky", bind=True, retry_transient=True, max_retries=2)
def flaky(self, fail_times: int, permanent: bool = False) -> int:
    attempts.append(self.request.retries)
    if permanent:
        raise PermanentAwsError("access denied", code="AccessDenied")
    if len(attempts) <= fail_times:
        raise ThrottledError("slow down", code="TooManyRequestsException")
    return len(attempts)


@pytest.fixture(autouse=True)
def eager(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    attempts.clear()


def project_tasks():
    app.loader.import_default_modules()
    return {n: t for n, t in app.tasks.items() if n.startswith("guardduty_hub.")}


def test_every_project_task_is_declared_through_the_decorator():
    tasks = project_tasks()
    assert {
        "guardduty_hub.sync.sync_region",
        "guardduty_hub.accounts.membership_operation_run",
    } <= set(tasks)
    for name, task in tasks.items():
        assert isinstance(task, HubTask), name
        assert 0 < task.soft_time_limit < task.time_limit, name
        assert queue_for(name), name  # routed (LookupError otherwise)
        if getattr(task, "autoretry_for", ()):
            assert task.autoretry_for == (TransientAwsError,), name
            assert task.retry_jitter and task.retry_backoff and task.max_retries, name
        else:
            assert task.max_retries == 0, name


def test_queues_come_from_the_routes():
    assert queue_for("guardduty_hub.sync.sync_region") == "sync"
    assert queue_for("guardduty_hub.accounts.membership_operation_run") == "membership"
    with pytest.raises(LookupError):
        hub_task("elsewhere.unrouted")
    assert django_settings.CELERY_TASK_ROUTES  # the one place queues are declared


def test_a_transient_error_is_retried_until_it_passes():
    assert flaky.delay(2).get() == 3
    assert attempts == [0, 1, 2]


def test_retries_run_out_with_the_last_transient_error():
    with pytest.raises(ThrottledError):
        flaky.delay(10).get()
    assert attempts == [0, 1, 2]  # max_retries=2: three attempts in all


def test_a_permanent_error_is_never_retried():
    with pytest.raises(PermanentAwsError):
        flaky.delay(0, permanent=True).get()
    assert attempts == [0]
