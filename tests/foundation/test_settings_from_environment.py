"""settings.py in a fresh interpreter per case: what each environment gives, and what it refuses."""

import json

import pytest

from tests.foundation.envtools import hub_env, run_python

DUMP = """
import json
from django.conf import settings as s
db = s.DATABASES["default"]
print(json.dumps({
    "DEBUG": s.DEBUG, "SECRET_KEY": s.SECRET_KEY, "ALLOWED_HOSTS": s.ALLOWED_HOSTS,
    "ENGINE": db["ENGINE"], "NAME": str(db["NAME"]), "OPTIONS": db.get("OPTIONS", {}),
    "BROKER": s.CELERY_BROKER_URL, "EAGER": s.CELERY_TASK_ALWAYS_EAGER,
    "BROKER_OPTIONS": s.CELERY_BROKER_TRANSPORT_OPTIONS,
    "SSL_REDIRECT": s.SECURE_SSL_REDIRECT, "SESSION_SECURE": s.SESSION_COOKIE_SECURE,
    "CSRF_SECURE": s.CSRF_COOKIE_SECURE, "HSTS": s.SECURE_HSTS_SECONDS,
    "PROXY_HEADER": getattr(s, "SECURE_PROXY_SSL_HEADER", None),
    "STATIC_BACKEND": s.STORAGES["staticfiles"]["BACKEND"],
}))
"""
PRODUCTION = {"DEBUG": "false", "SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "hub.example.com"}


def settings_for(tmp_path, **env) -> dict:
    result = run_python(DUMP, hub_env(tmp_path / "var", **env))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def refused(tmp_path, **env) -> str:
    result = run_python(DUMP, hub_env(tmp_path / "var", **env))
    assert result.returncode != 0, result.stdout
    assert "ImproperlyConfigured" in result.stderr
    return result.stderr.strip().splitlines()[-1]


def test_no_environment_is_the_embedded_setup(tmp_path):
    s = settings_for(tmp_path)
    assert s["DEBUG"] is True
    assert s["ENGINE"] == "django.db.backends.sqlite3"
    assert s["NAME"] == str(tmp_path / "var" / "guardduty_hub.sqlite3")
    assert "journal_mode=WAL" in s["OPTIONS"]["init_command"]
    assert "busy_timeout=30000" in s["OPTIONS"]["init_command"]
    assert s["EAGER"] is True
    # The generated development key is kept, so sessions survive a restart.
    assert len(s["SECRET_KEY"]) >= 50
    assert settings_for(tmp_path)["SECRET_KEY"] == s["SECRET_KEY"]
    assert s["SSL_REDIRECT"] is False


def test_production_requires_a_secret_key(tmp_path):
    assert "SECRET_KEY must be set" in refused(tmp_path, DEBUG="false", ALLOWED_HOSTS="h")


def test_production_requires_allowed_hosts(tmp_path):
    assert "ALLOWED_HOSTS must be set" in refused(tmp_path, DEBUG="false", SECRET_KEY="k" * 60)


def test_production_is_secure_by_default(tmp_path):
    s = settings_for(tmp_path, **PRODUCTION)
    assert s["DEBUG"] is False
    assert s["ALLOWED_HOSTS"] == ["hub.example.com"]
    assert s["SSL_REDIRECT"] and s["SESSION_SECURE"] and s["CSRF_SECURE"]
    assert s["HSTS"] == 31536000
    assert s["PROXY_HEADER"] is None
    assert s["STATIC_BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_production_security_can_be_handed_to_a_tls_proxy(tmp_path):
    s = settings_for(
        tmp_path,
        **PRODUCTION,
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        USE_X_FORWARDED_PROTO="true",
    )
    assert s["SSL_REDIRECT"] is False
    assert s["HSTS"] == 0
    assert s["PROXY_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert s["SESSION_SECURE"] is True


def test_secret_key_from_a_file(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text("f" * 60 + "\n")
    env = {**PRODUCTION, "SECRET_KEY_FILE": str(key_file)}
    del env["SECRET_KEY"]
    assert settings_for(tmp_path, **env)["SECRET_KEY"] == "f" * 60


def test_database_url_selects_postgresql(tmp_path):
    s = settings_for(tmp_path, DATABASE_URL="postgres://gdh:pw@db.internal:5432/gdh")
    assert s["ENGINE"] == "django.db.backends.postgresql"
    assert s["NAME"] == "gdh"
    assert s["OPTIONS"]["connect_timeout"] == 5


def test_sqlite_database_url_keeps_the_multi_process_tuning(tmp_path):
    s = settings_for(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path}/other.sqlite3")
    assert s["ENGINE"] == "django.db.backends.sqlite3"
    assert "journal_mode=WAL" in s["OPTIONS"]["init_command"]


@pytest.mark.parametrize("url", ["mysql://u@h/db", "nonsense", "postgres://"])
def test_unsupported_database_urls_are_refused(tmp_path, url):
    assert "DATABASE_URL" in refused(tmp_path, DATABASE_URL=url)


def test_celery_broker_url_selects_redis(tmp_path):
    s = settings_for(tmp_path, CELERY_BROKER_URL="redis://cache:6379/0")
    assert s["BROKER"] == "redis://cache:6379/0"
    assert s["EAGER"] is False
    assert s["BROKER_OPTIONS"]["visibility_timeout"] >= 1800


def test_redis_url_is_the_broker_when_no_celery_broker_url(tmp_path):
    s = settings_for(tmp_path, REDIS_URL="redis://cache:6379/1")
    assert (s["BROKER"], s["EAGER"]) == ("redis://cache:6379/1", False)


def test_filesystem_broker_for_a_separate_worker(tmp_path):
    s = settings_for(tmp_path, CELERY_BROKER_URL="filesystem://")
    assert s["EAGER"] is False
    queue = tmp_path / "var" / "celery" / "queue"
    assert s["BROKER_OPTIONS"]["data_folder_in"] == str(queue)
    assert s["BROKER_OPTIONS"]["data_folder_out"] == str(queue)
    assert queue.is_dir()


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG must be a boolean"),
        ("SECURE_HSTS_SECONDS", "one year", "SECURE_HSTS_SECONDS must be a whole number"),
        ("AWS_RETRY_MODE", "fast", "AWS_RETRY_MODE must be one of"),
        ("SESSION_COOKIE_AGE", "-5", "SESSION_COOKIE_AGE must be at least 0"),
    ],
)
def test_bad_values_stop_the_process(tmp_path, name, value, message):
    assert message in refused(tmp_path, **{name: value})
