"""Celery tasks: beat fans out one expiring task per enabled pair; tasks run the services."""

import pytest
from celery.signals import before_task_publish
from django.conf import settings as django_settings

from guardduty_hub.accounts.models import AdministratorRegion
from guardduty_hub.celery import app
from guardduty_hub.findings.models import Finding
from guardduty_hub.sync import tasks
from guardduty_hub.sync.models import SyncRun
from tests.fixtures.sync_world import OTHER_REGION, REGION, recent_window


def test_beat_schedule_fans_out_sync_and_reconcile():
    schedule = django_settings.CELERY_BEAT_SCHEDULE
    sync_entry = schedule["sync-findings"]
    assert sync_entry["task"] == "guardduty_hub.sync.sync_all"
    assert sync_entry["schedule"] == django_settings.SYNC_INTERVAL_SECONDS == 300
    assert sync_entry["options"]["expires"] == django_settings.SYNC_INTERVAL_SECONDS
    reconcile_entry = schedule["reconcile-archived-findings"]
    assert reconcile_entry["schedule"] == django_settings.SYNC_RECONCILE_INTERVAL_SECONDS == 3600
    for entry in (sync_entry, reconcile_entry):
        assert entry["task"] in app.tasks


def test_tasks_declare_their_policy():
    task = app.tasks["guardduty_hub.sync.sync_region"]
    assert task.acks_late
    assert task.time_limit == django_settings.SYNC_TASK_TIME_LIMIT
    assert task.soft_time_limit < task.time_limit
    assert task.time_limit < django_settings.SYNC_LEASE_SECONDS
    visibility = django_settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert visibility > task.time_limit
    assert task.retry_jitter and task.retry_backoff


@pytest.fixture
def published():
    """Messages the fan-out publishes (broker in memory, not eager)."""
    sent = []

    def capture(sender=None, headers=None, body=None, **kwargs):
        sent.append((sender, headers, body))

    before_task_publish.connect(capture)
    yield sent
    before_task_publish.disconnect(capture)


def test_fan_out_publishes_one_expiring_task_per_enabled_pair(sync_world, settings, published):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "memory://"
    AdministratorRegion.objects.filter(region=OTHER_REGION).update(enabled=False)
    AdministratorRegion.objects.create(administrator=sync_world.admin, region="ap-south-1")
    assert tasks.sync_all() == 2
    names = [(sender, list(body[0])) for sender, _h, body in published]
    assert sorted(names) == [
        ("guardduty_hub.sync.sync_region", [sync_world.admin.pk, "ap-south-1"]),
        ("guardduty_hub.sync.sync_region", [sync_world.admin.pk, REGION]),
    ]
    assert all(headers["expires"] for _s, headers, _b in published)


def test_fan_out_runs_each_pair_eagerly(sync_world, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    sync_world.populate(30, region=REGION, **recent_window())
    sync_world.populate(20, region=OTHER_REGION, **recent_window())
    assert tasks.sync_all() == 2
    assert Finding.objects.count() == 50
    assert tasks.reconcile_all() == 2
    assert SyncRun.objects.filter(kind="reconcile", status="succeeded").count() == 2


def test_task_returns_a_summary(sync_world, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    sync_world.populate(5, **recent_window())
    result = tasks.sync_region.delay(sync_world.admin.pk, REGION).get()
    assert result["created"] == 5 and result["status"] == "succeeded"
