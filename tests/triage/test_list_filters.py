"""Each list filter on its own, through the page (the URL parameter is the form field)."""

from datetime import timedelta

import pytest
from django.urls import reverse

from guardduty_hub.findings.choices import FindingStatus
from tests.factories import NOW, make_finding
from tests.triage.conftest import MEMBER_IDS


@pytest.fixture
def listed(list_page):
    """listed(**params) -> set of finding pks on the list page (first page, 200 rows)."""
    return lambda **params: {row.pk for row in list_page(**params).context["page"].rows}


def test_severity_bands(listed):
    low, medium, high, critical = (make_finding(severity=s) for s in (2.0, 5.0, 8.0, 9.5))
    assert listed(severity=["3", "4"]) == {high.pk, critical.pk}
    assert listed(severity=["1", "3"]) == {low.pk, high.pk}
    assert listed(severity="2") == {medium.pk}


SSH = "UnauthorizedAccess:EC2/SSHBruteForce"


@pytest.mark.parametrize(
    ("params", "match", "near_miss"),
    [
        ({"min_severity": "7"}, {"severity": 7.0}, {"severity": 6.9}),
        ({"type": SSH}, {"type": SSH}, {"type": SSH + "2"}),
        (
            {"type_contains": "bruteforce"},
            {"type": SSH},
            {"type": "Recon:EC2/PortProbeUnprotectedPort"},
        ),
        (
            {"resource_type": "AccessKey"},
            {"resource_type": "AccessKey", "resource_id": "AKIA1 (alice)"},
            {"resource_type": "Instance"},
        ),
        ({"resource_id": "i-0abc"}, {"resource_id": "i-0abc"}, {"resource_id": "i-0abcd"}),
    ],
    ids=["min_severity", "type_exact", "type_contains", "resource_type", "resource_id"],
)
def test_filter_keeps_its_match_and_drops_the_near_miss(listed, params, match, near_miss):
    make_finding(**near_miss)
    matching = make_finding(**match)
    assert listed(**params) == {matching.pk}


def test_type_prefix_and_segment(listed):
    ssh = make_finding(type=SSH)
    iam = make_finding(type="UnauthorizedAccess:IAMUser/ConsoleLogin")
    probe = make_finding(type="Recon:EC2/PortProbeUnprotectedPort")
    assert listed(type_prefix="UnauthorizedAccess:") == {ssh.pk, iam.pk}
    assert listed(type_prefix=":EC2/") == {ssh.pk, probe.pk}


def test_account_multi(listed):
    a, b, _ = (make_finding(account_id=i) for i in MEMBER_IDS)
    assert listed(account=[MEMBER_IDS[0], MEMBER_IDS[1]]) == {a.pk, b.pk}


def test_account_filter_offers_names(client_for, admin_alice, accounts):
    page = client_for(admin_alice).get(reverse("findings:list")).content.decode()
    assert f'<span>Member 1 <span class="muted">{MEMBER_IDS[0]}</span></span>' in page


def test_region_multi(listed):
    east = make_finding(region="us-east-1")
    west = make_finding(region="eu-west-1")
    make_finding(region="ap-south-1")
    assert listed(region=["us-east-1", "eu-west-1"]) == {east.pk, west.pk}


def test_archived_default_current_only(listed):
    current = make_finding()
    archived = make_finding(archived=True)
    assert listed() == {current.pk}
    assert listed(archived="yes") == {archived.pk}
    assert listed(archived="any") == {current.pk, archived.pk}


def test_status(listed):
    make_finding()
    investigating = make_finding(status=FindingStatus.INVESTIGATING)
    resolved = make_finding(status=FindingStatus.RESOLVED)
    assert listed(status=["investigating", "resolved"]) == {investigating.pk, resolved.pk}


def test_assignee(listed, admin_alice, analyst_bob):
    mine = make_finding(assignee=admin_alice)
    bobs = make_finding(assignee=analyst_bob)
    nobody = make_finding()
    assert listed(assignee="me") == {mine.pk}
    assert listed(assignee=str(analyst_bob.pk)) == {bobs.pk}
    assert listed(assignee="none") == {nobody.pk}


def test_samples_hidden_by_default(listed):
    real = make_finding()
    sample = make_finding(is_sample=True, title="[SAMPLE] x")
    assert listed() == {real.pk}
    assert listed(sample="yes") == {sample.pk}
    assert listed(sample="any") == {real.pk, sample.pk}


def test_first_seen_range(listed):
    old = make_finding(first_seen_at=NOW - timedelta(days=10))
    new = make_finding(first_seen_at=NOW - timedelta(hours=1))
    after = (NOW - timedelta(days=1)).isoformat()
    assert listed(first_seen_after=after) == {new.pk}
    assert listed(first_seen_before=after) == {old.pk}


def test_last_seen_range(listed):
    old = make_finding(last_seen_at=NOW - timedelta(days=10))
    new = make_finding(last_seen_at=NOW - timedelta(hours=1))
    cut = (NOW - timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    assert listed(last_seen_after=cut) == {new.pk}
    assert listed(last_seen_before=cut) == {old.pk}


def test_updated_range(listed):
    old = make_finding(updated_at=NOW - timedelta(days=10))
    new = make_finding(updated_at=NOW - timedelta(hours=1))
    assert listed(
        updated_after=(NOW - timedelta(days=11)).isoformat(),
        updated_before=(NOW - timedelta(days=9)).isoformat(),
    ) == {old.pk}
    assert listed(updated_after=(NOW - timedelta(days=1)).isoformat()) == {new.pk}


def test_count_above(listed):
    make_finding(count=3)
    many = make_finding(count=4)
    assert listed(count_above="3") == {many.pk}


def test_free_text(listed):
    by_title = make_finding(title="Zebra crossing the firewall")
    by_description = make_finding(description="A zebra was seen")
    by_resource = make_finding(resource_id="arn:bucket/zebra-logs")
    by_type = make_finding(type="Recon:EC2/ZebraScan")
    make_finding(title="Elephant")
    assert listed(q="ZEBRA") == {by_title.pk, by_description.pk, by_resource.pk, by_type.pk}
    assert listed(q="zebra firewall") == {by_title.pk}


def test_invalid_filter_lists_nothing_and_says_so(client_for, admin_alice, accounts):
    make_finding()
    answer = client_for(admin_alice).get(reverse("findings:list"), {"min_severity": "high"})
    assert list(answer.context["page"].rows) == []
    assert "not valid" in answer.content.decode()


def test_filters_combine(listed):
    hit = make_finding(severity=8.0, region="eu-west-1", account_id=MEMBER_IDS[1])
    make_finding(severity=8.0, region="us-east-1", account_id=MEMBER_IDS[1])
    make_finding(severity=2.0, region="eu-west-1", account_id=MEMBER_IDS[1])
    assert listed(severity="3", region="eu-west-1", account=MEMBER_IDS[1]) == {hit.pk}
