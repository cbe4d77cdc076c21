"""Browser-test plumbing every area reuses (registered in tests/conftest.py).

Playwright drives the system Chromium (/usr/bin/chromium, or GDH_CHROMIUM); browsers are never
downloaded. Any test that uses `page` or `signed_in_page` is marked `browser` automatically and
skips when Chromium is missing, unless GDH_REQUIRE_SERVICES=1 makes that a failure.

    @pytest.mark.django_db(transaction=True)
    def test_something(signed_in_page, admin_alice):
        page = signed_in_page(admin_alice, "/accounts/")
        expect(page.get_by_role("heading")).to_have_text("Accounts")
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

from tests.fixtures.services import need

CHROMIUM_FLAGS = [
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER_FIXTURES = {"page", "signed_in_page", "context", "browser"}


def chromium_path() -> Path:
    return Path(os.environ.get("GDH_CHROMIUM", "/usr/bin/chromium"))


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch arguments, pointed at the system Chromium."""
    path = chromium_path()
    need(
        path.is_file() and os.access(path, os.X_OK),
        f"Chromium not found at {path} (apt-get install chromium, or set GDH_CHROMIUM)",
    )
    # Playwright's sync API runs an event loop in the test thread; Django then refuses ORM calls
    # from that thread (SynchronousOnlyOperation) unless told the caller is really synchronous.
    # Set only once a browser is wanted, and left set: the loop outlives this fixture.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    return {**browser_type_launch_args, "executable_path": str(path), "args": CHROMIUM_FLAGS}


@pytest.fixture
def signed_in_page(page, live_server, transactional_db, client):
    """`signed_in_page(user, path="/")`: the page, signed in as `user`, opened at `path`.

    Signs in by session cookie rather than through the form (the sign-in flow has its own
    test), so flows start fast. Uses the live server, hence a transactional database.
    """

    def sign_in(user, path: str = "/"):
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )
        page.goto(live_server.url + path)
        return page

    return sign_in
