"""Schemathesis against the OpenAPI schema: no request the schema allows (or nearly allows:
its negative cases) makes the API answer with a server error.

Runs in the suite that .ci/run runs, so on PostgreSQL there; bounded by MAX_EXAMPLES per
operation (about a minute in all). Signed in with an Admin's API token, over a hub with an
administrator in the simulator, members and findings, so ids sometimes name real rows.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from guardduty_hub.api.services import token_issue
from tests.factories import make_finding

# A deeper run: GDH_SCHEMATHESIS_EXAMPLES=500 pytest tests/api/test_schemathesis.py
MAX_EXAMPLES = int(os.environ.get("GDH_SCHEMATHESIS_EXAMPLES", "25"))


@pytest.fixture
def keep_connection():
    """Schemathesis calls the real WSGI handler, whose request signals would close the database
    connection (and the test's transaction with it); Django's test client disconnects them too."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def token_headers(keep_connection, admin_alice, hub_admin, members, settings):
    """An Admin's token over a hub with an administrator, its members and their findings."""
    settings.API_THROTTLE_RATE = ""  # thousands of requests a minute: not what is tested here
    for account in members:
        make_finding(account_id=account.account_id, administrator=hub_admin)
    _, key = token_issue(admin_alice, admin_alice, "schemathesis")
    return {"Authorization": f"Token {key}"}


# Built from the code, not fetched: the schema endpoint itself needs a signed-in user.
schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = get_wsgi_application()


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error(case, token_headers):
    response = case.call(headers=token_headers)
    case.validate_response(response, checks=[not_a_server_error], headers=token_headers)
