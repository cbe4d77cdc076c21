"""Error pages keep the hub around the visitor: navigation, words, a way on."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import override_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer(client):
    user = User.objects.create_user("vera", password="pw-for-tests-1")
    user.groups.add(Group.objects.get(name="Viewer"))
    client.force_login(user)
    return user


def test_forbidden_page_says_why_and_keeps_the_navigation(client, viewer):
    answer = client.get("/findings/audit/")
    assert answer.status_code == 403
    page = answer.content.decode()
    assert 'id="denied"' in page and "vera" in page
    assert 'class="mainnav"' in page and 'href="/findings/"' in page


@override_settings(DEBUG=False)
def test_not_found_page_in_production_keeps_the_navigation(client, viewer):
    answer = client.get("/findings/987654321/")
    assert answer.status_code == 404
    page = answer.content.decode()
    assert 'id="not-found"' in page and 'class="mainnav"' in page


def test_server_error_page_renders_without_a_request():
    from django.template import loader

    assert "Something went wrong" in loader.get_template("500.html").render({})


def test_pages_name_their_icon_so_browsers_stop_asking_for_favicon_ico(client, viewer):
    from django.contrib.staticfiles import finders

    page = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg"' in page
    assert finders.find("img/favicon.svg")
