"""Suppression rules applied to every region through boto3 to the simulator: back-test on stored
findings, High/Critical confirmation, drift and apply again, import, delete, archive existing,
and the next matching finding arriving archived."""

from datetime import timedelta

import pytest
from django.utils import timezone

from guardduty_hub.accounts.models import OperationState
from guardduty_hub.configuration import rules as services
from guardduty_hub.configuration.errors import ConfigurationError
from guardduty_hub.configuration.models import SuppressionRule
from guardduty_hub.configuration.rule_backtest import rule_backtest
from guardduty_hub.configuration.rule_refresh import suppression_rules_refresh
from guardduty_hub.configuration.selectors import rule_rows
from guardduty_hub.findings.models import Finding
from tests.configuration.conftest import HUB_ADMIN, REGIONS
from tests.factories import make_finding

PROBE = "Recon:EC2/PortProbeUnprotectedPort"
QUERY = f"type={PROBE}"


@pytest.fixture
def save(django_capture_on_commit_callbacks, admin_alice, hub_admin):
    def call(name="port-probes", query=QUERY, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            rule, operation = services.suppression_rule_save(
                admin_alice, hub_admin, name=name, query=query, **kwargs
            )
        operation.refresh_from_db()
        rule.refresh_from_db()
        return rule, operation

    return call


@pytest.fixture
def stored(hub_admin):
    """Stored findings of the administrator: probes (two old, one High), and another type."""
    now = timezone.now()
    rows = [
        make_finding(
            administrator=hub_admin, account_id="111111111111", severity=2.0, created_at=now
        ),
        make_finding(
            administrator=hub_admin, account_id="222222222222", severity=5.0, created_at=now
        ),
        make_finding(
            administrator=hub_admin,
            account_id="111111111111",
            severity=5.0,
            created_at=now - timedelta(days=200),
        ),
        make_finding(administrator=hub_admin, type="Backdoor:EC2/Spambot", severity=8.0),
    ]
    return rows


def filters_in(sim, region):
    gd, detector = sim.guardduty(HUB_ADMIN, region), sim.detector(HUB_ADMIN, region)
    names = gd.list_filters(DetectorId=detector)["FilterNames"]
    return {n: gd.get_filter(DetectorId=detector, FilterName=n) for n in names}


def test_suppression_backtest_by_severity_and_account(sim, hub_admin, stored):
    result = rule_backtest(hub_admin, QUERY)
    assert (result.recent, result.total, result.severe) == (2, 3, 0)
    assert [(r.label, r.recent, r.total) for r in result.by_severity] == [
        ("Medium", 1, 2),
        ("Low", 1, 1),
    ]
    assert [(r.label, r.total) for r in result.by_account] == [
        ("111111111111", 2),
        ("222222222222", 1),
    ]
    assert result.list_url.startswith("/findings/?") and "archived=any" in result.list_url
    assert rule_backtest(hub_admin, "severity=3").severe == 1


def test_suppression_rule_saved_in_every_region(sim, save):
    rule, operation = save(description="probes on purpose", rank=1)
    assert operation.state == OperationState.DONE
    for region in REGIONS:
        found = filters_in(sim, region)["port-probes"]
        assert found["Action"] == "ARCHIVE" and found["Rank"] == 1
        assert found["FindingCriteria"] == {"Criterion": {"type": {"Equals": [PROBE]}}}
    (row,) = rule_rows(rule.administrator)[1]
    assert not row.drifting and [c.words for c in row.cells] == ["Archives", "Archives"]


def test_suppression_rule_archiving_high_findings_needs_confirmation(sim, save, stored):
    with pytest.raises(ConfigurationError) as caught:
        save(name="backdoors", query="type=Backdoor:EC2/Spambot")
    assert "1 High or Critical" in caught.value.message
    assert not SuppressionRule.objects.exists()
    assert filters_in(sim, "us-east-1") == {}
    _rule, operation = save(
        name="backdoors", query="type=Backdoor:EC2/Spambot", confirmed_severe=True
    )
    assert operation.state == OperationState.DONE
    # A filter that only keeps (NOOP) archives nothing: no confirmation.
    save(name="keep-spam", query="type=Backdoor:EC2/Spambot", action="NOOP")


def test_suppression_rule_refuses_hub_only_filters_before_aws(sim, save):
    with pytest.raises(ConfigurationError) as caught:
        save(name="x", query="status=new")
    assert any("Status" in p for p in caught.value.problems)
    with pytest.raises(ConfigurationError) as caught:
        save(name="no spaces", query=QUERY)
    assert any("Name" in p for p in caught.value.problems)


def test_suppression_next_matching_finding_arrives_archived(sim, save, hub_admin):
    from guardduty_hub.simulator.findings import load_findings
    from guardduty_hub.sync.services import sync_region
    from tests.findings.builders import raw_finding

    save()
    load_findings(
        HUB_ADMIN,
        "us-east-1",
        [
            raw_finding(account_id=HUB_ADMIN, finding_type=PROBE, title="probe"),
            raw_finding(account_id=HUB_ADMIN, finding_type="Backdoor:EC2/Spambot", title="spam"),
        ],
    )
    sync_region(hub_admin.pk, "us-east-1", full=True)
    archived = dict(Finding.objects.values_list("title", "archived"))
    assert archived == {"probe": True, "spam": False}


def test_suppression_drift_flagged_then_applied_again(sim, save, admin_alice, hub_admin):
    rule, _ = save()
    gd = sim.guardduty(HUB_ADMIN, "eu-west-1")
    gd.update_filter(
        DetectorId=sim.detector(HUB_ADMIN, "eu-west-1"), FilterName="port-probes", Action="NOOP"
    )
    sim.guardduty(HUB_ADMIN).delete_filter(
        DetectorId=sim.detector(HUB_ADMIN), FilterName="port-probes"
    )
    suppression_rules_refresh(hub_admin)
    (row,) = rule_rows(hub_admin)[1]
    assert {c.region: c.drift for c in row.cells} == {
        "eu-west-1": "action NOOP",
        "us-east-1": "missing in this region",
    }
    operation = services.suppression_rule_apply(admin_alice, rule)
    from guardduty_hub.accounts.operations import operation_run

    operation_run(operation.pk)
    (row,) = rule_rows(hub_admin)[1]
    assert not row.drifting


def test_filter_found_in_guardduty_is_imported(sim, hub_admin):
    sim.guardduty(HUB_ADMIN, "eu-west-1").create_filter(
        DetectorId=sim.detector(HUB_ADMIN, "eu-west-1"),
        Name="console-made",
        Action="ARCHIVE",
        FindingCriteria={"Criterion": {"severity": {"LessThan": 2}}},
    )
    assert suppression_rules_refresh(hub_admin)["imported"] == 1
    rule = SuppressionRule.objects.get(name="console-made")
    assert rule.query == "" and rule.criteria == {"Criterion": {"severity": {"LessThan": 2}}}
    (row,) = rule_rows(hub_admin)[1]
    assert {c.region: c.drift for c in row.cells} == {
        "eu-west-1": "",
        "us-east-1": "missing in this region",
    }


def test_suppression_rule_deleted_everywhere(
    sim, save, admin_alice, django_capture_on_commit_callbacks
):
    rule, _ = save()
    with django_capture_on_commit_callbacks(execute=True):
        operation = services.suppression_rule_delete(admin_alice, rule)
    operation.refresh_from_db()
    assert operation.state == OperationState.DONE
    assert all(filters_in(sim, r) == {} for r in REGIONS)
    assert not SuppressionRule.objects.exists()


def test_suppression_rule_archives_existing_open_findings(sim, save, admin_alice, stored):
    rule, _ = save()
    result = services.suppression_rule_archive_existing(admin_alice, rule)
    assert len(result.done) == 3 and not result.failed
    assert set(Finding.objects.filter(archived=True).values_list("type", flat=True)) == {PROBE}
    assert Finding.objects.get(type="Backdoor:EC2/Spambot").archived is False
