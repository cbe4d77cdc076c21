"""The administrators page has one name wherever it is named (issue 15.10): the main
navigation, the accounts toolbar, the tab title and the heading."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_one_name_for_the_administrators_page(client_for, admin_alice):
    html = client_for(admin_alice).get(reverse("accounts:administrators")).content.decode()
    url = reverse("accounts:administrators")
    links = re.findall(rf'<a [^>]*href="{url}"[^>]*>([^<]+)</a>', html)
    assert len(links) >= 2  # main navigation and the accounts toolbar
    assert set(links) == {"Administrators"}
    assert re.search(r"<title>Administrators\b", html)
    assert re.search(r"<h1>Administrators</h1>", html)
    assert "operations</a>" not in html
