"""Personas and rows for the accounts tests.

admin_alice      Admin: manages accounts, sees everything.
analyst_bob      Analyst: reads every account, cannot change membership.
viewer_carol     Viewer: reads every account, cannot change membership.
member_owner_dave Member owner of member account 222222222222 only.
outsider_erin    signed in, no role: sees nothing.
"""

import pytest
from django.contrib.auth.models import Group, User

from guardduty_hub.accounts.models import AccountKind, AccountScope, AwsAccount
from guardduty_hub.core import roles

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Personas are created in nearly every test; PBKDF2 would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _user(username: str, role: str | None) -> User:
    user = User.objects.create_user(username, password=PASSWORD)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def admin_alice(db):
    return _user("alice", roles.ADMIN)


@pytest.fixture
def analyst_bob(db):
    return _user("bob", roles.ANALYST)


@pytest.fixture
def viewer_carol(db):
    return _user("carol", roles.VIEWER)


@pytest.fixture
def member_owner_dave(db, member_accounts):
    user = _user("dave", roles.MEMBER_OWNER)
    AccountScope.objects.create(user=user, account=member_accounts[1], is_owner=True)
    return user


@pytest.fixture
def outsider_erin(db):
    return _user("erin", None)


@pytest.fixture
def member_accounts(db):
    """Three member accounts known to the hub (not yet GuardDuty members)."""
    return [
        AwsAccount.objects.create(
            account_id=f"{n}" * 12, root_email=f"root+{n}@example.com", name=f"Member {n}"
        )
        for n in (1, 2, 3)
    ]


@pytest.fixture
def administrator(db):
    return AwsAccount.objects.create(
        account_id="999999999999", name="Security", kind=AccountKind.ADMINISTRATOR
    )


@pytest.fixture
def client_for(client):
    """client_for(user): the test client signed in as that user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
