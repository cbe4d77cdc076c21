"""What a finding's history and its action block say in words (feedback, remote party)."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from guardduty_hub.findings.templatetags.findings_tags import event_words
from tests.factories import make_finding
from tests.findings.builders import network_connection


@pytest.mark.parametrize(
    ("feedback", "words"),
    [("USEFUL", "useful"), ("NOT_USEFUL", "not useful"), ("SOMETHING_NEW", "?"), (None, "?")],
)
def test_feedback_events_in_words(feedback, words):
    event = SimpleNamespace(action="finding.feedback", details={"feedback": feedback})
    assert event_words(event) == f"Feedback to GuardDuty: {words}"


def test_one_remote_party_is_named_in_a_sentence(client_for, analyst_bob, accounts):
    action = network_connection(
        "198.51.100.7", city="Lisbon", country="Portugal", asn="64500", org="Example Net"
    )
    raw = {"Service": {"Action": action}}
    finding = make_finding(raw=raw)
    page = client_for(analyst_bob).get(reverse("findings:detail", args=[finding.pk]))
    html = page.content.decode()
    assert 'id="remote-party"' in html
    # The address links to its investigation page; the place reads as a sentence after it.
    ip_link = reverse("investigations:indicator", args=["ip", "198.51.100.7"])
    assert f'<strong><a href="{ip_link}"' in html
    assert ">198.51.100.7</a></strong>, Lisbon, Portugal" in html
    assert "AS64500 Example Net" in html
