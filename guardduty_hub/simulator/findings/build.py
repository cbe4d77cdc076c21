"""Assemble the Resource, the Service.Action and the extra Service blocks of one finding type.

Returns boto3 PascalCase pieces plus the words that fill the type's title and description.
Runtime, malware and attack-sequence blocks are in build_extra.py.
"""

import random
from datetime import datetime
from typing import Any

from guardduty_hub.simulator.findings import actions, build_extra, resources
from guardduty_hub.simulator.findings import finding_type as t
from guardduty_hub.simulator.findings.pieces import Pieces


def _remote_ip(action: dict[str, Any] | None) -> str:
    if not action:
        return ""
    for block in action.values():
        if not isinstance(block, dict):
            continue
        details = block.get("RemoteIpDetails")
        if details:
            return details["IpAddressV4"]
        probes = block.get("PortProbeDetails")
        if probes:
            return probes[0]["RemoteIpDetails"]["IpAddressV4"]
    return ""


def build(
    ftype: t.FindingType, account_id: str, region: str, rng: random.Random, when: datetime
) -> Pieces:
    fleet = resources.fleet(account_id, region)
    builder = _BUILDERS.get(ftype.resource, _instance)
    pieces = builder(ftype, fleet, rng, when)
    pieces.words.setdefault("ip", _remote_ip(pieces.action))
    pieces.words.setdefault("threat_list", ftype.threat_list or "")
    return pieces


def _pick_instance(ftype: t.FindingType, fleet: resources.Fleet, rng: random.Random) -> dict:
    if ftype.hints.get("windows"):
        return next(i for i in fleet.instances if i["windows"])
    return rng.choice([i for i in fleet.instances if not i["windows"]])


def _instance(ftype, fleet, rng, when) -> Pieces:
    inst = _pick_instance(ftype, fleet, rng)
    hints = ftype.hints
    if ftype.action == t.DNS:
        action = actions.dns_request(rng, hints.get("domain", "c2"))
    elif ftype.action == t.PROBE:
        action = actions.port_probe(rng, inst["ip"], hints.get("port", 22))
    else:
        action = actions.network_connection(
            rng,
            inst["ip"],
            hints.get("port", 443),
            ftype.action == t.NET_IN,
            hints.get("tor", False),
        )
    words = {"instance": inst["id"], "port": str(hints.get("port", ""))}
    if action["ActionType"] == "DNS_REQUEST":
        words["domain"] = action["DnsRequestAction"]["Domain"]
    resource = {
        "ResourceType": "Instance",
        "InstanceDetails": resources.instance_details(fleet, inst),
    }
    return Pieces(resource, action, words=words)


def _principal(ftype, fleet, rng) -> dict[str, str]:
    if ftype.hints.get("role"):
        return next(p for p in fleet.principals if p["type"] == "AssumedRole")
    return rng.choice(fleet.principals)


def _api_action(ftype, rng) -> dict[str, Any]:
    hints = ftype.hints
    agent = actions.KALI_AGENT if hints.get("agent") == "kali" else None
    return actions.api_call(
        rng,
        hints.get("api", "ListBuckets"),
        hints.get("service", "s3.amazonaws.com"),
        agent,
        hints.get("tor", False),
    )


def _access_key(ftype, fleet, rng, when) -> Pieces:
    principal = _principal(ftype, fleet, rng)
    root = bool(ftype.hints.get("root"))
    resource = {
        "ResourceType": "AccessKey",
        "AccessKeyDetails": resources.access_key_details(principal, root),
    }
    action = _api_action(ftype, rng)
    words = {
        "user": "Root" if root else principal["user"],
        "api": ftype.hints.get("api", ""),
        "trail": f"management-events-{fleet.account_id[-4:]}",
    }
    return Pieces(resource, action, words=words)


