"""The configuration API: the same services as the pages; Admins change, Viewers and Analysts
read; scoped by the administrator's account."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from guardduty_hub.configuration.models import IntelList, SuppressionRule
from tests.configuration.conftest import GOOD_TXT, HUB_ADMIN, REGIONS, guardduty_sets
from tests.factories import make_finding


@pytest.fixture
def api(client_for, django_capture_on_commit_callbacks):
    """api(user, method, path, **kw): a signed-in request whose on-commit tasks run."""

    def call(user, method, path, **kwargs):
        client = client_for(user)
        with django_capture_on_commit_callbacks(execute=True):
            return getattr(client, method)(f"/api/{path}", **kwargs)

    return call


def test_api_ipset_upload_and_read(api, admin_alice, viewer_carol, analyst_bob, sim, list_bucket):
    upload = SimpleUploadedFile("office.txt", GOOD_TXT)
    created = api(
        admin_alice,
        "post",
        "intel-lists/",
        data={"administrator": HUB_ADMIN, "kind": "trusted", "name": "office", "file": upload},
    )
    assert created.status_code == 202, created.content
    assert guardduty_sets(sim)["office"][0] == "ACTIVE"
    for reader in (viewer_carol, analyst_bob):
        listed = api(reader, "get", "intel-lists/").json()["results"]
        assert [(r["name"], sorted(x["region"] for x in r["regions"])) for r in listed] == [
            ("office", REGIONS)
        ]
    refused = api(
        viewer_carol,
        "post",
        "intel-lists/",
        data={"administrator": HUB_ADMIN, "kind": "threat", "name": "x", "location": "https://a/b"},
    )
    assert refused.status_code == 403


def test_api_threat_limit_and_bad_file_refused(api, admin_alice, sim, list_bucket):
    bad = api(
        admin_alice,
        "post",
        "intel-lists/",
        data={
            "administrator": HUB_ADMIN,
            "kind": "trusted",
            "name": "bad",
            "file": SimpleUploadedFile("bad.txt", b"1.2.3.4\nnope\n"),
        },
    )
    assert bad.status_code == 400
    assert bad.json()["problems"] == ["Line 2: “nope” is not an IP address or CIDR range."]
    assert not IntelList.objects.exists()


def test_api_suppression_backtest_save_delete(api, admin_alice, viewer_carol, sim, hub_admin):
    make_finding(administrator=hub_admin, type="Backdoor:EC2/Spambot", severity=8.0)
    query = "type=Backdoor:EC2/Spambot"
    backtest = api(
        viewer_carol,
        "get",
        "suppression-rules/backtest/",
        data={"administrator": HUB_ADMIN, "query": query},
    ).json()
    assert (backtest["total"], backtest["severe"], backtest["needs_confirmation"]) == (1, 1, True)
    body = {"administrator": HUB_ADMIN, "name": "spam", "query": query}
    refused = api(admin_alice, "post", "suppression-rules/", data=body)
    assert refused.status_code == 400 and "High or Critical" in refused.json()["detail"]
    saved = api(admin_alice, "post", "suppression-rules/", data={**body, "confirmed_severe": True})
    assert saved.status_code == 202
    rule = SuppressionRule.objects.get()
    listed = api(viewer_carol, "get", "suppression-rules/").json()["results"]
    assert listed[0]["criteria"] == {"Criterion": {"type": {"Equals": ["Backdoor:EC2/Spambot"]}}}
    assert {r["drift"] for r in listed[0]["regions"]} == {""}
    assert api(viewer_carol, "delete", f"suppression-rules/{rule.pk}/").status_code == 403
    assert api(admin_alice, "delete", f"suppression-rules/{rule.pk}/").status_code == 202
    assert not SuppressionRule.objects.exists()


def test_api_baseline_and_coverage(api, admin_alice, viewer_carol, sim, hub_admin):
    path = f"administrators/{HUB_ADMIN}/baseline/"
    assert api(viewer_carol, "get", path).status_code == 404
    body = {"finding_publishing_frequency": "ONE_HOUR", "plans": {"S3_DATA_EVENTS": True}}
    assert (
        api(viewer_carol, "put", path, data=body, content_type="application/json").status_code
        == 403
    )
    saved = api(admin_alice, "put", path, data=body, content_type="application/json")
    assert saved.status_code == 200 and saved.json()["plans"]["S3_DATA_EVENTS"] is True
    applied = api(admin_alice, "post", path)
    assert applied.status_code == 202
    cells = api(viewer_carol, "get", f"administrators/{HUB_ADMIN}/coverage/").json()
    assert {(c["account"], c["region"], c["state"]) for c in cells} == {
        (HUB_ADMIN, region, "covered") for region in REGIONS
    }
    assert api(viewer_carol, "get", f"administrators/{HUB_ADMIN}/coverage/?drift=1").json() == []


def test_api_configuration_needs_authentication(client, hub_admin):
    # Anonymous API requests: 401 (tests/access/test_url_walk.py).
    assert client.get("/api/intel-lists/").status_code == 401
    assert client.get(f"/api/administrators/{HUB_ADMIN}/coverage/").status_code == 401


def test_api_member_owner_sees_no_configuration(api, member_owner_dave, hub_admin):
    # A member owner sees findings, but the hub's administrator is outside their scope: 404.
    assert api(member_owner_dave, "get", "suppression-rules/").json()["results"] == []
    coverage = api(member_owner_dave, "get", f"administrators/{HUB_ADMIN}/coverage/")
    assert coverage.status_code == 404
