"""One selector decides what a user sees; pages, actions and the export all go through it.

A finding outside the user's scope is a 404 (never a 403 that would confirm it exists).
"""

import pytest
from django.urls import reverse

from guardduty_hub.findings.selectors import findings_visible_to
from tests.factories import make_finding
from tests.triage.conftest import MEMBER_IDS


def detail_status(client, pk) -> int:
    """The status of the finding page of `pk` to the client's user."""
    return client.get(reverse("findings:detail", args=[pk])).status_code


@pytest.fixture
def spread(accounts):
    """One finding in each member account."""
    return {account_id: make_finding(account_id=account_id) for account_id in MEMBER_IDS}


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("admin_alice", MEMBER_IDS),
        ("analyst_bob", MEMBER_IDS),
        ("viewer_carol", MEMBER_IDS),
        ("member_owner_dave", [MEMBER_IDS[1]]),
        ("scoped_frank", [MEMBER_IDS[0]]),
        ("outsider_erin", []),
    ],
)
def test_selector_per_role(request, spread, persona, visible):
    user = request.getfixturevalue(persona)
    seen = set(findings_visible_to(user).values_list("account_id", flat=True))
    assert seen == set(visible)


def test_anonymous_sees_nothing(spread):
    from django.contrib.auth.models import AnonymousUser

    assert not findings_visible_to(AnonymousUser()).exists()


def test_scoped_user_cannot_list_another_accounts_findings(client_for, scoped_frank, spread):
    client = client_for(scoped_frank)
    foreign = spread[MEMBER_IDS[2]]
    page = client.get(reverse("findings:list"))
    assert page.status_code == 200
    assert foreign.title not in page.content.decode()
    assert spread[MEMBER_IDS[0]].title in page.content.decode()
    # Naming the foreign account in the filter lists nothing rather than widening the list.
    probe = client.get(reverse("findings:list"), {"account": MEMBER_IDS[2]})
    assert foreign.title not in probe.content.decode()
    assert "No findings match" in probe.content.decode()


def test_scoped_user_gets_404_for_another_accounts_detail(client_for, scoped_frank, spread):
    client = client_for(scoped_frank)
    assert detail_status(client, spread[MEMBER_IDS[2]].pk) == 404
    assert detail_status(client, spread[MEMBER_IDS[0]].pk) == 200
    # An id that does not exist answers the same.
    assert detail_status(client, 999999) == 404


def test_scoped_user_acting_on_another_accounts_finding_is_told_not_found(
    client_for, scoped_frank, spread
):
    """Another account's finding is not found, as on the API: reported, never acted on; the
    user's own findings in the same request are acted on."""
    client = client_for(scoped_frank)
    foreign = spread[MEMBER_IDS[2]]
    for data in (
        {"action": "status", "status": "resolved"},
        {"action": "archive", "confirmed": "yes"},
        {"action": "assign", "assignee": scoped_frank.username},
    ):
        answer = client.post(reverse("findings:bulk"), {"ids": [foreign.pk], **data}, follow=True)
        said = [str(m) for m in answer.context["messages"]]
        assert said == [
            "1 finding not found (no such finding, or not one you may see): nothing was done to it."
        ]
    own = spread[MEMBER_IDS[0]]
    mixed = {"ids": [foreign.pk, own.pk], "action": "status", "status": "resolved"}
    said = [
        str(m)
        for m in client.post(reverse("findings:bulk"), mixed, follow=True).context["messages"]
    ]
    assert said[0] == "1 finding set to status Resolved."
    assert said[1].startswith("1 finding not found")
    own.refresh_from_db()
    assert own.status == "resolved"
    note = client.post(reverse("findings:note", args=[foreign.pk]), {"body": "hello"})
    assert note.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == "new"
    assert not foreign.notes.exists()


def test_scoped_user_export_leaves_out_other_accounts(client_for, scoped_frank, spread):
    client = client_for(scoped_frank)
    answer = client.get(reverse("findings:export"), {"account": MEMBER_IDS[2]})
    body = b"".join(answer.streaming_content).decode()
    assert spread[MEMBER_IDS[2]].guardduty_id not in body
    everything = b"".join(client.get(reverse("findings:export")).streaming_content).decode()
    assert spread[MEMBER_IDS[2]].guardduty_id not in everything
    assert spread[MEMBER_IDS[0]].guardduty_id in everything


def test_viewer_cannot_act(client_for, viewer_carol, spread):
    client = client_for(viewer_carol)
    target = spread[MEMBER_IDS[0]]
    answer = client.post(
        reverse("findings:bulk"), {"ids": [target.pk], "action": "status", "status": "resolved"}
    )
    assert answer.status_code == 403
    target.refresh_from_db()
    assert target.status == "new"


def test_outsider_gets_no_pages(client_for, outsider_erin, spread):
    client = client_for(outsider_erin)
    assert client.get(reverse("findings:list")).status_code == 403
    # No capability, no finding pages: the same 403 for a finding that exists and one that
    # does not, so the answer says nothing about which ids exist.
    assert detail_status(client, spread[MEMBER_IDS[0]].pk) == 403
    assert detail_status(client, 999999) == 403
    assert client.get(reverse("findings:export")).status_code == 403


def test_member_owner_sees_own_account_only(client_for, member_owner_dave, spread):
    client = client_for(member_owner_dave)
    assert detail_status(client, spread[MEMBER_IDS[1]].pk) == 200
    assert detail_status(client, spread[MEMBER_IDS[0]].pk) == 404
