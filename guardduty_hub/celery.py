"""The Celery app: configured from Django settings under the CELERY_ namespace."""

import logging.config
import os

from celery import Celery
from celery.signals import setup_logging, worker_init, worker_process_init
from django.conf import settings

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


def _logging_from_settings(**kwargs) -> None:
    logging.config.dictConfig(settings.LOGGING)


# With LOG_FORMAT=json a worker logs as the web does (Django's LOGGING, one JSON object per
# line); otherwise Celery keeps its own text format (a receiver here would replace it). Read
# from the environment: the package is imported before Django's settings (settings.py checks it).
if os.environ.get("LOG_FORMAT", "").strip() == "json":
    setup_logging.connect(_logging_from_settings, weak=False)
