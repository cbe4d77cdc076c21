"""Worker processes freeze their start-up heap (core/heap.py) out of the collector's sight."""

import gc

import pytest
from celery.signals import worker_init, worker_process_init

from guardduty_hub.aws import factory
from guardduty_hub.celery import _freeze_loaded_heap
from guardduty_hub.core.heap import freeze_loaded_heap


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_freezing_moves_the_loaded_heap_to_the_permanent_generation(unfrozen, monkeypatch):
    assert gc.get_freeze_count() == 0
    # A new process: no session, no service model loaded yet.
    monkeypatch.setattr(factory, "_loader", None)
    factory.reset()
    freeze_loaded_heap()
    # Django, the app and botocore's GuardDuty model: far more than a handful of objects.
    assert gc.get_freeze_count() > 50_000
    # The model was loaded before the freeze, into the loader every client shares.
    loaded = {key[-1] for key in factory._loader._cache if key[0] == "load_data_with_path"}
    assert any(path.startswith("guardduty/") for path in loaded)
    factory.reset()  # the next test's session takes the process's own loader again


def test_celery_worker_processes_freeze_at_start(unfrozen):
    for signal in (worker_init, worker_process_init):
        assert _freeze_loaded_heap in [ref() for _, ref in signal.receivers]
    worker_process_init.send(sender=None)
    assert gc.get_freeze_count() > 50_000