def _s3(ftype, fleet, rng, when) -> Pieces:
    principal = _principal(ftype, fleet, rng)
    bucket = rng.choice(fleet.buckets)
    resource = {
        "ResourceType": "S3Bucket",
        "AccessKeyDetails": resources.access_key_details(principal),
        "S3BucketDetails": [
            resources.bucket_details(fleet, bucket, ftype.hints.get("public", False))
        ],
    }
    words = {"user": principal["user"], "bucket": bucket, "api": ftype.hints.get("api", "")}
    return Pieces(resource, _api_action(ftype, rng), words=words)


def _eks(ftype, fleet, rng, when) -> Pieces:
    hints = ftype.hints
    cluster = rng.choice(fleet.clusters)
    namespace = hints.get("namespace", rng.choice(("default", "payments", "ingest")))
    pod = f"{rng.choice(resources.APPS)}-{resources.hexs(rng, 10)}-{resources.hexs(rng, 5)}"
    user = (
        "system:anonymous"
        if hints.get("anonymous")
        else f"arn:aws:sts::{fleet.account_id}:assumed-role/eks-admin/{rng.choice(resources.PEOPLE)}"
    )
    resource = {
        "ResourceType": "EKSCluster",
        "EksClusterDetails": resources.eks_details(fleet, cluster),
        "KubernetesDetails": {
            "KubernetesUserDetails": {
                "Username": user,
                "Uid": ""
                if hints.get("anonymous")
                else f"aws-iam-authenticator:{fleet.account_id}:AROA{resources.upper(rng, 17)}",
                "Groups": ["system:unauthenticated"]
                if hints.get("anonymous")
                else ["system:authenticated", "system:masters"],
            },
            "KubernetesWorkloadDetails": resources.workload(
                rng, pod, namespace, hints.get("privileged", False), hints.get("mount")
            ),
        },
    }
    action = actions.kubernetes_call(
        rng,
        hints.get("verb", "get"),
        hints.get("resource", "pods"),
        namespace,
        pod,
        hints.get("subresource"),
    )
    words = {"cluster": cluster, "namespace": namespace, "pod": pod, "k8s_user": user}
    return Pieces(resource, action, words=words)


def _rds(ftype, fleet, rng, when) -> Pieces:
    db = rng.choice(fleet.databases)
    user = rng.choice(("app_rw", "reporting", "postgres", "admin"))
    details = resources.rds_details(fleet, db)
    resource = {
        "ResourceType": "RDSDBInstance",
        "RdsDbInstanceDetails": details,
        "RdsDbUserDetails": {
            "User": user,
            "Application": "psql",
            "Database": db.split("-")[0],
            "Ssl": "on",
            "AuthMethod": "PASSWORD",
        },
    }
    action = actions.rds_login(
        rng, user, ftype.hints.get("success", 1), ftype.hints.get("failed", 0)
    )
    return Pieces(resource, action, words={"db": details["DbInstanceIdentifier"], "db_user": user})


def _lambda(ftype, fleet, rng, when) -> Pieces:
    name = rng.choice(fleet.functions)
    inst = fleet.instances[0]
    resource = {
        "ResourceType": "Lambda",
        "LambdaDetails": resources.lambda_details(fleet, name, inst),
    }
    action = actions.network_connection(rng, "10.0.42.17", ftype.hints.get("port", 443), False)
    return Pieces(resource, action, words={"function": name})


_BUILDERS = {
    t.INSTANCE: _instance,
    t.ACCESS_KEY: _access_key,
    t.S3: _s3,
    t.EKS: _eks,
    t.RDS: _rds,
    t.LAMBDA: _lambda,
    t.RUNTIME_EC2: build_extra.runtime_ec2,
    t.RUNTIME_EKS: build_extra.runtime_eks,
    t.RUNTIME_ECS: build_extra.runtime_ecs,
    t.MALWARE_EC2: build_extra.malware_ec2,
    t.MALWARE_S3: build_extra.malware_s3,
    t.SEQUENCE: build_extra.attack_sequence,
}
