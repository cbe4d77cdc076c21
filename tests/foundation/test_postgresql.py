"""Runs only against PostgreSQL (DATABASE_URL): proves CI really tests on it."""

import pytest
from django.conf import settings
from django.db import connection, transaction

from tests.fixtures.services import need


@pytest.fixture
def postgresql():
    need(connection.vendor == "postgresql", "DATABASE_URL does not point at PostgreSQL")


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_suite_runs_on_postgresql(postgresql, client):
    assert settings.DATABASE_IS_POSTGRES
    assert connection.settings_dict["NAME"].startswith("test_")
    assert connection.pg_version >= 130000
    assert client.get("/healthz").json()["database"] == {"ok": True, "detail": "postgresql"}


@pytest.mark.postgres
@pytest.mark.django_db
def test_skip_locked_claims_work(postgresql, django_user_model):
    # Work claims later rely on SELECT ... FOR UPDATE SKIP LOCKED, which SQLite cannot do.
    django_user_model.objects.create_user("a")
    with transaction.atomic():
        rows = list(django_user_model.objects.select_for_update(skip_locked=True))
    assert [u.username for u in rows] == ["a"]
