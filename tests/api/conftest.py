"""Personas and rows for the API tests.

admin_alice       Admin: everything, membership operations, tokens of anyone in Django admin.
analyst_bob       Analyst: reads and triages every account.
viewer_carol      Viewer: reads every account, no triage.
member_owner_dave Member owner of 222222222222 only.
scoped_frank      Analyst limited (AccountScope) to 111111111111.
outsider_erin     signed in, no role: nothing.
"""

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from rest_framework.test import APIClient

from guardduty_hub.accounts.models import AccountKind, AccountScope, AwsAccount
from guardduty_hub.core import roles

# The simulator-backed administrator and members of the accounts tests (same account ids).
from tests.accounts.conftest import hub_admin, members, sim  # noqa: F401

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    # Throttle counters live in the cache; each test starts with a full budget.
    cache.clear()
    yield
    cache.clear()


def make_user(username: str, role: str | None, *, staff: bool = False) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=staff)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def member_accounts(db):
    return [
        AwsAccount.objects.create(
            account_id=f"{n}" * 12, root_email=f"root+{n}@example.com", name=f"Member {n}"
        )
        for n in (1, 2, 3)
    ]


@pytest.fixture
def admin_alice(db):
    return make_user("alice", roles.ADMIN, staff=True)


@pytest.fixture
def analyst_bob(db):
    return make_user("bob", roles.ANALYST)


@pytest.fixture
def viewer_carol(db):
    return make_user("carol", roles.VIEWER)


@pytest.fixture
def member_owner_dave(db, member_accounts):
    user = make_user("dave", roles.MEMBER_OWNER)
    AccountScope.objects.create(user=user, account=member_accounts[1], is_owner=True)
    return user


@pytest.fixture
def scoped_frank(db, member_accounts):
    user = make_user("frank", roles.ANALYST)
    AccountScope.objects.create(user=user, account=member_accounts[0])
    return user


@pytest.fixture
def outsider_erin(db):
    return make_user("erin", None)


@pytest.fixture
def administrator_account(db):
    return AwsAccount.objects.create(
        account_id="999999999999", name="Security", kind=AccountKind.ADMINISTRATOR
    )


@pytest.fixture
def api_for():
    """api_for(user): an APIClient authenticated with a fresh API token of that user (no
    session), as a script would be."""
    from guardduty_hub.api.tokens import token_issue

    def make(user) -> APIClient:
        _, key = token_issue(user, user, "tests")
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return make


# --- findings ---------------------------------------------------------------------------------


@pytest.fixture
def finding_rows(member_accounts):
    """Findings in the three member accounts (rows as the sync stores them)."""
    from tests.triage.conftest import make_finding

    return {
        "low_1": make_finding(account_id="111111111111", severity=2.0, region="us-east-1"),
        "high_1": make_finding(
            account_id="111111111111",
            severity=8.0,
            region="eu-west-1",
            type="UnauthorizedAccess:EC2/TorClient",
        ),
        "critical_2": make_finding(account_id="222222222222", severity=9.5),
        "archived_2": make_finding(account_id="222222222222", severity=8.0, archived=True),
        "sample_3": make_finding(account_id="333333333333", severity=5.0, is_sample=True),
        "medium_3": make_finding(
            account_id="333333333333", severity=5.0, title="Rare zebra word in title"
        ),
    }
