"""Fixtures every test area shares. Area fixtures live in tests/<area>/conftest.py."""

import os

import pytest

pytest_plugins = [
    "tests.fixtures.services",
    "tests.fixtures.simulator",
    "tests.browser.fixtures",
    "tests.fixtures.personas",
    "tests.fixtures.membership",
    "tests.fixtures.sync_world",
    "tests.fixtures.shared_findings",
    "tests.fixtures.event_ingest",
]


@pytest.fixture(autouse=True)
def _offline_aws(monkeypatch):
    """No test ever reaches real AWS: fake credentials, a fixed region, no configured endpoints.

    In-process tests run under moto's mock_aws, which only intercepts default AWS URLs; tests of
    the HTTP simulator set the endpoint variables themselves.
    """
    for name in list(os.environ):
        if name.startswith("AWS_ENDPOINT_URL") or name in ("AWS_PROFILE", "AWS_SESSION_TOKEN"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Personas are created in nearly every test; PBKDF2 would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_aws_caches():
    """Each test starts with no cached sessions, assumed-role credentials or clients.

    moto forgets its assumed roles between tests; a cached credential from an earlier test would
    then silently land in moto's default account instead of the account it was assumed into.
    """
    from guardduty_hub.aws import reset_caches

    reset_caches()
    yield
    reset_caches()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: sign-in failure counts (core/sign_in_limits.py),
    API budgets and dashboard numbers of one test must not lock out or feed the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _eager_celery(settings):
    """Tasks run in the test's own process, whatever broker the environment names.

    .ci/run points CELERY_BROKER_URL at Redis for the whole suite; without this, a task queued
    by a test would wait in Redis for a worker that never comes (and later surprise the tests
    that do start one). Tests of a real worker set CELERY_TASK_ALWAYS_EAGER = False themselves.
    """
    settings.CELERY_TASK_ALWAYS_EAGER = True
