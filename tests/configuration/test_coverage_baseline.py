"""Detectors and protection plans in every region: the coverage matrix judged against the
baseline, applying the baseline with progress, the CSV, disabling GuardDuty on a member."""

import csv
import io

import pytest
from django.urls import reverse

from guardduty_hub.accounts.models import OperationState
from guardduty_hub.configuration import protection as services
from guardduty_hub.configuration.coverage import coverage_matrix
from guardduty_hub.configuration.coverage_refresh import coverage_refresh
from guardduty_hub.configuration.errors import ConfigurationError
from guardduty_hub.configuration.plans import PLAN_KEYS
from tests.configuration.conftest import HUB_ADMIN, REGIONS

WANTED = {
    "S3_DATA_EVENTS": True,
    "RUNTIME_MONITORING": True,
    "RUNTIME_MONITORING/EC2_AGENT_MANAGEMENT": True,
}


def states(user, admin, **kw):
    _, rows, _ = coverage_matrix(user, admin, **kw)
    return {(r.account.account_id, region): c.state for r in rows for region, c in r.cells}


def test_coverage_without_baseline_says_on_off_not_member(
    sim, admin_alice, hub_admin, enabled_member, members
):
    coverage_refresh(hub_admin)
    found = states(admin_alice, hub_admin)
    assert {found[(HUB_ADMIN, r)] for r in REGIONS} == {"covered"}
    assert {found[(enabled_member.account_id, r)] for r in REGIONS} == {"covered"}


def test_baseline_drift_then_apply_clears_it(sim, admin_alice, hub_admin, enabled_member, run):
    services.baseline_save(admin_alice, hub_admin, frequency="FIFTEEN_MINUTES", plans=WANTED)
    coverage_refresh(hub_admin)
    _regions, rows, _ = coverage_matrix(admin_alice, hub_admin, drift_only=True)
    assert {r.account.account_id for r in rows} == {HUB_ADMIN, enabled_member.account_id}
    (admin_row,) = [r for r in rows if r.is_administrator]
    admin_cell = dict(admin_row.cells)["us-east-1"]
    assert admin_cell.state == "partial"
    assert "S3 Protection (data events)" in admin_cell.missing
    assert "publishing every SIX_HOURS" in admin_cell.drift

    operation = run(services.baseline_apply, admin_alice, hub_admin)
    assert operation.state == OperationState.DONE
    assert operation.items.count() == 2 * len(REGIONS)
    assert coverage_matrix(admin_alice, hub_admin, drift_only=True)[1] == []
    assert set(states(admin_alice, hub_admin).values()) == {"covered"}
    # Through boto3: what GuardDuty now holds for the member.
    got = sim.guardduty(HUB_ADMIN, "eu-west-1").get_member_detectors(
        DetectorId=sim.detector(HUB_ADMIN, "eu-west-1"), AccountIds=[enabled_member.account_id]
    )["MemberDataSourceConfigurations"][0]["Features"]
    assert {f["Name"]: f["Status"] for f in got}["S3_DATA_EVENTS"] == "ENABLED"
    detector = sim.guardduty(HUB_ADMIN).get_detector(DetectorId=sim.detector(HUB_ADMIN))
    assert detector["FindingPublishingFrequency"] == "FIFTEEN_MINUTES"


def test_baseline_agent_management_needs_runtime_monitoring(sim, admin_alice, hub_admin):
    baseline = services.baseline_save(
        admin_alice,
        hub_admin,
        frequency="SIX_HOURS",
        plans={"RUNTIME_MONITORING/EC2_AGENT_MANAGEMENT": True},
    )
    assert set(baseline.plans) == set(PLAN_KEYS) and not any(baseline.plans.values())
    with pytest.raises(ConfigurationError):
        services.baseline_save(admin_alice, hub_admin, frequency="WEEKLY", plans={})


def test_coverage_csv_filtered_to_drift(client_for, admin_alice, sim, hub_admin, enabled_member):
    services.baseline_save(admin_alice, hub_admin, frequency="SIX_HOURS", plans=WANTED)
    coverage_refresh(hub_admin)
    response = client_for(admin_alice).get(
        reverse("configuration:coverage_csv", args=[HUB_ADMIN]), {"drift": "1"}
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {(r["account_id"], r["region"], r["coverage"]) for r in rows} >= {
        (HUB_ADMIN, "us-east-1", "Partial"),
        (enabled_member.account_id, "eu-west-1", "Partial"),
    }
    assert "S3 Protection (data events) off" in rows[0]["drift"]


def test_coverage_disable_guardduty_on_member_in_one_region(
    sim, admin_alice, hub_admin, enabled_member, run
):
    coverage_refresh(hub_admin)
    operation = run(
        services.member_guardduty_disable,
        admin_alice,
        hub_admin,
        enabled_member,
        ["eu-west-1"],
        mode="disable",
    )
    assert operation.state == OperationState.DONE
    assert operation.items.get().result == "Detector suspended."
    member_gd = sim.guardduty(enabled_member.account_id, "eu-west-1")
    detector = member_gd.list_detectors()["DetectorIds"][0]
    assert member_gd.get_detector(DetectorId=detector)["Status"] == "DISABLED"
    found = states(admin_alice, hub_admin)
    assert found[(enabled_member.account_id, "eu-west-1")] == "off"
    assert found[(enabled_member.account_id, "us-east-1")] == "covered"


def test_coverage_disable_page_names_what_stops(
    client_for, admin_alice, sim, hub_admin, enabled_member
):
    url = reverse("configuration:member_disable", args=[HUB_ADMIN, enabled_member.account_id])
    client = client_for(admin_alice)
    page = client.get(url).content.decode()
    assert "no new findings" in page and "Stop monitoring" in page
    refused = client.post(url, {"regions": ["eu-west-1"], "mode": "delete"})
    assert refused.status_code == 200 and b"This field is required" in refused.content


def test_coverage_pages_viewer_reads_only(client_for, viewer_carol, hub_admin):
    client = client_for(viewer_carol)
    assert client.get(reverse("configuration:coverage", args=[HUB_ADMIN])).status_code == 200
    assert client.post(reverse("configuration:baseline_apply", args=[HUB_ADMIN])).status_code == 403
