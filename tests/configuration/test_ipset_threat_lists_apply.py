"""Trusted IP and threat lists applied to every region of the administrator, through boto3 to
the simulator: upload, limits said first, per-region progress, retry of failed regions only,
drift and "apply again", import, delete."""

import pytest

from guardduty_hub.accounts.models import AuditEvent, OperationState
from guardduty_hub.aws import count_requests
from guardduty_hub.configuration import intel_lists as services
from guardduty_hub.configuration.errors import ConfigurationError
from guardduty_hub.configuration.intel_list_refresh import intel_lists_refresh
from guardduty_hub.configuration.models import IntelList
from guardduty_hub.configuration.selectors import list_rows
from guardduty_hub.simulator import faults
from tests.configuration.conftest import (
    BUCKET,
    GOOD_TXT,
    HUB_ADMIN,
    REGIONS,
    guardduty_sets,
    only_failed_region,
)


def add_trusted(run, admin_alice, hub_admin, name="office", body=GOOD_TXT):
    return run(
        services.intel_list_create,
        admin_alice,
        hub_admin,
        kind="trusted",
        name=name,
        fmt="TXT",
        upload=services.ListFile("Office IPs.txt", body),
    )


def test_ipset_uploaded_and_active_in_every_region(sim, admin_alice, hub_admin, list_bucket, run):
    intel_list, operation = add_trusted(run, admin_alice, hub_admin)
    assert operation.state == OperationState.DONE
    assert sorted(operation.items.values_list("region", flat=True)) == REGIONS
    location = f"s3://{BUCKET}/guardduty-hub/lists/trusted/office-ips.txt"
    assert intel_list.location == location
    body = sim.client("s3").get_object(Bucket=BUCKET, Key=location.split("/", 3)[3])["Body"]
    assert body.read() == GOOD_TXT
    for region in REGIONS:
        assert guardduty_sets(sim, region=region) == {"office": ("ACTIVE", location)}
    regions, rows = list_rows(hub_admin)
    assert regions == REGIONS
    assert [(c.words, c.drift) for c in rows[0].cells] == [("Active", ""), ("Active", "")]
    assert AuditEvent.objects.filter(action="configuration.list_apply").count() == 1
    assert AuditEvent.objects.filter(action="configuration.list_upload").count() == 1


def test_ipset_bad_file_reports_lines_and_uploads_nothing(
    sim, admin_alice, hub_admin, list_bucket, run
):
    with pytest.raises(ConfigurationError) as caught:
        add_trusted(run, admin_alice, hub_admin, body=b"10.0.0.1\nten.0.0.2\n")
    assert caught.value.problems == ["Line 2: “ten.0.0.2” is not an IP address or CIDR range."]
    assert sim.client("s3").list_objects_v2(Bucket=BUCKET).get("KeyCount") == 0
    assert not IntelList.objects.exists()
    assert guardduty_sets(sim) == {}


def test_ipset_upload_needs_a_bucket_in_the_settings(sim, admin_alice, hub_admin, run):
    with pytest.raises(ConfigurationError) as caught:
        add_trusted(run, admin_alice, hub_admin)
    assert "bucket" in caught.value.message
    assert not IntelList.objects.exists()


def test_ipset_one_per_region_said_before_calling_aws(
    sim, admin_alice, hub_admin, list_bucket, run
):
    add_trusted(run, admin_alice, hub_admin)
    with count_requests() as counted, pytest.raises(ConfigurationError) as caught:
        add_trusted(run, admin_alice, hub_admin, name="second")
    assert "one trusted IP list per Region" in caught.value.message
    assert counted.total == 0


def test_threat_lists_six_at_most_and_existing_location(sim, admin_alice, hub_admin, run):
    for n in range(6):
        _, operation = run(
            services.intel_list_create,
            admin_alice,
            hub_admin,
            kind="threat",
            name=f"feed-{n}",
            fmt="STIX",
            location=f"https://intel.example.com/{n}.xml",
        )
        assert operation.state == OperationState.DONE
    assert len(guardduty_sets(sim, "threat", "eu-west-1")) == 6
    with pytest.raises(ConfigurationError) as caught:
        run(
            services.intel_list_create,
            admin_alice,
            hub_admin,
            kind="threat",
            name="seventh",
            fmt="TXT",
            location="https://intel.example.com/7.txt",
        )
    assert "6 threat lists per Region" in caught.value.message


