"""The finding page explains, links and keeps the analyst's way back to the list."""

import re

import pytest
from django.urls import reverse

from guardduty_hub.accounts.audit import audit_record
from guardduty_hub.findings import services
from tests.factories import make_finding
from tests.triage.conftest import MEMBER_IDS

SIGNAL_ID = "5" * 32


def _sequence_raw(signal_arn: str) -> dict:
    return {
        "Resource": {"ResourceType": "AttackSequence"},
        "Service": {
            "FeatureName": "Correlation",
            "Detection": {
                "Sequence": {
                    "SequenceIndicators": [
                        {"Key": "ATTACK_TACTIC", "Title": "Attack tactics", "Values": ["Impact"]}
                    ],
                    "Signals": [
                        {
                            "Uid": signal_arn,
                            "Name": "Discovery:Kubernetes/SuccessfulAnonymousAccess",
                            "Severity": 5.0,
                            "Count": 9,
                            "FirstSeenAt": "2025-06-01T10:00:00.000Z",
                        },
                        {
                            "Uid": "arn:aws:guardduty:us-east-1:111111111111:detector/x/finding/ab",
                            "Name": "Execution:Runtime/NewBinaryExecuted",
                        },
                    ],
                    "Actors": [{"Id": "actor-1", "User": {"Name": "mallory", "Type": "IAMUser"}}],
                    "Endpoints": [{"Id": "e-1", "Ip": "203.0.113.9"}],
                }
            },
        },
    }


def test_attack_sequence_lists_its_signals_and_links_those_in_the_hub(
    client_for, analyst_bob, accounts
):
    signal = make_finding(guardduty_id=SIGNAL_ID, region="us-east-1", title="The signal")
    arn = f"arn:aws:guardduty:us-east-1:{MEMBER_IDS[0]}:detector/{'d' * 32}/finding/{SIGNAL_ID}"
    sequence = make_finding(
        type="AttackSequence:EKS/CompromisedCluster",
        resource_type="AttackSequence",
        resource_id="",
        raw=_sequence_raw(arn),
    )
    signal.raw = {"AssociatedAttackSequenceArn": sequence.arn}
    signal.save()
    client = client_for(analyst_bob)

    page = client.get(reverse("findings:detail", args=[sequence.pk])).content.decode()
    assert 'id="sequence-signals"' in page
    assert (
        f'href="/findings/{signal.pk}/">Discovery:Kubernetes/SuccessfulAnonymousAccess</a>' in page
    )
    assert "Execution:Runtime/NewBinaryExecuted" in page  # not in the hub: named, not linked
    assert "Attack tactics" in page and "mallory" in page and "203.0.113.9" in page
    assert "Extended Threat Detection" in page

    page = client.get(reverse("findings:detail", args=[signal.pk])).content.decode()
    assert f'href="/findings/{sequence.pk}/">open the sequence</a>' in page


def test_sequence_signals_of_other_accounts_stay_unlinked(client_for, scoped_frank, accounts):
    """A signal in an account the user may not see is named but not linked (nor confirmed)."""
    hidden = make_finding(guardduty_id=SIGNAL_ID, account_id=MEMBER_IDS[2], region="us-east-1")
    arn = f"arn:aws:guardduty:us-east-1:{MEMBER_IDS[2]}:detector/{'d' * 32}/finding/{SIGNAL_ID}"
    sequence = make_finding(account_id=MEMBER_IDS[0], raw=_sequence_raw(arn))
    page = client_for(scoped_frank).get(reverse("findings:detail", args=[sequence.pk]))
    assert page.status_code == 200
    assert f"/findings/{hidden.pk}/" not in page.content.decode()
    assert "Discovery:Kubernetes/SuccessfulAnonymousAccess" in page.content.decode()  # named


def test_header_links_to_the_lists_of_its_type_account_and_region(
    client_for, viewer_carol, accounts
):
    finding = make_finding(type="Backdoor:EC2/C&CActivity.B!DNS", region="eu-west-1")
    page = (
        client_for(viewer_carol).get(reverse("findings:detail", args=[finding.pk])).content.decode()
    )
    assert 'href="/findings/?type=Backdoor%3AEC2/C%26CActivity.B%21DNS"' in page
    assert f'href="/findings/?account={MEMBER_IDS[0]}"' in page
    assert 'href="/findings/?region=eu-west-1"' in page
    assert "C&amp;C activity</strong> (variant B), seen in DNS queries" in page
    assert "triage needs the Analyst or Admin role" in page


