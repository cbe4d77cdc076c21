"""/healthz: 200 with database and broker status when both answer, 503 when one does not."""

import json
import socket

import pytest

from tests.foundation.envtools import hub_env, run_python


def closed_port() -> int:
    """A local port nothing listens on (bound and released, so it was free a moment ago)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_healthy_without_signing_in(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["broker"] == {"ok": True, "detail": "eager (tasks run in the calling process)"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_unreachable_broker_gives_503(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port()}/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unhealthy"
    assert body["broker"]["ok"] is False
    assert "Connection refused" in body["broker"]["detail"]
    assert body["database"]["ok"] is True


@pytest.mark.django_db
def test_filesystem_broker_counts_as_healthy(client, settings, tmp_path):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"data_folder_in": str(tmp_path)}
    assert client.get("/healthz").json()["broker"] == {"ok": True, "detail": "filesystem"}
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"data_folder_in": str(tmp_path / "gone")}
    assert client.get("/healthz").status_code == 503


HEALTHZ_IN_SUBPROCESS = """
import json, django
django.setup()
from django.test import Client
response = Client().get("/healthz")
print(json.dumps({"status": response.status_code, "body": response.json()}))
"""


def test_unreachable_database_gives_503(tmp_path):
    # A database that is down cannot be simulated inside the test's own connection: run the
    # app in a fresh process whose DATABASE_URL points at a port nothing listens on.
    env = hub_env(
        tmp_path / "var",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{closed_port()}/gdh",
        ALLOWED_HOSTS="testserver",
    )
    result = run_python(HEALTHZ_IN_SUBPROCESS, env)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["status"] == 503
    assert answer["body"]["database"]["ok"] is False
    assert answer["body"]["broker"]["ok"] is True
