"""The finding list's other filters through the API, one per parameter (test_api_finding_filters
covers severity, account, region, type, text, archived and samples)."""

from datetime import timedelta

import pytest

from guardduty_hub.findings.choices import FindingStatus
from tests.factories import NOW, make_finding

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(member_accounts, analyst_bob):
    """Four findings that differ in one column each from the `plain` one."""
    return {
        "plain": make_finding(updated_at=NOW - timedelta(days=10)),
        "key": make_finding(
            type="CredentialAccess:IAMUser/AnomalousBehavior",
            resource_type="AccessKey",
            resource_id="AKIAEXAMPLE",
            updated_at=NOW - timedelta(days=5),
        ),
        "worked": make_finding(
            status=FindingStatus.INVESTIGATING,
            assignee=analyst_bob,
            updated_at=NOW - timedelta(days=2),
        ),
        "noisy": make_finding(count=40, updated_at=NOW - timedelta(hours=1)),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type_contains=iamuser", {"key"}),
        ("type_prefix=:IAMUser/", {"key"}),
        ("resource_type=AccessKey", {"key"}),
        ("resource_id=AKIAEXAMPLE", {"key"}),
        ("status=investigating", {"worked"}),
        ("status=new&status=investigating", {"plain", "key", "worked", "noisy"}),
        ("assignee=me", {"worked"}),
        ("assignee=none", {"plain", "key", "noisy"}),
        ("count_above=10", {"noisy"}),
        ("last_seen_after=2025-05-28T00:00:00Z", {"worked", "noisy"}),
        ("last_seen_before=2025-05-25T00:00:00Z", {"plain"}),
        ("updated_after=2025-05-31T00:00:00Z", {"noisy"}),
        ("first_seen_before=2025-05-23T00:00:00Z", {"plain"}),
    ],
)
def test_filter(api_for, analyst_bob, rows, query, expected):
    response = api_for(analyst_bob).get(f"/api/findings/?{query}")
    assert response.status_code == 200, response.content
    assert {r["id"] for r in response.json()["results"]} == {rows[k].pk for k in expected}


def test_assignee_by_id(api_for, analyst_bob, viewer_carol, rows):
    found = api_for(viewer_carol).get(f"/api/findings/?assignee={analyst_bob.pk}").json()
    assert [(r["id"], r["assignee"]) for r in found["results"]] == [(rows["worked"].pk, "bob")]
