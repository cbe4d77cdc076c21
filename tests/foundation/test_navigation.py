"""The top navigation: each role sees the links it may follow, and nothing twice."""

import re

import pytest
from django.contrib.auth.models import Group, User

from guardduty_hub.core import roles


def _nav_links(client) -> list[str]:
    html = client.get("/").content.decode()
    nav = re.search(r'<nav class="mainnav".*?</nav>', html, re.S).group(0)
    return re.findall(r">([^<>]+)</a>", nav)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected", "absent"),
    [
        (
            roles.ADMIN,
            ["Dashboard", "Findings", "Accounts", "Administrators", "Sync", "Audit log"],
            ["My invitations"],
        ),
        (
            roles.ANALYST,
            ["Dashboard", "Findings", "Accounts", "Sync"],
            ["Administrators", "Audit log"],
        ),
        (
            roles.VIEWER,
            ["Dashboard", "Findings", "Accounts", "Sync"],
            ["Administrators", "Audit log"],
        ),
        (
            roles.MEMBER_OWNER,
            ["Dashboard", "Findings", "My invitations"],
            ["Administrators", "Audit log"],
        ),
    ],
)
def test_navigation_per_role(client, role, expected, absent):
    user = User.objects.create_user("nav-user", password="x")
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    links = _nav_links(client)
    assert len(links) == len(set(links)), links
    for label in expected:
        assert label in links
    for label in absent:
        assert label not in links
