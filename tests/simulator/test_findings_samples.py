"""CreateSampleFindings: one realistic sample per type, flagged as AWS flags samples."""

import json

import pytest
from botocore.exceptions import ClientError

from guardduty_hub.simulator.findings import templates
from tests.simulator.findings_support import all_ids


def samples(gd, detector, types=None):
    gd.create_sample_findings(DetectorId=detector, **({"FindingTypes": types} if types else {}))
    ids = all_ids(gd, detector)
    found = []
    for start in range(0, len(ids), 50):
        found += gd.get_findings(DetectorId=detector, FindingIds=ids[start : start + 50])[
            "Findings"
        ]
    return found


def test_one_sample_per_requested_type(gd_sim):
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    wanted = ["Recon:EC2/PortProbeUnprotectedPort", "AttackSequence:S3/CompromisedData"]
    found = samples(gd, detector, wanted)
    assert sorted(f["Type"] for f in found) == sorted(wanted)
    for f in found:
        assert f["Title"].startswith("[SAMPLE] ")
        assert f["Service"]["AdditionalInfo"]["Type"] == "default"
        assert json.loads(f["Service"]["AdditionalInfo"]["Value"])["sample"] is True
        assert f["Service"]["DetectorId"] == detector
        assert f["Arn"].endswith(f":detector/{detector}/finding/{f['Id']}")
    sequence = next(f for f in found if f["Type"].startswith("AttackSequence"))
    assert sequence["Severity"] >= 9
    assert sequence["Service"]["Detection"]["Sequence"]["Signals"]


def test_every_known_type_when_none_is_given(gd_sim):
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    found = samples(gd, detector)
    assert sorted(f["Type"] for f in found) == sorted(t.name for t in templates.TYPES)
    assert len(found) >= 45


def test_a_sample_made_again_reoccurs(gd_sim):
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    first = samples(gd, detector, ["Policy:IAMUser/RootCredentialUsage"])[0]
    again = samples(gd, detector, ["Policy:IAMUser/RootCredentialUsage"])
    assert [f["Id"] for f in again] == [first["Id"]]
    assert again[0]["Service"]["Count"] == 2


def test_unknown_types_and_too_many_are_rejected(gd_sim):
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    for types in (["Nonsense:EC2/NoSuchThing"], ["Recon:EC2/Portscan"] * 51):
        with pytest.raises(ClientError) as caught:
            gd.create_sample_findings(DetectorId=detector, FindingTypes=types)
        assert caught.value.response["Error"]["Code"] == "BadRequestException"
