"""The mapper on real findings from public repositories ($GDH_SHARED_FINDINGS, never copied here).

Each finding must map (a robust ingester stores every one and shows what it can), and the 109
camelCase findings of the elastic files must give exactly what their PascalCase twins in
getfindings.jsonl give (matched by Id).
"""

import json
from dataclasses import replace

from guardduty_hub.findings.mapping import finding_from_guardduty
from tests.fixtures.shared_findings import json_lines

ELASTIC_FILES = (
    "camelcase/elastic-integrations-test-guard_duty.log",
    "camelcase/elastic-integrations-test-guardduty.log",
)


def test_every_boto3_finding_maps(shared):
    rows = json_lines(shared / "getfindings.jsonl")
    provenance = json_lines(shared / "provenance.jsonl")
    assert len(rows) == len(provenance) == 152
    for row, origin in zip(rows, provenance, strict=True):
        values = finding_from_guardduty(row)
        assert values.guardduty_id == row["Id"]
        assert values.type == row["Type"][:128]
        assert values.severity == float(row["Severity"])
        assert values.updated_at is not None
        # Sample detection agrees with the provenance notes of every line.
        assert values.is_sample == ("sample" in origin["flags"]), origin["line"]
        assert values.raw is row
    kinds = {finding_from_guardduty(r).resource_type for r in rows}
    assert {"Instance", "AccessKey", "EKSCluster", "S3Bucket", "RDSDBInstance"} <= kinds


def test_resource_identifiers_exist_where_the_finding_names_a_resource(shared):
    rows = json_lines(shared / "getfindings.jsonl")
    without = [
        r["Id"]
        for r in rows
        if (v := finding_from_guardduty(r)).resource_type not in ("", "AttackSequence")
        and not v.resource_id
    ]
    assert without == []


def test_camelcase_twins_map_identically(shared):
    by_id = {}
    for row in json_lines(shared / "getfindings.jsonl"):
        by_id.setdefault(row["Id"], []).append(row)
    twins = [r for name in ELASTIC_FILES for r in json_lines(shared / name) if "id" in r]
    assert len(twins) == 109
    for wire in twins:
        (pascal,) = by_id[wire["id"]]
        wire_values = replace(finding_from_guardduty(wire), raw={})
        pascal_values = replace(finding_from_guardduty(pascal), raw={})
        assert wire_values == pascal_values, wire["id"]


def test_other_camelcase_files_and_the_cli_output_map(shared):
    for path in sorted((shared / "camelcase").glob("*.json")):
        envelope = json.loads(path.read_text())
        values = finding_from_guardduty(envelope)
        assert values.guardduty_id == envelope["detail"]["id"]
        assert values.resource_id
    cli = json.loads((shared / "leveret-get-findings-output.json").read_text())
    findings = cli.get("Findings", [cli]) if isinstance(cli, dict) else cli
    for finding in findings:
        assert finding_from_guardduty(finding).guardduty_id == finding["Id"]
