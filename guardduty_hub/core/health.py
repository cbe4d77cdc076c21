"""Health probes for /healthz: the database answers, and the broker takes connections.

Each probe returns (ok, detail) and never raises: a probe that crashes would turn an unhealthy
dependency into a 500 instead of the 503 a load balancer or orchestrator acts on.
"""

from pathlib import Path

from celery import current_app
from django.conf import settings
from django.db import connection

# Short, so a dead broker answers /healthz in about a second rather than hanging the probe.
BROKER_TIMEOUT_SECONDS = 2


def database_status() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return False, f"{type(exc).__name__}: {exc}"
    return True, connection.vendor


def broker_status() -> tuple[bool, str]:
    # Read Django settings on every call (not Celery's cached conf) so a changed setting, as in
    # tests, is what gets probed.
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return True, "eager (tasks run in the calling process)"
    url = settings.CELERY_BROKER_URL or ""
    if url.startswith("memory://"):
        return True, "memory"
    if url.startswith("filesystem://"):
        return _filesystem_status()
    return _network_broker_status(url)


def _filesystem_status() -> tuple[bool, str]:
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    folder = Path(options.get("data_folder_in", ""))
    if not folder.is_dir():
        return False, f"filesystem queue folder {folder} does not exist"
    return True, "filesystem"


def _network_broker_status(url: str) -> tuple[bool, str]:
    # current_app is the project's app (guardduty_hub/celery.py, loaded with the package):
    # core is below the project module and does not import it.
    try:
        with current_app.connection_for_write(
            url=url, connect_timeout=BROKER_TIMEOUT_SECONDS
        ) as conn:
            conn.ensure_connection(
                max_retries=1,
                interval_start=0,
                interval_step=0,
                timeout=BROKER_TIMEOUT_SECONDS,
            )
            transport = conn.transport.driver_name
    except Exception as exc:
        return False, f"{type(exc).__name__}: {exc}"
    return True, transport
