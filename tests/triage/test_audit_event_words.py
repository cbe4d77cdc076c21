"""Every kind of audit event reads as a sentence with the hub's labels (issue 15.10): no Python
dicts or lists, no raw AWS values (EmailVerificationInProgress, SIX_HOURS, S3_DATA_EVENTS)."""

import re
from html import unescape
from pathlib import Path

import pytest
from django.urls import reverse

from guardduty_hub.accounts.audit import audit_record
from guardduty_hub.accounts.audit_words import event_details, event_sentence
from guardduty_hub.accounts.models import AuditEvent, OperationKind
from tests.factories import make_finding
from tests.triage.conftest import ADMIN_ID, MEMBER_IDS

REGIONS = ["eu-west-1", "us-east-1"]
DENIED = "AccessDeniedException: not allowed"
OPERATION = {
    "accounts": MEMBER_IDS[:2],
    "regions": REGIONS,
    "subject": "Office IPs",
    "back_url": "/configuration/123/lists/",
    "back_label": "the lists",
    "list_id": 7,
    "change": "create",
}
# (action, details, words the page must show), in the shapes the services record them.
EVENTS = [
    ("accounts.add", {"count": 1, "account_ids": MEMBER_IDS[:1]}, "Added 1 account"),
    ("membership.retry", {"retried": 2}, "Retried 2 failed items"),
    (
        "membership.status",
        {
            "region": "us-east-1",
            "administrator": ADMIN_ID,
            "before": "EmailVerificationInProgress",
            "after": "Enabled",
        },
        "Verifying email → Enabled",
    ),
    (
        "invitation.accept",
        {
            "administrator": ADMIN_ID,
            "regions": {"us-east-1": "ok", "eu-west-1": DENIED},
            "on_behalf": True,
        },
        f"Accepted the invitation of administrator {ADMIN_ID}, on the member's behalf",
    ),
    (
        "invitation.decline",
        {"administrator": ADMIN_ID, "regions": {"us-east-1": "ok"}, "on_behalf": False},
        "us-east-1: done",
    ),
    (
        "administrator.leave",
        {"administrator": ADMIN_ID, "regions": {"us-east-1": "ok"}, "on_behalf": False},
        f"Left administrator {ADMIN_ID}, by the member",
    ),
    (
        "administrator.onboard",
        {"regions": REGIONS, "via": "hub credentials"},
        "GuardDuty is on in 2 regions",
    ),
    ("administrator.update", {"regions": [], "via": "default role"}, "in no region"),
    ("administrator.regions", {"regions": ["us-east-1"]}, "Regions to sync set to us-east-1"),
    ("api_token.issue", {}, "Issued an API token"),
    ("api_token.revoke", {}, "Revoked an API token"),
    ("configuration.list_upload", {"location": "s3://bucket/a.txt"}, "Uploaded a list file"),
    (
        "configuration.settings",
        {"list_bucket": "b", "list_prefix": "", "list_bucket_region": "us-east-1"},
        "Set where list files are stored",
    ),
    ("configuration.list_import", {"region": "us-east-1"}, "Imported a list found in"),
    ("configuration.rule_import", {"region": "us-east-1"}, "Imported a filter found in"),
    (
        "configuration.organization",
        {"auto_enable": "NEW", "features": {"S3_DATA_EVENTS": "ALL"}, "failed": {}},
        "S3 Protection (data events): Every account, present and new",
    ),
    (
        "configuration.delegated_admin",
        {"management": "210987654321", "failed": {"eu-west-1": DENIED}},
        "except in eu-west-1",
    ),
    (
        "configuration.baseline",
        {"frequency": "SIX_HOURS", "plans": {"S3_DATA_EVENTS": True, "EKS_AUDIT_LOGS": False}},
        "S3 Protection (data events) on, EKS audit logs off",
    ),
    (
        "configuration.guardduty_disable",
        {**OPERATION, "mode": "disassociate"},
        "Started: Disable GuardDuty",
    ),
    ("findings.export", {"query": "severity=3&status=new"}, "severity 3, status new"),
    (
        "findings.generate_samples",
        {
            "created": [f"{ADMIN_ID} us-east-1"],
            "failed": {f"{ADMIN_ID} eu-west-1": DENIED},
            "types": ["Recon:EC2/PortProbeUnprotectedPort"],
        },
        "Generated sample findings in 1 administrator region; 1 failed",
    ),
    ("savedview.save", {"shared": True}, "Saved a view shared with everyone"),
    ("savedview.delete", {}, "Deleted a saved view"),
    (
        "notifications.channel_delete",
        {"kind": "slack", "rules": 2, "deliveries": 1},
        "Deleted the notification channel, with 2 rules and 1 delivery",
    ),
    ("notifications.channel_save", {"kind": "slack", "created": True}, "Added the notification"),
    ("notifications.channel_save", {"kind": "email", "created": False}, "Changed the channel"),
    (
        "notifications.rule_save",
        {"channel": "SOC pager", "created": True},
        "Added a rule to channel SOC pager",
    ),
    ("notifications.rule_delete", {"channel": "SOC pager"}, "Deleted a rule of channel SOC"),
] + [
    (f"{family}.{kind.value}", OPERATION, f"Started: {kind.label}")
    for kind in OperationKind
    for family in ("membership", "configuration")
]
FINDING_EVENTS = [
    ("finding.archive", {"administrator": ADMIN_ID, "region": "us-east-1"}, "Archived in"),
    ("finding.unarchive", {"administrator": ADMIN_ID, "region": "us-east-1"}, "Unarchived"),
    ("finding.feedback", {"feedback": "USEFUL"}, "Feedback to GuardDuty: useful"),
    ("finding.status", {"previous": "new", "status": "resolved"}, "Status New → Resolved"),
    ("finding.assign", {"assignee": "bob"}, "Assigned to bob"),
    ("finding.note", {"note_id": 3}, "Added a note"),
    ("finding.reopen", {"reason": "re-occurred in GuardDuty"}, "Back to New"),
]
RAW = [
    "{'",
    "['",
    "True",
    "False",
    "EmailVerificationInProgress",
    "SIX_HOURS",
    "S3_DATA_EVENTS",
    "back_url",
    "on_behalf",
]


