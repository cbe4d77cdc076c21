"""Detectors per region, region discovery and the request counter, against moto's GuardDuty."""

import pytest

from guardduty_hub.aws import count_requests, gateway

pytestmark = pytest.mark.usefixtures("aws")


def test_detector_config(admin_a):
    detector = gateway.ensure_detector(admin_a, "eu-west-1")
    config = gateway.get_detector_config(admin_a, "eu-west-1", detector)
    assert config.detector_id == detector
    assert config.status == "ENABLED"
    assert config.finding_publishing_frequency == "SIX_HOURS"  # GuardDuty's default


def test_candidate_regions_come_from_boto3():
    regions = gateway.candidate_regions()
    assert {"us-east-1", "eu-west-1", "ap-southeast-2"} <= set(regions)
    assert len(regions) == len(set(regions))


def test_probe_regions_reports_detectors(admin_a):
    detector = gateway.ensure_detector(admin_a, "eu-west-1")
    probes = {p.region: p for p in gateway.probe_regions(admin_a, ["eu-west-1", "us-east-2"])}
    assert probes["eu-west-1"].enabled and probes["eu-west-1"].detector_id == detector
    assert probes["us-east-2"].enabled and probes["us-east-2"].detector_id is None


def test_enabled_regions_defaults_to_every_candidate_region(hub):
    with count_requests() as counted:
        regions = gateway.enabled_regions(hub)
    assert set(regions) == set(gateway.candidate_regions())
    assert counted.by_operation["guardduty.ListDetectors"] == len(regions)


def test_count_requests_counts_sts_and_guardduty_and_nests(admin_a):
    with count_requests() as outer:
        gateway.list_detector_id(admin_a, "eu-west-1")
        with count_requests() as inner:
            gateway.list_detector_id(admin_a, "eu-west-2")
    assert dict(outer.by_operation) == {"sts.AssumeRole": 1, "guardduty.ListDetectors": 2}
    assert outer.total == 3
    assert inner.total == 1
    outer.reset()
    assert outer.total == 0 and not outer.by_operation


def test_nothing_is_counted_outside_the_context(admin_a):
    with count_requests() as counted:
        pass
    gateway.list_detector_id(admin_a, "eu-west-1")
    assert counted.total == 0


def test_count_requests_of_the_current_thread_only(admin_a):
    import threading

    gateway.caller_identity(admin_a)  # credentials cached: one request per call below
    with count_requests(current_thread_only=True) as mine, count_requests() as everyone:
        other = threading.Thread(target=gateway.list_detector_id, args=(admin_a, "eu-west-1"))
        other.start()
        other.join()
        gateway.list_detector_id(admin_a, "eu-west-2")
    assert mine.total == 1
    assert everyone.total == 2
