"""Builders for Runtime Monitoring, Malware Protection and attack-sequence findings."""

import hashlib
import random
import uuid
from datetime import datetime, timedelta
from typing import Any

from guardduty_hub.simulator.findings import actions, resources
from guardduty_hub.simulator.findings import finding_type as t
from guardduty_hub.simulator.findings.pieces import Pieces


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128)))


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _process(ftype: t.FindingType, rng: random.Random, when: datetime) -> dict[str, Any]:
    name, path = ftype.hints.get("process", "sh"), ftype.hints.get("path", "/bin/sh")
    parent = _uuid(rng)
    return {
        "Name": name,
        "ExecutablePath": path,
        "ExecutableSha256": _sha256(path + name),
        "NamespacePid": rng.randint(10, 400),
        "Pwd": path.rsplit("/", 1)[0] or "/",
        "Pid": rng.randint(1000, 65000),
        "StartTime": when - timedelta(seconds=rng.randint(5, 600)),
        "Uuid": _uuid(rng),
        "ParentUuid": parent,
        "User": "root",
        "UserId": 0,
        "Euid": 0,
        "Lineage": [
            {
                "StartTime": when - timedelta(hours=2),
                "NamespacePid": 1,
                "UserId": 0,
                "Name": "containerd-shim",
                "Pid": rng.randint(100, 999),
                "Uuid": parent,
                "ExecutablePath": "/usr/bin/containerd-shim-runc-v2",
                "Euid": 0,
            }
        ],
    }


def _runtime(ftype: t.FindingType, rng: random.Random, when: datetime) -> dict[str, Any]:
    context: dict[str, Any] = {}
    if "Docker" in ftype.name:
        context["SocketPath"] = "/var/run/docker.sock"
    if "ProcessInjection" in ftype.name:
        context["TargetProcess"] = {
            "Name": "sshd",
            "ExecutablePath": "/usr/sbin/sshd",
            "Pid": rng.randint(400, 900),
        }
        context["MemoryRegions"] = ["/proc/1/mem"]
    if "ReverseShell" in ftype.name:
        context["AddressFamily"] = "AF_INET"
        context["IanaProtocolNumber"] = 6
    details: dict[str, Any] = {"Process": _process(ftype, rng, when)}
    if context:
        details["Context"] = context
    return {"RuntimeDetails": details}


def _container(rng: random.Random, name: str) -> dict[str, Any]:
    return {
        "ContainerRuntime": "containerd",
        "Id": resources.hexs(rng, 64),
        "Name": name,
        "Image": f"{rng.randint(100000000000, 999999999999)}.dkr.ecr.amazonaws.com/{name}:v3",
        "ImagePrefix": "ecr",
    }


def _words(ftype: t.FindingType, rng: random.Random) -> dict[str, str]:
    words = {"process": ftype.hints.get("process", ""), "path": ftype.hints.get("path", "")}
    if "domain" in ftype.hints:
        words["domain"] = rng.choice(actions.DOMAINS[ftype.hints["domain"]])
    if "ReverseShell" in ftype.name:
        words["ip"] = actions.remote(rng)["IpAddressV4"]
    return words


def runtime_ec2(ftype, fleet, rng, when) -> Pieces:
    inst = rng.choice([i for i in fleet.instances if not i["windows"]])
    resource = {
        "ResourceType": "Instance",
        "InstanceDetails": resources.instance_details(fleet, inst),
    }
    words = {**_words(ftype, rng), "instance": inst["id"]}
    return Pieces(resource, None, _runtime(ftype, rng, when), words)


def runtime_eks(ftype, fleet, rng, when) -> Pieces:
    cluster = rng.choice(fleet.clusters)
    pod = f"{rng.choice(resources.APPS)}-{resources.hexs(rng, 10)}-{resources.hexs(rng, 5)}"
    node = rng.choice(fleet.instances)
    resource = {
        "ResourceType": "EKSCluster",
        "EksClusterDetails": resources.eks_details(fleet, cluster),
        "KubernetesDetails": {"KubernetesWorkloadDetails": resources.workload(rng, pod, "default")},
        "ContainerDetails": _container(rng, pod.split("-")[0]),
        "InstanceDetails": resources.instance_details(fleet, node),
    }
    return Pieces(
        resource, None, _runtime(ftype, rng, when), {**_words(ftype, rng), "cluster": cluster}
    )


