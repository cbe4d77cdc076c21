"""The indicator page: every finding that mentions an IP (or key, instance, ...) across accounts
and regions, its timeline, scoped by account like every other page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guardduty_hub.investigations import selectors
from tests.findings.builders import raw_finding
from tests.investigations.world import SCANNER_IP, scanner_world, store, with_remote_ip

pytestmark = pytest.mark.django_db


def ip_url(ip: str = SCANNER_IP) -> str:
    return reverse("investigations:indicator", kwargs={"kind": "ip", "value": ip})


def test_the_ip_page_lists_findings_of_every_account_and_region(client_for, admin_alice):
    world = scanner_world()
    page = client_for(admin_alice).get(ip_url())
    assert page.status_code == 200
    body = page.content.decode()
    for finding in world.values():
        assert reverse("findings:detail", args=[finding.pk]) in body
    assert page.context["total"] == 4
    assert (page.context["accounts"], page.context["regions"]) == (2, 2)
    timeline = {(r["account_id"], r["region"]): r["findings"] for r in page.context["timeline"]}
    assert timeline == dict.fromkeys(world, 1)
    # What GuardDuty says of the IP, escaped (finding text is untrusted).
    assert "AS64501 Example Hosting &lt;b&gt;Ltd&lt;/b&gt;" in body
    assert "Reykjavik, Iceland" in body


def test_a_scoped_user_sees_only_their_accounts_findings(client_for, scoped_frank):
    world = scanner_world()
    page = client_for(scoped_frank).get(ip_url())
    assert page.status_code == 200
    assert {f.account_id for f in page.context["findings"]} == {"111111111111"}
    assert page.context["total"] == 2
    assert reverse("findings:detail", args=[world[("222222222222", "us-east-1")].pk]) not in (
        page.content.decode()
    )


def test_an_indicator_only_in_other_accounts_is_not_found(client_for, scoped_frank):
    raw = with_remote_ip(raw_finding(account_id="333333333333"), "203.0.113.9")
    store([raw], "us-east-1")
    assert client_for(scoped_frank).get(ip_url("203.0.113.9")).status_code == 404
    assert client_for(scoped_frank).get(ip_url("203.0.113.10")).status_code == 404


def test_no_role_no_page(client_for, outsider_erin, client):
    scanner_world()
    assert client_for(outsider_erin).get(ip_url()).status_code == 403
    client.logout()
    assert client.get(ip_url()).status_code == 302  # to sign in


def test_other_spellings_redirect_to_the_one_address(client_for, admin_alice):
    store([with_remote_ip(raw_finding(), "2001:db8::1")], "us-east-1")
    client = client_for(admin_alice)
    response = client.get(ip_url("2001:0DB8:0:0::1"))
    assert response.status_code == 302
    assert response["Location"] == ip_url("2001:db8::1")
    assert client.get(response["Location"]).status_code == 200
    assert client.get("/investigate/color/red/").status_code == 404


def test_older_findings_are_paged_by_keyset(client_for, admin_alice, monkeypatch):
    monkeypatch.setattr(selectors, "PAGE_SIZE", 3)
    world = scanner_world()
    client = client_for(admin_alice)
    first = client.get(ip_url())
    assert len(first.context["findings"]) == 3
    second = client.get(ip_url(), {"after": first.context["next_cursor"]})
    assert [f.pk for f in second.context["findings"]] == [world[("111111111111", "us-east-1")].pk]
    assert second.context["next_cursor"] == ""
    assert client.get(ip_url(), {"after": "nonsense"}).status_code == 200


def test_the_page_costs_the_same_queries_for_4_or_40_findings(client_for, admin_alice):
    scanner_world()
    client = client_for(admin_alice)
    client.get(ip_url())
    with CaptureQueriesContext(connection) as few:
        client.get(ip_url())
    store(
        [with_remote_ip(raw_finding(instance_id=f"i-{n:017x}"), SCANNER_IP) for n in range(36)],
        "ap-southeast-2",
    )
    with CaptureQueriesContext(connection) as many:
        assert client.get(ip_url()).context["total"] == 40
    assert len(many.captured_queries) == len(few.captured_queries) <= 9
