"""A person signs in through the form, is refused with a wrong password, and signs out."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from guardduty_hub.core import roles

PASSWORD = "correct horse battery staple"


@pytest.fixture
def analyst(django_user_model):
    user = django_user_model.objects.create_user(
        "bob", password=PASSWORD, first_name="Bob", last_name="Analyst"
    )
    user.groups.add(Group.objects.get(name=roles.ANALYST))
    return user


@pytest.mark.django_db(transaction=True)
def test_sign_in_and_out(page, live_server, analyst):
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/$"))

    page.get_by_label("Username").fill("bob")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("enter a correct username and password")

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server.url + "/")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(page.locator(".userbox")).to_contain_text("Bob Analyst")

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/login/$"))
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/$"))


@pytest.mark.django_db(transaction=True)
def test_signed_in_page_helper_opens_a_signed_in_session(signed_in_page, analyst):
    page = signed_in_page(analyst)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
