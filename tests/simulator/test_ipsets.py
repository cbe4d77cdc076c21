"""Trusted IP sets and threat intel sets: administrator only, members see the admin's."""

import pytest
from botocore.exceptions import ClientError

from tests.simulator.conftest import MEMBER, add_member


def test_ip_set_lifecycle_and_quota(gd_sim):
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    set_id = gd.create_ip_set(
        DetectorId=detector,
        Name="office",
        Format="TXT",
        Location="s3://bucket/office.txt",
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
