"""The API sees exactly what the pages see: one selector, 404 outside the caller's scope."""

import pytest

pytestmark = pytest.mark.django_db


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_analyst_lists_every_current_non_sample_finding(api_for, analyst_bob, finding_rows):
    expected = {finding_rows[k].pk for k in ("low_1", "high_1", "critical_2", "medium_3")}
    assert _ids(api_for(analyst_bob).get("/api/findings/")) == expected


def test_scoped_user_lists_only_their_account(api_for, scoped_frank, finding_rows):
    api = api_for(scoped_frank)
    assert _ids(api.get("/api/findings/")) == {finding_rows["low_1"].pk, finding_rows["high_1"].pk}
    # Asking for another account's findings by filter gives nothing, not an error.
    assert _ids(api.get("/api/findings/?account=222222222222")) == set()


def test_member_owner_lists_only_their_account(api_for, member_owner_dave, finding_rows):
    assert _ids(api_for(member_owner_dave).get("/api/findings/")) == {finding_rows["critical_2"].pk}


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("get", "", None),
        ("post", "archive/", None),
        ("post", "unarchive/", None),
        ("post", "feedback/", {"feedback": "USEFUL"}),
        ("post", "status/", {"status": "investigating"}),
        ("post", "assign/", {"assignee": "frank"}),
        ("get", "notes/", None),
        ("post", "notes/", {"body": "probe"}),
    ],
)
def test_scoped_user_probing_another_accounts_finding_gets_404(
    api_for, scoped_frank, finding_rows, method, suffix, body
):
    other = finding_rows["critical_2"]
    response = getattr(api_for(scoped_frank), method)(
        f"/api/findings/{other.pk}/{suffix}", body, format="json"
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert (other.status, other.assignee_id, other.archived) == ("new", None, False)
    assert not other.notes.exists()


def test_bulk_action_skips_findings_outside_scope(api_for, scoped_frank, finding_rows):
    mine, other = finding_rows["low_1"], finding_rows["critical_2"]
    response = api_for(scoped_frank).post(
        "/api/findings/bulk/",
        {"action": "status", "ids": [mine.pk, other.pk], "status": "acknowledged"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json() == {"done": [mine.pk], "failed": {str(other.pk): "Not found."}}
    other.refresh_from_db()
    assert other.status == "new"


def test_detail_of_a_visible_finding(api_for, scoped_frank, finding_rows):
    finding = finding_rows["high_1"]
    body = api_for(scoped_frank).get(f"/api/findings/{finding.pk}/").json()
    assert body["guardduty_id"] == finding.guardduty_id
    assert body["account_name"] == "Member 1"
    assert body["severity_label"] == "High"
    assert body["raw"]["Id"] == finding.guardduty_id


def test_viewer_reads_but_cannot_triage(api_for, viewer_carol, finding_rows):
    api = api_for(viewer_carol)
    finding = finding_rows["low_1"]
    assert api.get(f"/api/findings/{finding.pk}/").status_code == 200
    assert api.get(f"/api/findings/{finding.pk}/notes/").status_code == 200
    for suffix, body in [
        ("status/", {"status": "resolved"}),
        ("notes/", {"body": "x"}),
        ("archive/", None),
    ]:
        assert (
            api.post(f"/api/findings/{finding.pk}/{suffix}", body, format="json").status_code == 403
        )
    finding.refresh_from_db()
    assert finding.status == "new"


def test_user_without_role_sees_nothing(api_for, outsider_erin, finding_rows):
    api = api_for(outsider_erin)
    assert api.get("/api/findings/").status_code == 403
    assert api.get(f"/api/findings/{finding_rows['low_1'].pk}/").status_code == 403
