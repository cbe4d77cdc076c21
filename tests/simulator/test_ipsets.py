"""Trusted IP sets and threat intel sets: administrator only, members see the admin's."""

import pytest
from botocore.exceptions import ClientError

from tests.simulator.conftest import MEMBER, add_member, put_list_file


def test_ip_set_lifecycle_and_quota(gd_sim):
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    set_id = gd.create_ip_set(
        DetectorId=detector,
        Name="office",
        Format="TXT",
        Location=put_list_file(gd_sim, "s3://bucket/office.txt"),
        Activate=True,
    )["IpSetId"]
    assert len(set_id) == 32
    got = gd.get_ip_set(DetectorId=detector, IpSetId=set_id)
    assert (got["Name"], got["Status"]) == ("office", "ACTIVE")
    gd.update_ip_set(DetectorId=detector, IpSetId=set_id, Activate=False, Name="hq")
    got = gd.get_ip_set(DetectorId=detector, IpSetId=set_id)
    assert (got["Name"], got["Status"]) == ("hq", "INACTIVE")
    with pytest.raises(ClientError):  # one trusted IP set per account and Region
        gd.create_ip_set(
            DetectorId=detector, Name="x", Format="TXT", Location="s3://b/x", Activate=True
        )
    assert gd.list_ip_sets(DetectorId=detector)["IpSetIds"] == [set_id]
    gd.delete_ip_set(DetectorId=detector, IpSetId=set_id)
    assert gd.list_ip_sets(DetectorId=detector)["IpSetIds"] == []


def test_threat_intel_sets_quota_six(gd_sim):
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    for n in range(6):
        gd.create_threat_intel_set(
            DetectorId=detector,
            Name=f"list{n}",
            Format="TXT",
            Location=f"s3://b/{n}",
            Activate=True,
        )
    with pytest.raises(ClientError):
        gd.create_threat_intel_set(
            DetectorId=detector, Name="seventh", Format="TXT", Location="s3://b/7", Activate=True
        )
    pages = gd.get_paginator("list_threat_intel_sets").paginate(
        DetectorId=detector, PaginationConfig={"PageSize": 4}
    )
    assert sum(len(p["ThreatIntelSetIds"]) for p in pages) == 6


def test_members_cannot_manage_and_see_the_administrators_sets(gd_sim):
    add_member(gd_sim, MEMBER)
    admin_set = gd_sim.guardduty().create_threat_intel_set(
        DetectorId=gd_sim.detector(), Name="bad", Format="TXT", Location="s3://b/bad", Activate=True
    )["ThreatIntelSetId"]
    member, member_detector = gd_sim.guardduty(MEMBER), gd_sim.detector(MEMBER)
    with pytest.raises(ClientError) as caught:
        member.create_ip_set(
            DetectorId=member_detector,
            Name="mine",
            Format="TXT",
            Location="s3://b/m",
            Activate=True,
        )
    assert caught.value.response["Error"]["Code"] == "AccessDeniedException"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    listed = member.list_threat_intel_sets(DetectorId=member_detector)["ThreatIntelSetIds"]
    assert listed == [admin_set]


@pytest.mark.parametrize(
    "location",
    [
        "s3://gdh-lists/ipset/trusted.txt",
        "https://s3.amazonaws.com/gdh-lists/ipset/trusted.txt",
        "https://gdh-lists.s3.us-east-1.amazonaws.com/ipset/trusted.txt",
    ],
)
def test_ipset_list_file_read_from_s3(gd_sim, location):
    """A list whose S3 object is missing is in ERROR; once the file is there it is ACTIVE."""
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    set_id = gd.create_ip_set(
        DetectorId=detector, Name="office", Format="TXT", Location=location, Activate=True
    )["IpSetId"]
    assert gd.get_ip_set(DetectorId=detector, IpSetId=set_id)["Status"] == "ERROR"
    put_list_file(gd_sim, "s3://gdh-lists/ipset/trusted.txt")
    assert gd.get_ip_set(DetectorId=detector, IpSetId=set_id)["Status"] == "ACTIVE"
    gd.update_ip_set(DetectorId=detector, IpSetId=set_id, Activate=False)
    assert gd.get_ip_set(DetectorId=detector, IpSetId=set_id)["Status"] == "INACTIVE"


def test_threat_list_elsewhere_on_https_is_taken_as_readable(gd_sim):
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    set_id = gd.create_threat_intel_set(
        DetectorId=detector,
        Name="feed",
        Format="STIX",
        Location="https://intel.example.com/feed.xml",
        Activate=True,
    )["ThreatIntelSetId"]
    got = gd.get_threat_intel_set(DetectorId=detector, ThreatIntelSetId=set_id)
    assert (got["Status"], got["Format"]) == ("ACTIVE", "STIX")
