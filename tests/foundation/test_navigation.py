"""The top navigation: each role sees the links it may follow, and nothing twice."""

import re

import pytest
from django.contrib.auth.models import Group, User

from guardduty_hub.accounts.models import AccountScope, AwsAccount
from guardduty_hub.core import roles


def _links(client, path: str, block: str) -> list[tuple[str, bool]]:
    """(label, active) of the links in the page's main nav or user box."""
    html = client.get(path).content.decode()
    pattern = (
        r'<nav class="mainnav".*?</nav>' if block == "nav" else r'<div class="userbox">.*?</div>'
    )
    part = re.search(pattern, html, re.S).group(0)
    return [
        (label, "active" in attrs) for attrs, label in re.findall(r"<a ([^>]*)>([^<>]+)</a>", part)
    ]


def _nav_links(client, path: str = "/") -> list[str]:
    return [label for label, _ in _links(client, path, "nav")]


def _user(role: str, *, superuser: bool = False) -> User:
    user = User.objects.create_user("nav-user", password="x", is_superuser=superuser)
    user.groups.add(Group.objects.get(name=role))
    return user


def _own_an_account(user) -> None:
    account = AwsAccount.objects.create(account_id="210987654321", name="Owned")
    AccountScope.objects.create(user=user, account=account, is_owner=True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected", "absent"),
    [
        (
            roles.ADMIN,
            ["Dashboard", "Findings", "Accounts", "Administrators", "Sync", "Audit log"],
            ["My member accounts"],
        ),
        (
            roles.ANALYST,
            ["Dashboard", "Findings", "Accounts", "Sync"],
            ["Administrators", "Audit log", "My member accounts"],
        ),
        (
            roles.VIEWER,
            ["Dashboard", "Findings", "Accounts", "Sync"],
            ["Administrators", "Audit log", "My member accounts"],
        ),
        (
            roles.MEMBER_OWNER,
            ["Dashboard", "Findings"],
            ["Administrators", "Audit log", "My member accounts"],
        ),
    ],
)
def test_navigation_per_role(client, role, expected, absent):
    client.force_login(_user(role))
    links = _nav_links(client)
    assert len(links) == len(set(links)), links
    for label in expected:
        assert label in links
    for label in absent:
        assert label not in links


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "superuser"), [(roles.MEMBER_OWNER, False), (roles.ADMIN, True)])
def test_member_page_is_listed_for_people_who_own_member_accounts(client, role, superuser):
    user = _user(role, superuser=superuser)
    client.force_login(user)
    # A superuser Admin holds every permission, yet owns nothing: no link to an empty page.
    assert "My member accounts" not in _nav_links(client)
    _own_an_account(user)
    assert "My member accounts" in _nav_links(client)


@pytest.mark.django_db
def test_member_page_has_one_name(client):
    user = _user(roles.MEMBER_OWNER)
    _own_an_account(user)
    AccountScope.objects.create(
        user=user,
        account=AwsAccount.objects.create(account_id="210987654322", name="Second"),
        is_owner=True,
    )
    client.force_login(user)
    html = client.get("/accounts/member/").content.decode()
    assert "<title>My member accounts" in html
    assert "<h1>My member accounts</h1>" in html
    assert html.count(">My member accounts</a>") == 2  # top bar and the accounts sub-menu
    assert "Member portal" not in html and "My invitations" not in html


@pytest.mark.django_db
def test_user_menu_pages_light_up_no_main_section(client):
    client.force_login(_user(roles.ANALYST))
    for path, label in [
        ("/findings/preferences/", "Preferences"),
        ("/api-tokens/", "API tokens"),
        ("/api/docs/", "API docs"),
    ]:
        assert not [lbl for lbl, active in _links(client, path, "nav") if active], path
        assert (label, True) in _links(client, path, "user"), path
    assert ("Findings", True) in _links(client, "/findings/", "nav")
    assert ("Audit log", False) not in _links(client, "/findings/", "nav")  # analysts: no link


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "menu"),
    [
        (roles.VIEWER, ["Preferences", "API tokens", "API docs", "Sign out"]),
        (roles.MEMBER_OWNER, ["Preferences", "API tokens", "API docs", "Sign out"]),
    ],
)
def test_user_menu_holds_preferences_tokens_and_docs(client, role, menu):
    client.force_login(_user(role))
    html = client.get("/").content.decode()
    box = re.search(r'<div class="userbox">.*?</div>', html, re.S).group(0)
    assert re.findall(r">([^<>]+)</(?:a|button)>", box) == menu
    assert not [label for label in _nav_links(client) if "API" in label]


@pytest.mark.django_db
def test_accounts_sub_menu_links_the_member_page_only_for_owners(client):
    admin = _user(roles.ADMIN, superuser=True)
    client.force_login(admin)
    html = client.get("/accounts/").content.decode()
    assert 'href="/accounts/member/"' not in html
    _own_an_account(admin)
    html = client.get("/accounts/").content.decode()
    assert 'href="/accounts/member/"' in html
