"""On a phone-sized screen the top bar wraps: pages do not scroll sideways because of it."""

import pytest
from django.contrib.auth.models import Group

from guardduty_hub.core import roles


@pytest.fixture
def admin(django_user_model):
    # The Admin has the longest navigation.
    user = django_user_model.objects.create_user("alice", first_name="Alice", last_name="Admin")
    user.groups.add(Group.objects.get(name=roles.ADMIN))
    return user


@pytest.mark.django_db(transaction=True)
def test_top_bar_fits_a_narrow_screen(signed_in_page, admin):
    page = signed_in_page(admin, "/api-tokens/")
    page.set_viewport_size({"width": 400, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400
    assert page.get_by_role("link", name="Audit log").is_visible()
