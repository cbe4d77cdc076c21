"""What GuardDuty refuses with a 400 rather than answering empty: an unknown criterion field,
a sort order other than ASC/DESC, an empty DetectorId (a JSON error, not moto's 404)."""

import pytest
from botocore.config import Config

from tests.simulator.conftest import refused

OUT_OF_RANGE = "invalid or out-of-range value"


@pytest.mark.parametrize("field", ["service.nonsense", "Severity", "resource.instanceId"])
def test_criteria_field_guardduty_does_not_accept(gd_sim, field):
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    criteria = {"Criterion": {field: {"Equals": ["x"]}}}
    assert OUT_OF_RANGE in refused(gd.list_findings, DetectorId=detector, FindingCriteria=criteria)
    message = refused(
        gd.get_findings_statistics, DetectorId=detector, GroupBy="ACCOUNT", FindingCriteria=criteria
    )
    assert OUT_OF_RANGE in message


def test_documented_criteria_fields_are_accepted(gd_sim):
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    criteria = {
        "Criterion": {
            "service.action.networkConnectionAction.remoteIpDetails.ipAddressV4": {
                "Equals": ["198.51.100.7"]
            },
            "resource.instanceDetails.instanceId": {"Equals": ["i-1"]},
            "service.archived": {"Equals": ["false"]},
        }
    }
    assert gd.list_findings(DetectorId=detector, FindingCriteria=criteria)["FindingIds"] == []


@pytest.mark.parametrize("order", ["asc", "UP", ""])
def test_sort_order_outside_asc_desc_is_refused(gd_sim, order):
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    sort = {"AttributeName": "updatedAt", "OrderBy": order}
    assert "orderBy" in refused(gd.list_findings, DetectorId=detector, SortCriteria=sort)


@pytest.mark.parametrize(
    ("operation", "kwargs"),
    [
        ("get_detector", {}),
        ("list_members", {}),
        ("list_filters", {}),
        ("list_findings", {}),
        ("get_member_detectors", {"AccountIds": ["111122223333"]}),
        ("get_filter", {"FilterName": "x"}),
    ],
)
def test_empty_detector_id_answers_a_json_error(gd_sim, operation, kwargs):
    # botocore refuses an empty label itself; a client without its checks sends `/detector//..`.
    gd = gd_sim.guardduty(config=Config(parameter_validation=False))
    message = refused(getattr(gd, operation), DetectorId="", **kwargs)
    assert (
        message == "The request is rejected because the parameter detectorId has an invalid value."
    )


def test_empty_filter_name_names_that_parameter(gd_sim):
    gd = gd_sim.guardduty(config=Config(parameter_validation=False))
    message = refused(gd.get_filter, DetectorId=gd_sim.detector(), FilterName="")
    assert "filterName" in message