def _back_href(html: str) -> str:
    return re.search(r'<a href="([^"]*)" id="back-to-list"', html).group(1)


@pytest.mark.parametrize(
    ("back", "expected"),
    [
        ("/findings/?severity=4&account=1", "/findings/?severity=4&amp;account=1"),
        ("https://evil.example/findings/?x=1", "/findings/"),
        ("/accounts/", "/findings/"),
    ],
)
def test_back_link_returns_to_the_list_the_analyst_came_from(
    client_for, analyst_bob, accounts, back, expected
):
    finding = make_finding()
    client = client_for(analyst_bob)
    url = reverse("findings:detail", args=[finding.pk])
    assert _back_href(client.get(url, {"back": back}).content.decode()) == expected
    referred = client.get(url, headers={"referer": f"http://testserver{back}"})
    same_site = back.startswith("/")
    assert _back_href(referred.content.decode()) == (expected if same_site else "/findings/")


def test_actions_come_back_with_the_way_to_the_list(client_for, analyst_bob, accounts):
    finding = make_finding()
    client = client_for(analyst_bob)
    page = client.get(
        reverse("findings:detail", args=[finding.pk]),
        headers={"referer": "http://testserver/findings/?severity=4"},
    ).content.decode()
    here = f"/findings/{finding.pk}/?back=%2Ffindings%2F%3Fseverity%3D4"
    assert f'name="next" value="{here}"' in page
    answer = client.post(
        reverse("findings:bulk"),
        {"ids": [finding.pk], "action": "status", "status": "investigating", "next": here},
    )
    assert answer.url == here
    noted = client.post(
        reverse("findings:note", args=[finding.pk]), {"body": "checked", "next": here}
    )
    assert noted.url == here
    elsewhere = client.post(
        reverse("findings:note", args=[finding.pk]),
        {"body": "again", "next": "https://evil.example/"},
    )
    assert elsewhere.url == f"/findings/{finding.pk}/"


def test_history_says_what_happened_in_words(client_for, analyst_bob, admin_alice, accounts):
    finding = make_finding()
    services.finding_set_status(analyst_bob, [finding], "investigating")
    services.finding_assign(analyst_bob, [finding], admin_alice)
    services.finding_assign(analyst_bob, [finding], None)
    services.finding_note_add(analyst_bob, finding, "looked")
    audit_record(None, "finding.reopen", finding, reason="re-occurred in GuardDuty")
    page = (
        client_for(analyst_bob).get(reverse("findings:detail", args=[finding.pk])).content.decode()
    )
    history = page.split('id="history"')[1]
    assert "Status New → Investigating" in history
    assert "Assigned to alice" in history and "Unassigned" in history
    assert "Added a note" in history
    assert "Back to New: it occurred again after being resolved" in history
    assert "finding.status" not in history


def test_other_findings_on_the_resource_say_where_and_when(client_for, viewer_carol, accounts):
    finding = make_finding(resource_id="i-shared", region="us-east-1")
    make_finding(resource_id="i-shared", region="eu-west-1", title="Same title", archived=True)
    page = (
        client_for(viewer_carol).get(reverse("findings:detail", args=[finding.pk])).content.decode()
    )
    others = page.split('id="others"')[1].split("</ul>")[0]
    assert "Same title" in others and "eu-west-1" in others and "archived" in others


def test_sequence_and_evidence_text_is_escaped(client_for, analyst_bob, accounts):
    raw = _sequence_raw("<script>alert(1)</script>")
    raw["Service"]["Detection"]["Sequence"]["Signals"][0]["Name"] = "<img src=x onerror=alert(2)>"
    raw["Service"]["RuntimeDetails"] = {"Process": {"Name": "<b>miner</b>"}}
    finding = make_finding(raw=raw)
    page = (
        client_for(analyst_bob).get(reverse("findings:detail", args=[finding.pk])).content.decode()
    )
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "<b>miner</b>" not in page.split('id="raw-json"')[0]
    assert "&lt;b&gt;miner&lt;/b&gt;" in page
