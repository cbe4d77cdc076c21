"""Indicator extraction on real findings ($GDH_SHARED_FINDINGS): every remote IP, access key,
principal, instance, bucket, EKS cluster and domain a finding names, in both casings."""

from guardduty_hub.findings.mapping import unwrap_event
from guardduty_hub.investigations.extract import Found, indicators_of
from tests.fixtures.shared_findings import json_lines

ELASTIC_FILES = (
    "camelcase/elastic-integrations-test-guard_duty.log",
    "camelcase/elastic-integrations-test-guardduty.log",
)


def kinds(found: list[Found]) -> dict[str, set[str]]:
    by_kind: dict[str, set[str]] = {}
    for item in found:
        by_kind.setdefault(item.kind, set()).add(item.value)
    return by_kind


def test_every_remote_ip_is_an_indicator_with_what_guardduty_says_of_it(shared):
    rows = json_lines(shared / "getfindings.jsonl")
    checked = 0
    for row in rows:
        action = (row.get("Service") or {}).get("Action") or {}
        remotes = [
            block["RemoteIpDetails"]
            for block in action.values()
            if isinstance(block, dict) and "RemoteIpDetails" in block
        ] + [
            probe["RemoteIpDetails"]
            for probe in action.get("PortProbeAction", {}).get("PortProbeDetails", [])
        ]
        ips = {f.value: f for f in indicators_of(row) if f.kind == "ip"}
        for remote in remotes:
            ip = remote.get("IpAddressV4") or remote.get("IpAddressV6")
            if not ip or "${" in ip:
                continue
            found = ips[ip.lower()] if ":" in ip else ips[ip]
            organisation = remote.get("Organization") or {}
            if organisation.get("Asn"):
                assert found.asn == organisation["Asn"]
                assert found.org == organisation["AsnOrg"]
            if remote.get("Country", {}).get("CountryName"):
                assert found.country == remote["Country"]["CountryName"]
            checked += 1
    assert checked > 100  # network connections, probes, API and Kubernetes calls, RDS logins


def test_resources_give_their_indicators(shared):
    rows = json_lines(shared / "getfindings.jsonl")
    for row in rows:
        resource = row.get("Resource") or {}
        found = kinds(indicators_of(row))
        key = resource.get("AccessKeyDetails") or {}
        if key.get("AccessKeyId") and "${" not in key["AccessKeyId"]:
            assert key["AccessKeyId"] in found["access_key"], row["Id"]
            if "${" not in key.get("PrincipalId", "${"):
                assert key["PrincipalId"] in found["principal"], row["Id"]
        instance = (resource.get("InstanceDetails") or {}).get("InstanceId")
        if instance and "${" not in instance:
            assert instance in found["instance"], row["Id"]
        for bucket in resource.get("S3BucketDetails") or []:
            if "${" not in bucket.get("Name", "${"):
                assert bucket["Name"] in found["bucket"], row["Id"]
        cluster = resource.get("EksClusterDetails")
        if cluster:
            assert cluster["Arn"] in found["eks_cluster"], row["Id"]
    every = {f.kind for row in rows for f in indicators_of(row)}
    assert every == {"ip", "access_key", "principal", "instance", "bucket", "eks_cluster", "domain"}


def test_dns_and_api_call_domains_are_indicators_in_lower_case(shared):
    rows = json_lines(shared / "getfindings.jsonl")
    dns = [r for r in rows if "DnsRequestAction" in (r.get("Service", {}).get("Action") or {})]
    assert dns
    for row in dns:
        domain = row["Service"]["Action"]["DnsRequestAction"]["Domain"]
        if "${" not in domain:
            assert domain.lower().rstrip(".") in kinds(indicators_of(row))["domain"]


def test_template_placeholders_are_not_indicators(shared):
    rows = json_lines(shared / "getfindings.jsonl")
    values = [f.value for row in rows for f in indicators_of(row)]
    assert values and not [v for v in values if "${" in v]


def test_camelcase_twins_give_the_same_indicators(shared):
    by_id = {row["Id"]: row for row in json_lines(shared / "getfindings.jsonl")}
    twins = [r for name in ELASTIC_FILES for r in json_lines(shared / name) if "id" in r]
    assert len(twins) == 109
    for wire in twins:
        assert indicators_of(wire) == indicators_of(by_id[wire["id"]]), wire["id"]
    for path in sorted((shared / "camelcase").glob("*.json")):
        import json

        finding = unwrap_event(json.loads(path.read_text()))
        assert indicators_of(finding), path.name


def test_one_indicator_once_per_finding(shared):
    for row in json_lines(shared / "getfindings.jsonl"):
        found = indicators_of(row)
        assert len({(f.kind, f.value) for f in found}) == len(found)