def runtime_ecs(ftype, fleet, rng, when) -> Pieces:
    name = f"{fleet.clusters[0].split('-')[0]}-ecs"
    arn = f"arn:aws:ecs:{fleet.region}:{fleet.account_id}"
    task_id = resources.hexs(rng, 32)
    app = rng.choice(resources.APPS)
    resource = {
        "ResourceType": "ECSCluster",
        "EcsClusterDetails": {
            "Name": name,
            "Arn": f"{arn}:cluster/{name}",
            "Status": "ACTIVE",
            "ActiveServicesCount": 6,
            "RegisteredContainerInstancesCount": 0,
            "RunningTasksCount": 14,
            "Tags": resources.tags(Environment="production"),
            "TaskDetails": {
                "Arn": f"{arn}:task/{name}/{task_id}",
                "DefinitionArn": f"{arn}:task-definition/{app}:42",
                "Version": "42",
                "TaskCreatedAt": when - timedelta(hours=6),
                "StartedAt": when - timedelta(hours=6, minutes=-1),
                "StartedBy": f"ecs-svc/{rng.randint(10**18, 10**19 - 1)}",
                "Containers": [{"Name": app, "Image": f"{app}:v42"}],
                "LaunchType": "FARGATE",
                "Group": f"service:{app}",
            },
        },
        "ContainerDetails": _container(rng, app),
    }
    words = {**_words(ftype, rng), "ecs_cluster": name, "task": task_id}
    return Pieces(resource, None, _runtime(ftype, rng, when), words)


def malware_ec2(ftype, fleet, rng, when) -> Pieces:
    inst = rng.choice([i for i in fleet.instances if not i["windows"]])
    volume = f"arn:aws:ec2:{fleet.region}:{fleet.account_id}:volume/vol-0{resources.hexs(rng, 16)}"
    path, threat = ftype.hints["path"], ftype.hints["threat"]
    digest = _sha256(threat + path)
    resource = {
        "ResourceType": "Instance",
        "InstanceDetails": resources.instance_details(fleet, inst),
        "EbsVolumeDetails": {
            "ScannedVolumeDetails": [
                {
                    "VolumeArn": volume,
                    "VolumeType": "gp3",
                    "DeviceName": "/dev/xvda",
                    "VolumeSizeInGB": 30,
                    "EncryptionType": "UNENCRYPTED",
                    "SnapshotArn": f"arn:aws:ec2:{fleet.region}::snapshot/snap-0{resources.hexs(rng, 16)}",
                }
            ]
        },
    }
    scan = {
        "ScanId": resources.hexs(rng, 32),
        "ScanStartedAt": when - timedelta(minutes=9),
        "ScanCompletedAt": when - timedelta(minutes=2),
        "TriggerFindingId": resources.hexs(rng, 32),
        "Sources": ["Amazon", "Bitdefender"],
        "ScanType": "GUARDDUTY_INITIATED",
        "ScanDetections": {
            "ScannedItemCount": {"TotalGb": 11, "Files": 48213, "Volumes": 1},
            "ThreatsDetectedItemCount": {"Files": 1},
            "HighestSeverityThreatDetails": {"Severity": "HIGH", "ThreatName": threat, "Count": 1},
            "ThreatDetectedByName": {
                "ItemCount": 1,
                "UniqueThreatNameCount": 1,
                "Shortened": False,
                "ThreatNames": [
                    {
                        "Name": threat,
                        "Severity": "HIGH",
                        "ItemCount": 1,
                        "FilePaths": [
                            {
                                "FilePath": path,
                                "VolumeArn": volume,
                                "Hash": digest,
                                "FileName": path.rsplit("/", 1)[-1],
                            }
                        ],
                    }
                ],
            },
        },
    }
    words = {"instance": inst["id"], "threat": threat, "path": path}
    return Pieces(resource, None, {"EbsVolumeScanDetails": scan}, words)


