"""One registry of bulk actions serves the list page, the detail page and the API; an id the
user may not see is not found everywhere: reported, never acted on."""

import re

from django.contrib.messages import get_messages
from django.urls import reverse
from rest_framework.test import APIClient

from guardduty_hub.findings.bulk_actions import ACTIONS
from guardduty_hub.findings.views.actions import MAX_SELECTED
from tests.list_ui.conftest import put_findings


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_bulk_bar_offers_the_registry_and_the_api_takes_the_same_names(
    client_for, analyst_bob, gd_world
):
    put_findings(gd_world, 1)
    page = client_for(analyst_bob).get(reverse("findings:list")).content.decode()
    menu = re.search(r'<select name="action" id="id_bulk_action".*?</select>', page, re.S)
    offered = re.findall(r'<option value="(\w+)">', menu.group(0))
    assert offered == list(ACTIONS) == ["status", "assign", "feedback", "archive", "unarchive"]
    # Each action with an argument has its picker, named as the API names the field.
    for name in ("status", "assignee", "feedback"):
        assert f'<select name="{name}" id="id_bulk_{name}">' in page
    api = APIClient()
    api.force_authenticate(analyst_bob)
    refused = api.post("/api/findings/bulk/", {"action": "useful", "ids": [1]}, format="json")
    assert refused.status_code == 400 and "action" in refused.json()


def test_an_id_not_visible_is_not_found_on_the_page_and_in_the_api(
    client_for, scoped_frank, gd_world, member_accounts
):
    own = put_findings(gd_world, 1, account=member_accounts[0].account_id)[0]
    foreign = put_findings(gd_world, 1, account=member_accounts[1].account_id)[0]
    body = {"action": "status", "status": "resolved"}

    api = APIClient()
    api.force_authenticate(scoped_frank)
    answer = api.post(
        "/api/findings/bulk/", {**body, "ids": [own.pk, foreign.pk, 999999]}, format="json"
    ).json()
    assert answer == {
        "done": [own.pk],
        "failed": {str(foreign.pk): "Not found.", "999999": "Not found."},
    }

    own.refresh_from_db()
    own.status = "new"
    own.save()
    response = client_for(scoped_frank).post(
        reverse("findings:bulk"), {**body, "ids": [own.pk, foreign.pk, 999999]}
    )
    assert _messages(response) == [
        "1 finding set to status Resolved.",
        "2 findings not found (no such finding, or not one you may see): nothing was done to them.",
    ]
    foreign.refresh_from_db()
    own.refresh_from_db()
    assert (own.status, foreign.status) == ("resolved", "new")


def test_feedback_from_the_detail_page_goes_through_the_registry(client_for, analyst_bob, gd_world):
    finding = put_findings(gd_world, 1)[0]
    client = client_for(analyst_bob)
    detail = client.get(reverse("findings:detail", args=[finding.pk])).content.decode()
    assert 'name="action" value="feedback"' in detail and 'name="feedback" value="USEFUL"' in detail
    response = client.post(
        reverse("findings:bulk"), {"ids": [finding.pk], "action": "feedback", "feedback": "USEFUL"}
    )
    assert _messages(response) == ["1 finding marked useful in GuardDuty."]
    finding.refresh_from_db()
    assert finding.feedback == "USEFUL"


def test_an_action_without_its_argument_says_what_is_missing(client_for, analyst_bob, gd_world):
    finding = put_findings(gd_world, 1)[0]
    response = client_for(analyst_bob).post(
        reverse("findings:bulk"), {"ids": [finding.pk], "action": "status"}
    )
    assert _messages(response) == ["Choose a status first."]
    finding.refresh_from_db()
    assert finding.status == "new"


def test_more_rows_than_one_form_may_name_are_refused_whole(client_for, analyst_bob, gd_world):
    """Not cut to the first 500: that would look done when it is not."""
    finding = put_findings(gd_world, 1)[0]
    too_many = [finding.pk, *range(10**9, 10**9 + MAX_SELECTED)]
    body = {"action": "status", "status": "resolved"}
    response = client_for(analyst_bob).post(reverse("findings:bulk"), {**body, "ids": too_many})
    assert _messages(response) == [
        "Select at most 500 findings at a time (501 were selected), or use"
        ' "select all matching". Nothing was changed.'
    ]
    finding.refresh_from_db()
    assert finding.status == "new"
    # Exactly the limit is taken.
    accepted = client_for(analyst_bob).post(
        reverse("findings:bulk"), {**body, "ids": too_many[:MAX_SELECTED]}
    )
    finding.refresh_from_db()
    assert finding.status == "resolved", _messages(accepted)
