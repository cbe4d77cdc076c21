"""Issue 13.3: a shared saved view is listed only to those who see every account its sharer sees
(its query names the sharer's accounts and hosts), and only people who may triage share views."""

import pytest
from django.test import Client
from django.urls import reverse

from guardduty_hub.findings.models import SavedView

pytestmark = pytest.mark.django_db

QUERY = "account=222222222222&search=db-primary.internal"


def client_for(user) -> Client:
    # A client each: the saving user's "saved" message must not show on another's page.
    client = Client()
    client.force_login(user)
    return client


def _save(client, name, shared=True):
    return client.post(
        reverse("findings:view_save"),
        {"name": name, "query": QUERY, "shared": "1" if shared else ""},
    )


def _listed(client) -> str:
    page = client.get(reverse("findings:list"))
    assert page.status_code == 200
    return page.text


@pytest.mark.parametrize("persona", ["viewer_carol", "member_owner_dave"])
def test_people_who_may_not_triage_cannot_share(request, analyst_bob, persona):
    user = request.getfixturevalue(persona)
    assert _save(client_for(user), "Mine only").status_code == 302
    view = SavedView.objects.get(owner=user, name="Mine only")
    assert not view.shared  # kept, for the user alone
    assert "Mine only" not in _listed(client_for(analyst_bob))


def test_view_shared_by_an_unscoped_user_is_not_listed_to_a_scoped_one(
    admin_alice, scoped_frank, analyst_bob
):
    _save(client_for(admin_alice), "Database host")
    assert SavedView.objects.get(name="Database host").shared
    listed = _listed(client_for(scoped_frank))
    assert "Database host" not in listed
    assert "db-primary.internal" not in listed
    assert "Database host" in _listed(client_for(analyst_bob))  # unscoped: sees all alice saw


def test_view_shared_by_a_scoped_user_is_listed_to_those_who_see_their_accounts(
    scoped_frank, analyst_bob, member_owner_dave
):
    _save(client_for(scoped_frank), "Frank view")
    assert "Frank view" in _listed(client_for(analyst_bob))  # sees 111 and more
    assert "Frank view" not in _listed(client_for(member_owner_dave))  # sees 222 only
    assert "Frank view" in _listed(client_for(scoped_frank))


def test_view_shared_by_someone_who_may_no_longer_triage_is_not_listed(admin_alice, viewer_carol):
    SavedView.objects.create(owner=viewer_carol, name="Old share", query=QUERY, shared=True)
    assert "Old share" not in _listed(client_for(admin_alice))


def test_a_shared_view_names_its_sharer_in_the_same_queries_however_many(admin_alice, analyst_bob):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(analyst_bob)
    counts = []
    for n in (1, 4):
        SavedView.objects.filter(owner=admin_alice).delete()
        for i in range(n):
            SavedView.objects.create(
                owner=admin_alice, name=f"Shared {i}", query=QUERY, shared=True
            )
        _listed(client)  # warm the session
        with CaptureQueriesContext(connection) as queries:
            listed = _listed(client)
        counts.append(len(queries.captured_queries))
        assert listed.count(f"shared by {admin_alice.get_username()}") == n
    assert counts[0] == counts[1]