@pytest.fixture
def every_event(accounts, admin_alice):
    finding = make_finding()
    for action, details, _ in EVENTS:
        audit_record(admin_alice, action, accounts[ADMIN_ID], **details)
    for action, details, _ in FINDING_EVENTS:
        audit_record(admin_alice, action, finding, **details)
    return AuditEvent.objects.all()


def test_every_event_has_a_sentence(every_event):
    missing = [e.action for e in every_event if not event_sentence(e)]
    assert missing == []


def test_the_log_shows_sentences_and_labels_never_dicts_or_aws_values(
    client_for, admin_alice, every_event
):
    html = ""
    for page in (1, 2):  # 50 a page
        response = client_for(admin_alice).get(reverse("findings:audit"), {"page": page})
        html += unescape(response.content.decode())
    for _, _, words in EVENTS + FINDING_EVENTS:
        assert words in html
    # The details column, where dicts and AWS values used to show.
    cells = "".join(re.findall(r"<td>(<div><span class=\"muted\">.*?)</td>", html))
    assert "Was:</span> Verifying email" in cells
    for raw in RAW:
        assert raw not in cells, raw
    assert "eu-west-1: " + DENIED in cells and "us-east-1: done" in cells


def test_an_event_nobody_described_still_reads_as_words(accounts, admin_alice):
    event = audit_record(
        admin_alice, "someday.new_thing", accounts[ADMIN_ID], things=["a", "b"], deep={"x": 1}
    )
    assert event_sentence(event) == ""
    assert event_details(event) == [("Things", "a, b"), ("Deep", "x: 1")]


# Where the services name their actions: `audit_record(actor, "x.y"`, `audit_action="x.y"`.
RECORDED = re.compile(
    r"(?:audit_record\(\s*\w+,\s*|audit_action=|_audit\(\s*\w+,\s*|audit_record_system_many\(\s*)"
    r"(?:\"([a-z_]+\.[a-z_]+)\"(?: if \w+ else \"([a-z_]+\.[a-z_]+)\")?)"
)


def test_every_action_the_services_record_is_in_this_test():
    source = Path(__file__).resolve().parents[2] / "guardduty_hub"
    recorded = set()
    for path in source.rglob("*.py"):
        for match in RECORDED.finditer(path.read_text()):
            recorded.update(name for name in match.groups() if name)
    assert len(recorded) > 20  # the pattern still finds the calls
    covered = {action for action, _, _ in EVENTS + FINDING_EVENTS}
    assert recorded - covered == set()
