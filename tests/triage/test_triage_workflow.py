"""The hub's own workflow: status, assignee, notes, re-occurrence, saved views, time zone, audit."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from guardduty_hub.accounts.models import AuditEvent
from guardduty_hub.findings import services
from guardduty_hub.findings.models import Finding, SavedView
from tests.factories import NOW, make_finding
from tests.findings.builders import network_connection


def test_bulk_status_and_assign_from_the_list(client_for, analyst_bob, admin_alice, accounts):
    chosen = [make_finding() for _ in range(3)]
    untouched = make_finding()
    client = client_for(analyst_bob)
    ids = [f.pk for f in chosen]
    client.post(
        reverse("findings:bulk"), {"ids": ids, "action": "status", "status": "investigating"}
    )
    client.post(
        reverse("findings:bulk"), {"ids": ids, "action": "assign", "assignee": admin_alice.username}
    )
    for finding in chosen:
        finding.refresh_from_db()
        assert (finding.status, finding.assignee) == ("investigating", admin_alice)
    untouched.refresh_from_db()
    assert (untouched.status, untouched.assignee) == ("new", None)
    assert AuditEvent.objects.filter(action="finding.status").count() == 3
    assert AuditEvent.objects.filter(action="finding.assign").count() == 3


def test_assignee_must_be_able_to_triage(analyst_bob, viewer_carol, accounts):
    with pytest.raises(ValidationError):
        services.finding_assign(analyst_bob, [make_finding()], viewer_carol)


def test_unknown_status_is_refused(client_for, analyst_bob, accounts):
    finding = make_finding()
    client = client_for(analyst_bob)
    client.post(
        reverse("findings:bulk"), {"ids": [finding.pk], "action": "status", "status": "gone"}
    )
    finding.refresh_from_db()
    assert finding.status == "new"


def test_notes_are_appended_with_author_and_time(client_for, analyst_bob, accounts):
    finding = make_finding()
    client = client_for(analyst_bob)
    client.post(reverse("findings:note", args=[finding.pk]), {"body": "first look: benign scanner"})
    client.post(reverse("findings:note", args=[finding.pk]), {"body": "confirmed with the owner"})
    client.post(reverse("findings:note", args=[finding.pk]), {"body": "   "})
    notes = list(finding.notes.all())
    assert [n.body for n in notes] == ["first look: benign scanner", "confirmed with the owner"]
    assert all(n.author == analyst_bob and n.author_label == "bob" and n.created_at for n in notes)
    page = client.get(reverse("findings:detail", args=[finding.pk])).content.decode()
    assert page.index("first look") < page.index("confirmed with the owner")
    assert "Added a note" in page.split('id="history"')[1]  # in the history too


def test_reoccurrence_after_resolved_says_why(client_for, analyst_bob, accounts):
    from guardduty_hub.findings.mapping import finding_from_guardduty
    from guardduty_hub.findings.upsert import finding_upsert_page
    from tests.findings.builders import raw_finding

    raw = raw_finding(account_id="111111111111", count=1, updated=NOW)
    finding_upsert_page(
        [finding_from_guardduty(raw)], administrator_id=None, api_region="us-east-1", now=NOW
    )
    finding = Finding.objects.get()
    services.finding_set_status(analyst_bob, [finding], "resolved")
    again = raw_finding(
        finding_id=raw["Id"], account_id="111111111111", count=2, updated=NOW + timedelta(hours=1)
    )
    finding_upsert_page(
        [finding_from_guardduty(again)],
        administrator_id=None,
        api_region="us-east-1",
        now=NOW + timedelta(hours=1),
    )
    finding.refresh_from_db()
    assert finding.status == "new" and finding.reopened_at
    page = (
        client_for(analyst_bob).get(reverse("findings:detail", args=[finding.pk])).content.decode()
    )
    assert "Back to New" in page and "occurred again" in page


def test_detail_page_content(client_for, viewer_carol, accounts):
    raw = {
        "Id": "abc",
        "Resource": {
            "ResourceType": "Instance",
            "InstanceDetails": {
                "InstanceId": "i-0123",
                "Tags": [{"Key": "team", "Value": "payments"}],
            },
        },
        "Service": {
            "Action": network_connection(
                "198.51.100.7",
                city="Cair Paravel",
                country="Narnia",
                asn="64500",
                org="Example Org",
            )
        },
    }
    finding = make_finding(
        type="UnauthorizedAccess:EC2/SSHBruteForce",
        raw=raw,
        resource_id="i-0123",
        region="eu-west-1",
    )
    sibling = make_finding(resource_id="i-0123", title="Sibling on same instance")
    page = (
        client_for(viewer_carol).get(reverse("findings:detail", args=[finding.pk])).content.decode()
    )
    assert "SSH brute force" in page and "an EC2 instance" in page
    assert "team = payments" in page
    assert (
        "198.51.100.7" in page
        and "Narnia" in page
        and "Cair Paravel" in page
        and "Example Org" in page
    )
    assert "https://eu-west-1.console.aws.amazon.com/guardduty/home?region=eu-west-1" in page
    assert sibling.title in page
    # The raw JSON is fetched when opened (views/full_field.py), not sent with the page.
    raw_url = reverse("findings:full_field", args=[finding.pk, "raw"])
    assert f'hx-get="{raw_url}"' in page and "InstanceId" not in page
    fragment = client_for(viewer_carol).get(raw_url, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="raw-json"' in fragment and "&quot;InstanceId&quot;: &quot;i-0123&quot;" in fragment
    # A viewer reads but gets no action buttons.
    assert 'value="archive"' not in page


def test_saved_views_own_and_shared(client, admin_alice, analyst_bob, viewer_carol, accounts):
    client.force_login(analyst_bob)
    client.post(
        reverse("findings:view_save"),
        {"name": "Crit EU", "query": "severity=4&region=eu-west-1&cursor=abc"},
    )
    client.post(
        reverse("findings:view_save"), {"name": "Team", "query": "status=new", "shared": "1"}
    )
    mine = SavedView.objects.get(name="Crit EU")
    assert mine.query == "severity=4&region=eu-west-1" and not mine.shared
    client.force_login(viewer_carol)
    names = {v.name for v in client.get(reverse("findings:list")).context["saved_views"]}
    assert names == {"Team"}
    # Somebody else's view cannot be deleted (not found).
    assert client.post(reverse("findings:view_delete", args=[mine.pk])).status_code == 404
    client.force_login(analyst_bob)
    client.post(reverse("findings:view_delete", args=[mine.pk]))
    assert not SavedView.objects.filter(pk=mine.pk).exists()


def test_times_in_the_users_time_zone_with_utc_on_hover(client, analyst_bob, accounts):
    finding = make_finding(first_seen_at=NOW)
    client.force_login(analyst_bob)
    page = client.get(reverse("findings:detail", args=[finding.pk])).content.decode()
    assert "2025-06-01 12:00 UTC" in page
    client.post(reverse("findings:preferences"), {"time_zone": "Asia/Tokyo"})
    page = client.get(reverse("findings:detail", args=[finding.pk])).content.decode()
    assert "2025-06-01 21:00 JST" in page
    assert 'title="2025-06-01 12:00:00 UTC"' in page
    assert (
        client.post(reverse("findings:preferences"), {"time_zone": "Mars/Olympus"}).status_code
        == 200
    )


def test_time_filters_read_in_the_users_zone(client, analyst_bob, accounts):
    early = make_finding(last_seen_at=NOW - timedelta(hours=2))  # 19:00 JST
    late = make_finding(last_seen_at=NOW + timedelta(hours=2))  # 23:00 JST
    client.force_login(analyst_bob)
    client.post(reverse("findings:preferences"), {"time_zone": "Asia/Tokyo"})
    rows = (
        client.get(reverse("findings:list"), {"last_seen_after": "2025-06-01 21:00"})
        .context["page"]
        .rows
    )
    assert {f.pk for f in rows} == {late.pk}
    assert early.pk not in {f.pk for f in rows}


def test_audit_log_page_admin_only_with_filters(client_for, admin_alice, analyst_bob, accounts):
    finding = make_finding()
    services.finding_set_status(analyst_bob, [finding], "acknowledged")
    services.finding_note_add(analyst_bob, finding, "seen")
    assert client_for(analyst_bob).get(reverse("findings:audit")).status_code == 403
    client = client_for(admin_alice)
    page = client.get(reverse("findings:audit")).content.decode()
    assert "finding.status" in page and "finding.note" in page
    filtered = client.get(reverse("findings:audit"), {"action": "finding.note"}).content.decode()
    assert "finding.note" in filtered and "finding.status" not in filtered
    by_actor = client.get(reverse("findings:audit"), {"actor": "alice"}).content.decode()
    assert "finding.note" not in by_actor


def test_navigation_links(client_for, admin_alice, viewer_carol, accounts):
    assert 'href="/findings/audit/"' in client_for(admin_alice).get("/findings/").content.decode()
    assert (
        'href="/findings/audit/"' not in client_for(viewer_carol).get("/findings/").content.decode()
    )
