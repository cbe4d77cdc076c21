"""Health probes for /healthz: the database answers, and the broker takes connections."""

from django.conf import settings
from django.db import connection


def database_status() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return False, f"{type(exc).__name__}: {exc}"
    return True, connection.vendor


def broker_status() -> tuple[bool, str]:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return True, "eager (tasks run in the web process)"
    from guardduty_hub.celery import app

    url = app.conf.broker_url or ""
    if url.startswith(("filesystem://", "memory://")):
        return True, url.split("://", 1)[0]
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return False, f"{type(exc).__name__}: {exc}"
    return True, conn.transport_cls if isinstance(conn.transport_cls, str) else "connected"
