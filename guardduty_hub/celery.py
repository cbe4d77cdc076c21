"""The Celery app: configured from Django settings under the CELERY_ namespace."""

import os

from celery import Celery
from celery.signals import worker_init, worker_process_init

from guardduty_hub.core.heap import freeze_loaded_heap

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guardduty_hub.settings")

app = Celery("guardduty_hub")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
@worker_process_init.connect
def _freeze_loaded_heap(**kwargs) -> None:
    # worker_init: the main process (solo and thread pools run tasks there; prefork children
    # inherit it); worker_process_init: each prefork child, after its own start-up.
    freeze_loaded_heap()
