"""Indicator extraction on every finding type the simulator knows, in both casings."""

import random
from datetime import UTC, datetime

import pytest

from guardduty_hub.investigations.extract import indicators_of
from guardduty_hub.simulator.findings import finding_type as kinds
from guardduty_hub.simulator.findings import templates
from guardduty_hub.simulator.findings.convert import boto3_to_wire
from guardduty_hub.simulator.findings.generate import Origin, build_finding

BY_RESOURCE = {
    kinds.INSTANCE: {"instance"},
    kinds.RUNTIME_EC2: {"instance"},
    kinds.MALWARE_EC2: {"instance"},
    # (The principal too, where GuardDuty names its id: the root user's findings do not.)
    kinds.ACCESS_KEY: {"access_key"},
    kinds.S3: {"bucket", "access_key"},
    kinds.MALWARE_S3: {"bucket"},
    kinds.EKS: {"eks_cluster"},
    kinds.RUNTIME_EKS: {"eks_cluster", "instance"},
    kinds.SEQUENCE: {"principal", "access_key", "ip"},
}
BY_ACTION = {
    kinds.NET_OUT: {"ip"},
    kinds.NET_IN: {"ip"},
    kinds.PROBE: {"ip"},
    kinds.API: {"ip"},
    kinds.K8S: {"ip"},
    kinds.RDS_LOGIN: {"ip"},
    kinds.DNS: {"domain"},
}


def finding_of(ftype, seed=3):
    now = datetime.now(UTC)
    origin = Origin("111111111111", "eu-west-1", "d" * 32)
    return build_finding(ftype, origin, random.Random(seed), now)


@pytest.mark.parametrize("ftype", templates.TYPES, ids=lambda t: t.name)
def test_each_catalogue_type_gives_the_indicators_it_names(ftype):
    raw = finding_of(ftype)
    found = indicators_of(raw)
    expected = BY_RESOURCE.get(ftype.resource, set()) | BY_ACTION.get(ftype.action, set())
    if ftype.resource == kinds.SEQUENCE:
        target = raw["Service"]["Detection"]["Sequence"]["Resources"][0]["ResourceType"]
        expected.add({"S3_BUCKET": "bucket", "EKS_CLUSTER": "eks_cluster"}.get(target, "ip"))
    details = raw["Resource"].get("AccessKeyDetails", {})
    if details.get("PrincipalId"):
        expected.add("principal")
    assert expected <= {f.kind for f in found}
    # The wire casing (EventBridge, S3 export) names the same indicators.
    assert indicators_of(boto3_to_wire(raw)) == found


def test_an_attack_sequence_names_its_actor_target_and_endpoint():
    ftype = templates.BY_NAME["AttackSequence:EKS/CompromisedCluster"]
    raw = finding_of(ftype)
    sequence = raw["Service"]["Detection"]["Sequence"]
    # (The simulator's sequences all target an access key; GuardDuty's also name clusters.)
    sequence["Resources"].append(
        {
            "Uid": "arn:aws:eks:eu-west-1:111111111111:cluster/prod",
            "Name": "prod",
            "ResourceType": "EKS_CLUSTER",
        }
    )
    found = {(f.kind, f.value): f for f in indicators_of(raw)}
    user = sequence["Actors"][0]["User"]
    assert ("principal", user["Uid"]) in found
    assert found[("access_key", user["CredentialUid"])].label == user["Name"]
    assert found[("access_key", sequence["Resources"][0]["Uid"])]
    assert found[("eks_cluster", "arn:aws:eks:eu-west-1:111111111111:cluster/prod")].label == "prod"
    endpoint = sequence["Endpoints"][0]
    ip = found[("ip", endpoint["Ip"])]
    assert ip.asn == str(endpoint["AutonomousSystem"]["Number"])
    assert ip.country == endpoint["Location"]["Country"]


def test_nothing_to_find_in_odd_input():
    assert indicators_of(None) == []
    assert indicators_of({"Id": "x"}) == []
    odd = {"Service": {"Action": {"NetworkConnectionAction": {"RemoteIpDetails": {
        "IpAddressV4": "not-an-ip"}}, "DnsRequestAction": {"Domain": "Example.COM."}}},
        "Resource": {"S3BucketDetails": "oops", "InstanceDetails": []}}  # fmt: skip
    assert [(f.kind, f.value) for f in indicators_of(odd)] == [("domain", "example.com")]
