"""docker-compose.yml and the Dockerfile, checked by reading them (no Docker engine here)."""

import re
import shlex

import pytest
import yaml
from django.conf import settings

from tests.foundation.envtools import REPO_ROOT, hub_env, run_manage, settings_env_names

APP_SERVICES = ("migrate", "web", "worker", "beat", "consumer")
# Read by boto3, not by settings.py.
AWS_SDK_NAMES = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())


def command(service: dict) -> list[str]:
    cmd = service["command"]
    return shlex.split(cmd) if isinstance(cmd, str) else cmd


def test_the_stack_has_its_services(compose):
    assert set(compose["services"]) == {"postgres", "redis", *APP_SERVICES}


def test_postgres_has_a_healthcheck_and_a_volume(compose):
    postgres = compose["services"]["postgres"]
    assert postgres["healthcheck"]["test"]
    volume = postgres["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]
    assert compose["services"]["redis"]["healthcheck"]["test"]


def test_the_app_is_defined_once_and_reused(compose):
    raw = (REPO_ROOT / "docker-compose.yml").read_text()
    assert raw.count("<<: *app") == len(APP_SERVICES)
    services = compose["services"]
    first = services[APP_SERVICES[0]]
    for name in APP_SERVICES:
        assert services[name]["image"] == first["image"]
        assert services[name]["build"] == first["build"]
        assert services[name]["environment"] == first["environment"]


def test_commands(compose):
    services = compose["services"]
    assert command(services["migrate"])[-2:] == ["migrate", "--noinput"]
    assert services["migrate"]["restart"] == "no"
    # The web's settings (workers, threads, statement timeout) live in gunicorn.conf.py.
    assert command(services["web"])[:4] == [
        "gunicorn",
        "--config",
        "gunicorn.conf.py",
        "guardduty_hub.wsgi",
    ]
    worker = command(services["worker"])
    assert worker[:4] == ["celery", "-A", "guardduty_hub", "worker"]
    queues = set(worker[worker.index("-Q") + 1].split(","))
    routed = {r["queue"] for r in settings.CELERY_TASK_ROUTES.values()}
    assert queues == {settings.CELERY_TASK_DEFAULT_QUEUE, *routed}
    assert command(services["beat"])[:4] == ["celery", "-A", "guardduty_hub", "beat"]
    consumer = services["consumer"]
    assert command(consumer)[-2:] == ["manage.py", "consume_findings"]
    assert consumer["profiles"] == ["events"]  # started when a queue is configured
    for name in ("web", "worker", "beat", "consumer"):
        wanted = services[name]["depends_on"]["migrate"]["condition"]
        assert wanted == "service_completed_successfully"
    for dependency in ("postgres", "redis"):
        assert services["migrate"]["depends_on"][dependency]["condition"] == "service_healthy"


def test_environment_names_are_settings_the_hub_reads(compose):
    names = set(compose["services"]["web"]["environment"])
    unknown = names - settings_env_names() - AWS_SDK_NAMES
    assert not unknown, f"docker-compose.yml sets variables settings.py never reads: {unknown}"


def _resolved_environment(compose) -> dict[str, str]:
    """The app's environment with ${VAR:-default} replaced by its default."""
    env = {}
    for name, value in compose["services"]["web"]["environment"].items():
        if value is None:
            continue
        env[name] = re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", str(value))
    return env


def test_the_compose_environment_is_a_valid_configuration(compose, tmp_path):
    env = _resolved_environment(compose)
    assert env["DEBUG"] == "false"
    assert (
        env["DATABASE_URL"].startswith("postgres://") and "@postgres:5432/" in env["DATABASE_URL"]
    )
    assert env["CELERY_BROKER_URL"].startswith("redis://redis:6379")
    result = run_manage(["check"], hub_env(tmp_path / "var", **env))
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_builds_the_app_image():
    dockerfile = (REPO_ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.1[1-9]", dockerfile, re.MULTILINE)
    assert "pip install" in dockerfile and "-e ." in dockerfile
    assert "collectstatic --noinput" in dockerfile
    assert re.search(r"^USER \w+", dockerfile, re.MULTILINE), "the app must not run as root"
    assert 'CMD ["gunicorn", "--config", "gunicorn.conf.py", "guardduty_hub.wsgi"' in dockerfile
    assert (REPO_ROOT / "gunicorn.conf.py").is_file()
