"""Real findings from public repositories ($GDH_SHARED_FINDINGS, never copied here) load
through the Python API and come back through GetFindings; the camelCase (EventBridge / S3
export) form of a finding reads back exactly like its boto3 PascalCase form."""

import json
from datetime import datetime
from pathlib import Path

from guardduty_hub.simulator.findings import load_findings
from tests.fixtures.shared_findings import json_lines
from tests.simulator.conftest import ADMIN
from tests.simulator.findings_support import REGION


def normal(value):
    """Comparable form: dates (datetimes or ISO strings) as epoch ms, numbers as floats."""
    if isinstance(value, dict):
        return {k: normal(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [normal(v) for v in value]
    if isinstance(value, datetime):
        return round(value.timestamp() * 1000)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str) and value[:4].isdigit() and value[4:5] == "-":
        try:
            return round(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() * 1000)
        except ValueError:
            return value
    return value


def read_back(gd, detector, raw: dict) -> dict:
    [finding_id] = load_findings(ADMIN, REGION, [raw])
    found = gd.get_findings(DetectorId=detector, FindingIds=[finding_id])["Findings"]
    assert len(found) == 1
    return found[0]


def test_every_getfindings_line_reads_back_unchanged(gd_sim, shared):
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    originals = json_lines(shared / "getfindings.jsonl")
    for number, original in enumerate(originals, start=1):
        got = read_back(gd, detector, original)
        assert normal(got) == normal(original), f"line {number} of getfindings.jsonl"
    assert len(originals) >= 150


def camel_file(raw_file: str, shared: Path) -> Path:
    # elastic__integrations__..._pipeline_test-guard_duty.log -> camelcase/elastic-...-guard_duty.log
    return shared / "camelcase" / ("elastic-integrations-" + raw_file.rsplit("pipeline_", 1)[1])


def test_camelcase_and_pascalcase_forms_read_back_the_same(gd_sim, shared):
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    pascal = json_lines(shared / "getfindings.jsonl")
    compared = 0
    cache: dict[Path, list[dict]] = {}
    for entry in json_lines(shared / "provenance.jsonl"):
        if not entry["raw_file"].startswith("elastic__"):
            continue
        path = camel_file(entry["raw_file"], shared)
        camel = cache.setdefault(path, json_lines(path))[entry["index"]]
        from_pascal = read_back(gd, detector, pascal[entry["line"] - 1])
        from_camel = read_back(gd, detector, camel)
        assert normal(from_camel) == normal(from_pascal), f"line {entry['line']}"
        compared += 1
    assert compared >= 100


def test_every_camelcase_file_loads(gd_sim, shared):
    gd, detector = gd_sim.guardduty(), gd_sim.detector()
    for path in sorted((shared / "camelcase").iterdir()):
        found = json_lines(path) if path.suffix == ".log" else [json.loads(path.read_text())]
        for raw in found:
            if raw.get("findings") == []:  # an export document without findings
                assert load_findings(ADMIN, REGION, [raw]) == []
                continue
            got = read_back(gd, detector, raw)
            detail = raw.get("detail", raw)
            assert got["Id"] == detail["id"] and got["Type"] == detail["type"], path.name
    # The EventBridge envelope's additionalInfo object became {Value: JSON, Type}.
    info = got["Service"]["AdditionalInfo"]
    assert info["Type"] == "default" and json.loads(info["Value"])["sample"] is True