def malware_s3(ftype, fleet, rng, when) -> Pieces:
    bucket = rng.choice(fleet.buckets)
    key, threat = ftype.hints["key"], ftype.hints["threat"]
    digest = _sha256(key + threat)
    details = resources.bucket_details(fleet, bucket)
    details["S3ObjectDetails"] = [
        {
            "ObjectArn": f"arn:aws:s3:::{bucket}/{key}",
            "Key": key,
            "ETag": resources.hexs(rng, 32),
            "Hash": digest,
            "VersionId": resources.upper(rng, 32, resources.string.ascii_letters),
        }
    ]
    resource = {"ResourceType": "S3Object", "S3BucketDetails": [details]}
    scan = {
        "ScanId": resources.hexs(rng, 32),
        "ScanType": "GUARDDUTY_INITIATED",
        "UniqueThreatCount": 1,
        "Threats": [
            {
                "Name": threat,
                "Source": "Amazon",
                "Count": 1,
                "Hash": digest,
                "ItemPaths": [{"NestedItemPath": key, "Hash": digest}],
            }
        ],
    }
    return Pieces(
        resource,
        None,
        {"MalwareScanDetails": scan},
        {"bucket": bucket, "key": key, "threat": threat},
    )


def attack_sequence(ftype, fleet, rng, when) -> Pieces:
    principal = rng.choice(fleet.principals[:6])
    endpoint = actions.remote(rng)
    bucket, cluster = rng.choice(fleet.buckets), rng.choice(fleet.clusters)
    actor_id, endpoint_id = f"actor-{resources.hexs(rng, 8)}", f"endpoint-{resources.hexs(rng, 8)}"
    if "/S3" in ftype.name:
        target = {
            "Uid": f"arn:aws:s3:::{bucket}",
            "Name": bucket,
            "ResourceType": "S3_BUCKET",
            "Service": "s3",
        }
    elif "/EKS" in ftype.name:
        target = {
            "Uid": f"arn:aws:eks:{fleet.region}:{fleet.account_id}:cluster/{cluster}",
            "Name": cluster,
            "ResourceType": "EKS_CLUSTER",
            "Service": "eks",
        }
    else:
        target = {
            "Uid": principal["key"],
            "Name": principal["key"],
            "ResourceType": "ACCESS_KEY",
            "Service": "iam",
        }
    target.update(AccountId=fleet.account_id, Region=fleet.region, CloudPartition="aws")
    signals = []
    for n, name in enumerate(ftype.hints["signals"]):
        seen = when - timedelta(hours=6 - 2 * n)
        signals.append(
            {
                "Uid": f"arn:aws:guardduty:{fleet.region}:{fleet.account_id}:detector/"
                f"{resources.hexs(rng, 32)}/finding/{resources.hexs(rng, 32)}",
                "Type": "FINDING",
                "Name": name,
                "Description": f"{name} observed in the account.",
                "CreatedAt": seen,
                "UpdatedAt": seen + timedelta(minutes=30),
                "FirstSeenAt": seen,
                "LastSeenAt": seen + timedelta(minutes=25),
                "Severity": float(5 + n),
                "Count": rng.randint(1, 12),
                "ResourceUids": [target["Uid"]],
                "ActorIds": [actor_id],
                "EndpointIds": [endpoint_id],
            }
        )
    sequence = {
        "Uid": resources.hexs(rng, 32),
        "Description": ftype.description.split(":")[0],
        "Actors": [
            {
                "Id": actor_id,
                "User": {
                    "Name": principal["user"],
                    "Uid": principal["pid"],
                    "Type": principal["type"],
                    "CredentialUid": principal["key"],
                    "Account": {"Uid": fleet.account_id},
                },
            }
        ],
        "Resources": [target],
        "Endpoints": [
            {
                "Id": endpoint_id,
                "Ip": endpoint["IpAddressV4"],
                "Location": {
                    "City": endpoint["City"]["CityName"],
                    "Country": endpoint["Country"]["CountryName"],
                    "Latitude": endpoint["GeoLocation"]["Lat"],
                    "Longitude": endpoint["GeoLocation"]["Lon"],
                },
                "AutonomousSystem": {
                    "Name": endpoint["Organization"]["AsnOrg"],
                    "Number": int(endpoint["Organization"]["Asn"]),
                },
            }
        ],
        "Signals": signals,
        "SequenceIndicators": [
            {
                "Key": "ATTACK_TACTIC",
                "Title": "Attack tactics",
                "Values": ["Discovery", "Persistence", "Impact"],
            },
            {
                "Key": "HIGH_RISK_API",
                "Title": "High risk APIs",
                "Values": ["StopLogging", "DeleteObjects"],
            },
        ],
    }
    words = {
        "user": principal["user"],
        "ip": endpoint["IpAddressV4"],
        "bucket": bucket,
        "cluster": cluster,
    }
    return Pieces(
        {"ResourceType": "AttackSequence"}, None, {"Detection": {"Sequence": sequence}}, words
    )
