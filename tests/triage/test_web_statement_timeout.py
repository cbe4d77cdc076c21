"""The web server's PostgreSQL session (gunicorn.conf.py) and the list page when it runs out.

gunicorn's workers give each database connection a statement timeout; a list whose query is
cancelled by it answers with a page that says so (and keeps the filter form), not a hung worker
or a bare 500.
"""

import gc
import runpy
from pathlib import Path

import pytest
from django.db import connection, connections
from django.db.backends.signals import connection_created
from django.urls import reverse

from tests.factories import make_finding
from tests.fixtures.services import need

GUNICORN_CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


@pytest.fixture(autouse=True)
def _postgresql():
    need(connection.vendor == "postgresql", "statement_timeout is PostgreSQL's")


@pytest.fixture
def web_worker_hook():
    """gunicorn.conf.py's post_worker_init, as a worker runs it; undone afterwards (the
    connection hook, and the gc.freeze that suits a worker, not the test process)."""
    conf = runpy.run_path(str(GUNICORN_CONF))
    yield conf
    connection_created.disconnect(dispatch_uid="gdh-web-session")
    gc.unfreeze()


def session_setting(conn, name: str) -> str:
    with conn.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_web_worker_connections_get_the_timeout_and_work_mem(settings, web_worker_hook):
    settings.WEB_STATEMENT_TIMEOUT_MS = 1234
    before = connections.create_connection("default")
    try:
        assert session_setting(before, "statement_timeout") == "0"  # not a web worker yet
    finally:
        before.close()
    web_worker_hook["post_worker_init"](None)
    conn = connections.create_connection("default")
    try:
        assert session_setting(conn, "statement_timeout") == "1234ms"
        assert session_setting(conn, "work_mem") == web_worker_hook["WEB_WORK_MEM"]
    finally:
        conn.close()


@pytest.mark.django_db
def test_the_worker_is_warm_and_frozen_before_serving(settings, web_worker_hook):
    gc.unfreeze()
    web_worker_hook["post_worker_init"](None)
    assert gc.get_freeze_count() > 10_000  # Django, the views and their templates


@pytest.mark.django_db
def test_a_zero_timeout_means_none(settings, web_worker_hook):
    settings.WEB_STATEMENT_TIMEOUT_MS = 0
    web_worker_hook["post_worker_init"](None)
    conn = connections.create_connection("default")
    try:
        assert session_setting(conn, "statement_timeout") == "0"
    finally:
        conn.close()


@pytest.fixture
def findings_locked(transactional_db, accounts):
    """findings_finding held by another session, so that any read of it waits; and this
    session's statement timeout at 300 ms. Autocommit (transactional_db), as a web request
    runs: a cancelled statement does not poison the rest of the request."""
    make_finding(title="Behind the lock")
    locker = connections.create_connection("default")
    with locker.cursor() as cursor:
        cursor.execute("BEGIN")
        cursor.execute("LOCK TABLE findings_finding IN ACCESS EXCLUSIVE MODE")
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 300")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET statement_timeout")
    with locker.cursor() as cursor:
        cursor.execute("ROLLBACK")
    locker.close()


def test_a_cancelled_list_says_so_and_keeps_the_form(findings_locked, client_for, admin_alice):
    client = client_for(admin_alice)
    answer = client.get(reverse("findings:list"), {"region": "us-east-1"})
    assert answer.status_code == 503
    page = answer.content.decode()
    assert "took longer than 10 seconds to read" in page
    assert "Behind the lock" not in page
    assert 'id="filter-form"' in page  # narrow the filters from here


def test_a_cancelled_list_in_place_is_a_message_htmx_swaps(
    findings_locked, client_for, admin_alice
):
    client = client_for(admin_alice)
    answer = client.get(reverse("findings:list"), headers={"HX-Request": "true"})
    # htmx only swaps successful answers in: the message must arrive as one.
    assert answer.status_code == 200
    assert "took longer than 10 seconds to read" in answer.content.decode()
    assert "<html" not in answer.content.decode()


def test_an_export_reads_without_the_timeout_and_puts_it_back(transactional_db, accounts):
    from guardduty_hub.findings.export import export_rows
    from guardduty_hub.findings.models import Finding

    make_finding(title="One")
    make_finding(title="Two")
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 300")
    try:
        lines = export_rows(Finding.objects.all(), {}, None)
        next(lines)  # the header: written before any read
        next(lines)  # the first row: read with no timeout, a long export is meant to be long
        assert session_setting(connection, "statement_timeout") == "0"
        assert len(list(lines)) == 1
        assert session_setting(connection, "statement_timeout") == "300ms"
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")
