"""Long fields of a finding: the detail page carries their start, the whole on demand, escaped,
and only for people who may see the finding."""

import pytest
from django.urls import reverse

from tests.triage.conftest import MEMBER_IDS, make_finding

pytestmark = pytest.mark.django_db

HUGE = "<b>x</b> " * 25_000  # 225,000 characters of hostile text


def test_page_carries_the_start_and_the_whole_comes_on_request(client_for, viewer_carol, accounts):
    finding = make_finding(description=HUGE, raw={"Description": HUGE})
    page = client_for(viewer_carol).get(reverse("findings:detail", args=[finding.pk]))
    html = page.content.decode()
    assert len(html) < 60_000  # neither the description nor the raw JSON is in it whole
    assert "Show the whole description (225,000 characters)" in html
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html

    url = reverse("findings:full_field", args=[finding.pk, "description"])
    fragment = client_for(viewer_carol).get(url, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.count("&lt;b&gt;x&lt;/b&gt;") == 25_000 and "<b>" not in fragment
    # Without the script, the same link reads as plain text (nothing rendered as HTML).
    plain = client_for(viewer_carol).get(url)
    assert plain["Content-Type"].startswith("text/plain")
    assert plain.content.decode() == HUGE


def test_short_fields_stay_inline(client_for, viewer_carol, accounts):
    finding = make_finding(description="Unprotected port probed.")
    html = client_for(viewer_carol).get(reverse("findings:detail", args=[finding.pk])).content
    assert b"Unprotected port probed." in html and b"Show the whole description" not in html


def test_whole_fields_follow_the_finding_scope(client_for, scoped_frank, outsider_erin, accounts):
    # scoped_frank sees the first member account only: another account's finding is not found.
    # outsider_erin has no role (no capability to view findings): refused whatever the finding.
    other = make_finding(account_id=MEMBER_IDS[2], description=HUGE)
    for field in ("description", "raw"):
        url = reverse("findings:full_field", args=[other.pk, field])
        assert client_for(scoped_frank).get(url).status_code == 404
        assert client_for(outsider_erin).get(url).status_code == 403
    mine = make_finding(account_id=MEMBER_IDS[0])
    url = reverse("findings:full_field", args=[mine.pk, "title"])
    assert client_for(scoped_frank).get(url).status_code == 404  # not a long field
