"""Filters (suppression rules): lifecycle, rank as position, AWS's checks, admin-only changes."""

import pytest
from botocore.exceptions import ClientError

from guardduty_hub.simulator.findings import load_findings
from guardduty_hub.simulator.handlers.filters import DUPLICATE, MAX_FILTERS, NOT_FOUND
from tests.simulator.conftest import MEMBER, add_member
from tests.simulator.findings_support import REGION, all_ids, finding

NOISY = {"Criterion": {"type": {"Equals": ["Recon:EC2/PortProbeUnprotectedPort"]}}}


def names(gd, detector):
    pages = gd.get_paginator("list_filters").paginate(
        DetectorId=detector, PaginationConfig={"PageSize": 2}
    )
    return [name for page in pages for name in page["FilterNames"]]


def create(gd, detector, name, **kw):
    kw.setdefault("FindingCriteria", NOISY)
    return gd.create_filter(DetectorId=detector, Name=name, **kw)["Name"]


def error_of(call, *args, **kwargs):
    with pytest.raises(ClientError) as caught:
        call(*args, **kwargs)
    return caught.value.response["Error"]


def test_filter_lifecycle(gd_sim):
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    assert create(gd, detector, "port-probes", Action="ARCHIVE", Description="noise") == (
        "port-probes"
    )
    got = gd.get_filter(DetectorId=detector, FilterName="port-probes")
    assert (got["Action"], got["Rank"], got["Description"]) == ("ARCHIVE", 1, "noise")
    assert got["FindingCriteria"] == NOISY
    updated = gd.update_filter(
        DetectorId=detector,
        FilterName="port-probes",
        Action="NOOP",
        FindingCriteria={"Criterion": {"severity": {"LessThan": 4}}},
    )
    assert updated["Name"] == "port-probes"
    got = gd.get_filter(DetectorId=detector, FilterName="port-probes")
    assert (got["Action"], got["FindingCriteria"]["Criterion"]) == (
        "NOOP",
        {"severity": {"LessThan": 4}},
    )
    gd.delete_filter(DetectorId=detector, FilterName="port-probes")
    assert names(gd, detector) == []
    assert error_of(gd.get_filter, DetectorId=detector, FilterName="port-probes")["Message"] == (
        NOT_FOUND
    )
    assert error_of(gd.delete_filter, DetectorId=detector, FilterName="port-probes")


def test_filter_rank_is_a_position(gd_sim):
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    for name in ("aaa", "bbb", "ccc"):
        create(gd, detector, name)
    create(gd, detector, "first", Rank=1)
    create(gd, detector, "far", Rank=90)  # past the end: last
    assert names(gd, detector) == ["first", "aaa", "bbb", "ccc", "far"]
    gd.update_filter(DetectorId=detector, FilterName="ccc", Rank=2)
    assert names(gd, detector) == ["first", "ccc", "aaa", "bbb", "far"]
    gd.delete_filter(DetectorId=detector, FilterName="first")
    ranks = [gd.get_filter(DetectorId=detector, FilterName=n)["Rank"] for n in names(gd, detector)]
    assert ranks == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"Name": "n" * 65}, "name"),
        ({"Name": "has space"}, "name"),
        ({"Action": "DELETE"}, "action"),
        ({"Rank": 101}, "rank"),
        ({"Description": "x" * 513}, "description"),
        ({"FindingCriteria": {"Criterion": {}}}, "findingCriteria"),
        ({"FindingCriteria": {"Criterion": {"type": {"Matches": ["a"] * 6}}}}, "Matches"),
    ],
)
def test_filter_refuses_what_guardduty_refuses(gd_sim, changes, field):
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    params = {"Name": "valid-name", "FindingCriteria": NOISY, **changes}
    error = error_of(gd.create_filter, DetectorId=detector, **params)
    assert error["Code"] == "BadRequestException"
    assert field.lower() in error["Message"].lower()
    assert names(gd, detector) == []


def test_filter_criteria_field_guardduty_does_not_know_is_refused(gd_sim):
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    bad = {"Criterion": {"service.nonsense": {"Equals": ["x"]}}}
    error = error_of(gd.create_filter, DetectorId=detector, Name="bad", FindingCriteria=bad)
    assert "invalid or out-of-range" in error["Message"]
    create(gd, detector, "good")
    assert error_of(gd.update_filter, DetectorId=detector, FilterName="good", FindingCriteria=bad)
    assert gd.get_filter(DetectorId=detector, FilterName="good")["FindingCriteria"] == NOISY


def test_filter_names_unique_and_at_most_a_hundred(gd_sim):
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    create(gd, detector, "dup")
    assert error_of(create, gd, detector, "dup")["Message"] == DUPLICATE
    for n in range(MAX_FILTERS - 1):
        create(gd, detector, f"filter-{n:03d}")
    assert "100 filters" in error_of(create, gd, detector, "one-too-many")["Message"]


def test_filter_changes_are_for_the_administrator_only(gd_sim):
    add_member(gd_sim, MEMBER)
    gd, detector = gd_sim.guardduty(MEMBER), gd_sim.detector(MEMBER)
    assert error_of(create, gd, detector, "mine")["Code"] == "BadRequestException"
    assert names(gd, detector) == []


def test_filter_switched_to_noop_stops_suppressing(gd_sim):
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    create(gd, detector, "port-probes", Action="ARCHIVE")
    probe = "Recon:EC2/PortProbeUnprotectedPort"
    load_findings(gd_sim.admin_account, REGION, [finding("1", type_=probe)])
    gd.update_filter(DetectorId=detector, FilterName="port-probes", Action="NOOP")
    load_findings(gd_sim.admin_account, REGION, [finding("2", type_=probe)])
    archived = {"Criterion": {"service.archived": {"Equals": ["true"]}}}
    assert all_ids(gd, detector, FindingCriteria=archived) == ["1".rjust(32, "0")]
