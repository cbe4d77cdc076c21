"""Finding text is attacker-controlled: escaped on every page, neutralised in the CSV export."""

import csv
import io

import pytest
from django.urls import reverse

from guardduty_hub.findings.export import neutralise
from tests.factories import make_finding

SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '<img src=x onerror="window.__pwned = 2">'
LONG = "A" * 20_000
UNICODE = "Zugriff verweigert — 不正アクセス 🚨 \u202eevil"


@pytest.fixture
def hostile(accounts):
    return make_finding(
        title=f"{SCRIPT} {UNICODE}",
        description=f"{IMG} {LONG}",
        resource_id='"><svg onload=alert(1)>',
        raw={"Id": "x", "Title": SCRIPT, "Resource": {"InstanceDetails": {"InstanceId": IMG}}},
    )


def test_list_escapes_hostile_text(client_for, admin_alice, hostile):
    body = client_for(admin_alice).get(reverse("findings:list")).content.decode()
    assert SCRIPT not in body
    assert "&lt;script&gt;" in body
    assert "<svg onload" not in body
    assert UNICODE[:20] in body


def test_detail_escapes_hostile_text(client_for, admin_alice, hostile):
    body = (
        client_for(admin_alice).get(reverse("findings:detail", args=[hostile.pk])).content.decode()
    )
    assert SCRIPT not in body and IMG not in body and "<svg onload" not in body
    assert "&lt;img src=x onerror=" in body
    assert "不正アクセス" in body


def test_long_hostile_description_arrives_whole_and_escaped(client_for, admin_alice, hostile):
    # The page shows the start; the rest comes from the full-field view, escaped, never cut.
    client = client_for(admin_alice)
    url = reverse("findings:full_field", args=[hostile.pk, "description"])
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert LONG in fragment
    assert IMG not in fragment and "&lt;img src=x onerror=" in fragment
    # Without htmx the same link answers plain text the browser may not sniff into HTML.
    plain = client.get(url)
    assert plain["Content-Type"].startswith("text/plain")
    assert plain["X-Content-Type-Options"] == "nosniff"
    assert LONG in plain.content.decode()


def test_notes_are_escaped(client_for, admin_alice, hostile):
    client = client_for(admin_alice)
    noted = client.post(reverse("findings:note", args=[hostile.pk]), {"body": SCRIPT})
    assert noted.status_code == 302
    body = client.get(reverse("findings:detail", args=[hostile.pk])).content.decode()
    assert SCRIPT not in body
    # The page's <title>, its heading (the finding's title) and the note, each escaped.
    assert body.count("&lt;script&gt;window.__pwned") == 3
    assert '<div class="note-body">&lt;script&gt;window.__pwned' in body


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("plain", "plain"),
        (8.0, 8.0),
        (-1, -1),
    ],
)
def test_neutralise(cell, expected):
    assert neutralise(cell) == expected


def test_export_streams_filtered_rows_with_formulas_neutralised(client_for, admin_alice, accounts):
    make_finding(title="=cmd|' /C calc'!A0", severity=8.0)
    make_finding(title="@evil", severity=8.5)
    make_finding(title="low one", severity=2.0)
    answer = client_for(admin_alice).get(reverse("findings:export"), {"severity": "3"})
    assert answer.status_code == 200
    assert answer.streaming
    assert answer["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(answer.streaming_content).decode())))
    assert [r["title"] for r in rows] == ["'@evil", "'=cmd|' /C calc'!A0"]
    assert rows[0]["account_name"] == "Member 1"
    assert rows[0]["severity_band"] == "High"


def test_export_is_audited(client_for, admin_alice, accounts):
    from guardduty_hub.accounts.models import AuditEvent

    make_finding()
    b"".join(client_for(admin_alice).get(reverse("findings:export"), {"q": "x"}).streaming_content)
    event = AuditEvent.objects.get(action="findings.export")
    assert event.details["query"].startswith("q=x")
