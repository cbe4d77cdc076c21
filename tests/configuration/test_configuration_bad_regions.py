"""Bad input per region: AccessDenied in one region (a service control policy denying GuardDuty
there) and a region that is not enabled. Each is shown on its region with AWS's message, the
other regions are applied, and a retry runs the failed region alone."""

from django.urls import reverse

from guardduty_hub.accounts.models import OperationState
from guardduty_hub.configuration import intel_lists, protection, rules
from guardduty_hub.configuration.models import SuppressionRuleRegion
from guardduty_hub.simulator import faults
from tests.configuration.conftest import (
    GOOD_TXT,
    HUB_ADMIN,
    REGIONS,
    guardduty_sets,
    only_failed_region,
)


def test_ipset_access_denied_in_one_region_shown_there_and_retried(
    sim, admin_alice, hub_admin, list_bucket, run, retry, client_for
):
    faults.inject("denied", rate=1.0, accounts=[HUB_ADMIN], regions=["eu-west-1"])
    intel_list, operation = run(
        intel_lists.intel_list_create,
        admin_alice,
        hub_admin,
        kind="trusted",
        name="office",
        fmt="TXT",
        upload=intel_lists.ListFile("office.txt", GOOD_TXT),
    )
    message = only_failed_region(operation)
    assert "Access denied" in message and "service control policy" in message
    hub_admin.refresh_from_db()
    assert hub_admin.last_error == ""  # one region's refusal; the account is reachable
    assert guardduty_sets(sim, region="us-east-1") == {"office": ("ACTIVE", intel_list.location)}
    page = client_for(admin_alice).get(reverse("configuration:lists", args=[HUB_ADMIN]))
    assert "service control policy" in page.content.decode()

    assert retry(admin_alice, operation) == 1
    assert operation.state == OperationState.DONE
    for region in REGIONS:
        assert guardduty_sets(sim, region=region)["office"][0] == "ACTIVE"


def test_suppression_rule_region_not_enabled_shown_there_and_retried(
    sim, admin_alice, hub_admin, run, retry
):
    faults.disable_region(HUB_ADMIN, "eu-west-1")
    rule, operation = run(
        rules.suppression_rule_save,
        admin_alice,
        hub_admin,
        name="port-probes",
        query="type=Recon:EC2/PortProbeUnprotectedPort",
    )
    assert "not enabled" in only_failed_region(operation)
    states = {r.region: r for r in SuppressionRuleRegion.objects.filter(rule=rule)}
    assert "not enabled" in states["eu-west-1"].error and states["us-east-1"].present

    assert retry(admin_alice, operation) == 1
    assert operation.state == OperationState.DONE
    for region in REGIONS:
        gd, detector = sim.guardduty(HUB_ADMIN, region), sim.detector(HUB_ADMIN, region)
        assert gd.list_filters(DetectorId=detector)["FilterNames"] == ["port-probes"]


def test_baseline_access_denied_in_one_region_shown_there_and_retried(
    sim, admin_alice, hub_admin, run, retry
):
    protection.baseline_save(
        admin_alice, hub_admin, frequency="FIFTEEN_MINUTES", plans={"S3_DATA_EVENTS": True}
    )
    faults.inject(
        "denied",
        rate=1.0,
        accounts=[HUB_ADMIN],
        regions=["eu-west-1"],
        operations=["UpdateDetector"],
    )
    operation = run(protection.baseline_apply, admin_alice, hub_admin)
    assert "Access denied for UpdateDetector" in only_failed_region(operation)

    assert retry(admin_alice, operation) == 1
    assert operation.state == OperationState.DONE
    for region in REGIONS:
        detector = sim.guardduty(HUB_ADMIN, region).get_detector(
            DetectorId=sim.detector(HUB_ADMIN, region)
        )
        assert detector["FindingPublishingFrequency"] == "FIFTEEN_MINUTES"


def test_coverage_rules_and_lists_read_back_by_beat_with_the_memberships(settings, sim, hub_admin):
    from guardduty_hub.configuration.models import DetectorCoverage, SuppressionRule
    from guardduty_hub.configuration.tasks import configuration_refresh_all

    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["refresh-configuration"]["task"] == "guardduty_hub.configuration.refresh_all"
    assert (
        schedule["refresh-configuration"]["schedule"] == schedule["refresh-memberships"]["schedule"]
    )
    gd, detector = sim.guardduty(HUB_ADMIN, "us-east-1"), sim.detector(HUB_ADMIN, "us-east-1")
    gd.create_filter(
        DetectorId=detector,
        Name="made-in-the-console",
        Action="NOOP",
        FindingCriteria={"Criterion": {"severity": {"Gte": 7}}},
    )
    assert configuration_refresh_all.delay().get() == 1
    assert SuppressionRule.objects.filter(name="made-in-the-console").exists()
    assert set(
        DetectorCoverage.objects.filter(administrator=hub_admin).values_list("region", flat=True)
    ) == set(REGIONS)