def test_threat_list_location_must_be_s3_or_https(sim, admin_alice, hub_admin, run):
    with pytest.raises(ConfigurationError):
        run(
            services.intel_list_create,
            admin_alice,
            hub_admin,
            kind="threat",
            name="feed",
            fmt="TXT",
            location="ftp://intel.example.com/feed.txt",
        )


def test_ipset_failed_region_shown_and_retried_alone(
    sim, admin_alice, hub_admin, list_bucket, run, retry
):
    faults.disable_region(HUB_ADMIN, "eu-west-1")
    intel_list, operation = add_trusted(run, admin_alice, hub_admin)
    assert "not enabled" in only_failed_region(operation)
    cells = {c.region: c for c in list_rows(hub_admin)[1][0].cells}
    assert cells["eu-west-1"].words == "Error" and "not enabled" in cells["eu-west-1"].row.error
    assert cells["us-east-1"].words == "Active"

    assert retry(admin_alice, operation) == 1
    assert operation.state == OperationState.DONE
    assert guardduty_sets(sim, region="eu-west-1") == {"office": ("ACTIVE", intel_list.location)}


def test_ipset_drift_flagged_then_applied_again(sim, admin_alice, hub_admin, list_bucket, run):
    intel_list, _ = add_trusted(run, admin_alice, hub_admin)
    gd, detector = sim.guardduty(HUB_ADMIN, "eu-west-1"), sim.detector(HUB_ADMIN, "eu-west-1")
    (set_id,) = gd.list_ip_sets(DetectorId=detector)["IpSetIds"]
    gd.update_ip_set(DetectorId=detector, IpSetId=set_id, Activate=False)  # outside the hub
    us = sim.guardduty(HUB_ADMIN, "us-east-1")
    (us_id,) = us.list_ip_sets(DetectorId=sim.detector(HUB_ADMIN))["IpSetIds"]
    us.delete_ip_set(DetectorId=sim.detector(HUB_ADMIN), IpSetId=us_id)
    intel_lists_refresh(hub_admin)
    (row,) = list_rows(hub_admin)[1]
    assert row.drifting
    assert {c.region: c.drift for c in row.cells} == {
        "eu-west-1": "inactive",
        "us-east-1": "missing in this region",
    }
    operation = run(services.intel_list_apply, admin_alice, intel_list)
    assert operation.state == OperationState.DONE
    (row,) = list_rows(hub_admin)[1]
    assert not row.drifting
    for region in REGIONS:
        assert guardduty_sets(sim, region=region)["office"][0] == "ACTIVE"


def test_ipset_deactivated_then_deleted_everywhere(sim, admin_alice, hub_admin, list_bucket, run):
    intel_list, _ = add_trusted(run, admin_alice, hub_admin)
    operation = run(services.intel_list_update, admin_alice, intel_list, active=False)
    assert operation.state == OperationState.DONE
    for region in REGIONS:
        assert guardduty_sets(sim, region=region)["office"][0] == "INACTIVE"
    operation = run(services.intel_list_delete, admin_alice, intel_list)
    assert operation.state == OperationState.DONE
    for region in REGIONS:
        assert guardduty_sets(sim, region=region) == {}
    assert not IntelList.objects.exists()


def test_threat_list_found_in_guardduty_is_imported(sim, admin_alice, hub_admin):
    gd = sim.guardduty(HUB_ADMIN, "us-east-1")
    gd.create_threat_intel_set(
        DetectorId=sim.detector(HUB_ADMIN),
        Name="legacy-feed",
        Format="TXT",
        Location="https://intel.example.com/legacy.txt",
        Activate=True,
    )
    assert intel_lists_refresh(hub_admin) == {"regions": 2, "imported": 1, "errors": 0}
    (row,) = list_rows(hub_admin)[1]
    assert row.item.name == "legacy-feed" and row.item.kind == "threat"
    assert {c.region: c.drift for c in row.cells} == {
        "eu-west-1": "missing in this region",
        "us-east-1": "",
    }


def test_threat_lists_read_back_by_beat(sim, admin_alice, hub_admin):
    from guardduty_hub.configuration.tasks import configuration_refresh_all

    sim.guardduty(HUB_ADMIN, "eu-west-1").create_threat_intel_set(
        DetectorId=sim.detector(HUB_ADMIN, "eu-west-1"),
        Name="feed",
        Format="TXT",
        Location="https://intel.example.com/feed.txt",
        Activate=False,
    )
    assert configuration_refresh_all.delay().get() == 1
    intel_list = IntelList.objects.get(name="feed")
    assert not intel_list.active
    assert intel_list.regions.get(region="eu-west-1").status == "INACTIVE"
