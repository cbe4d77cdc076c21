"""UpdateMemberDetectors: the administrator sets its members' features (reference 2.2).

GetMemberDetectors (and the member's GetDetector) reflect them; the deprecated DataSources and
their Features names stay in step; non-members come back in UnprocessedAccounts; the runtime
pair together and over-long lists are 400s.
"""

import pytest
from botocore.exceptions import ClientError

from tests.simulator.conftest import MEMBER, OTHER, add_member


def _features(sim, account=MEMBER):
    result = sim.guardduty().get_member_detectors(DetectorId=sim.detector(), AccountIds=[account])
    (config,) = result["MemberDataSourceConfigurations"]
    return config, {f["Name"]: f for f in config["Features"]}


def test_features_set_by_the_administrator_show_in_get_member_detectors(gd_sim):
    add_member(gd_sim, MEMBER)
    gd = gd_sim.guardduty()
    result = gd.update_member_detectors(
        DetectorId=gd_sim.detector(),
        AccountIds=[MEMBER, OTHER],
        Features=[
            {"Name": "S3_DATA_EVENTS", "Status": "ENABLED"},
            {
                "Name": "RUNTIME_MONITORING",
                "Status": "ENABLED",
                "AdditionalConfiguration": [{"Name": "EKS_ADDON_MANAGEMENT", "Status": "ENABLED"}],
            },
        ],
    )
    assert [u["AccountId"] for u in result["UnprocessedAccounts"]] == [OTHER]
    assert "not a member" in result["UnprocessedAccounts"][0]["Result"]

    config, features = _features(gd_sim)
    assert features["S3_DATA_EVENTS"]["Status"] == "ENABLED"
    assert features["RUNTIME_MONITORING"]["AdditionalConfiguration"][0]["Name"] == (
        "EKS_ADDON_MANAGEMENT"
    )
    assert config["DataSources"]["S3Logs"]["Status"] == "ENABLED"
    own = gd_sim.guardduty(MEMBER).get_detector(DetectorId=gd_sim.detector(MEMBER))
    assert {f["Name"] for f in own["Features"]} >= {"S3_DATA_EVENTS", "RUNTIME_MONITORING"}

    # A later update changes the named feature only.
    gd.update_member_detectors(
        DetectorId=gd_sim.detector(),
        AccountIds=[MEMBER],
        Features=[{"Name": "S3_DATA_EVENTS", "Status": "DISABLED"}],
    )
    config, features = _features(gd_sim)
    assert features["S3_DATA_EVENTS"]["Status"] == "DISABLED"
    assert features["RUNTIME_MONITORING"]["Status"] == "ENABLED"
    assert config["DataSources"]["S3Logs"]["Status"] == "DISABLED"


def test_deprecated_data_sources_set_the_matching_features(gd_sim):
    add_member(gd_sim, MEMBER)
    gd_sim.guardduty().update_member_detectors(
        DetectorId=gd_sim.detector(),
        AccountIds=[MEMBER],
        DataSources={
            "Kubernetes": {"AuditLogs": {"Enable": True}},
            "MalwareProtection": {"ScanEc2InstanceWithFindings": {"EbsVolumes": True}},
        },
    )
    config, features = _features(gd_sim)
    assert features["EKS_AUDIT_LOGS"]["Status"] == "ENABLED"
    assert features["EBS_MALWARE_PROTECTION"]["Status"] == "ENABLED"
    assert config["DataSources"]["Kubernetes"]["AuditLogs"]["Status"] == "ENABLED"
    ebs = config["DataSources"]["MalwareProtection"]["ScanEc2InstanceWithFindings"]["EbsVolumes"]
    assert ebs["Status"] == "ENABLED"


def test_members_not_associated_are_unprocessed(gd_sim):
    add_member(gd_sim, MEMBER, invite=False)  # Created, not associated
    result = gd_sim.guardduty().update_member_detectors(
        DetectorId=gd_sim.detector(),
        AccountIds=[MEMBER],
        Features=[{"Name": "S3_DATA_EVENTS", "Status": "ENABLED"}],
    )
    assert [u["AccountId"] for u in result["UnprocessedAccounts"]] == [MEMBER]
    own = gd_sim.guardduty(MEMBER).get_detector(DetectorId=gd_sim.detector(MEMBER))
    assert "S3_DATA_EVENTS" not in {f["Name"] for f in own.get("Features", [])}


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        (
            {
                "Features": [
                    {"Name": "EKS_RUNTIME_MONITORING", "Status": "ENABLED"},
                    {"Name": "RUNTIME_MONITORING", "Status": "ENABLED"},
                ]
            },
            "EKS_RUNTIME_MONITORING and RUNTIME_MONITORING",
        ),
        ({"Features": [{"Name": "FLOW_LOGS", "Status": "ENABLED"}]}, "features"),
        ({"AccountIds": [f"{n:012d}" for n in range(51)]}, "Max allowed length is 50"),
    ],
)
def test_refused_requests_change_nothing(gd_sim, kwargs, fragment):
    add_member(gd_sim, MEMBER)
    request = {
        "DetectorId": gd_sim.detector(),
        "AccountIds": [MEMBER],
        "Features": [{"Name": "S3_DATA_EVENTS", "Status": "ENABLED"}],
        **kwargs,
    }
    with pytest.raises(ClientError) as caught:
        gd_sim.guardduty().update_member_detectors(**request)
    error = caught.value.response
    assert error["Error"]["Code"] == "BadRequestException"
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert fragment in error["Error"]["Message"]
    _, features = _features(gd_sim)
    assert "S3_DATA_EVENTS" not in features


def test_only_the_callers_own_detector(gd_sim):
    add_member(gd_sim, MEMBER)
    with pytest.raises(ClientError) as caught:
        gd_sim.guardduty().update_member_detectors(
            DetectorId=gd_sim.detector(MEMBER), AccountIds=[MEMBER], Features=[]
        )
    assert "not owned" in caught.value.response["Error"]["Message"]


def test_baseline_update_detector_merges_features_by_name(gd_sim):
    """UpdateDetector changes the features it names and keeps the others (AWS's merge)."""
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    gd.update_detector(
        DetectorId=detector,
        Features=[
            {"Name": "S3_DATA_EVENTS", "Status": "ENABLED"},
            {
                "Name": "RUNTIME_MONITORING",
                "Status": "ENABLED",
                "AdditionalConfiguration": [{"Name": "EC2_AGENT_MANAGEMENT", "Status": "ENABLED"}],
            },
        ],
    )
    gd.update_detector(
        DetectorId=detector, Features=[{"Name": "S3_DATA_EVENTS", "Status": "DISABLED"}]
    )
    features = {f["Name"]: f for f in gd.get_detector(DetectorId=detector)["Features"]}
    assert features["S3_DATA_EVENTS"]["Status"] == "DISABLED"
    assert features["RUNTIME_MONITORING"]["Status"] == "ENABLED"
    assert features["RUNTIME_MONITORING"]["AdditionalConfiguration"][0]["Status"] == "ENABLED"
    with pytest.raises(ClientError):
        gd.update_detector(DetectorId=detector, Features=[{"Name": "NOPE", "Status": "ENABLED"}])
