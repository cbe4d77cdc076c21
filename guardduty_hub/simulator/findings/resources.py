"""Real-looking AWS resources, in boto3 PascalCase, for generated findings.

Every (account, region) gets a small, stable fleet (instances with tags, IAM users and roles,
buckets, EKS clusters, RDS databases, Lambda functions, an ECS cluster), so the same instance
shows up in several findings as it would in a real account.
"""

import random
import string
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

APPS = ("checkout", "payments", "search", "billing", "reports", "auth", "ingest", "catalog")
ENVS = ("production", "staging", "dev")
TEAMS = ("platform", "data", "web", "security", "ml")
PEOPLE = ("alice.martin", "bob.nguyen", "carol.diaz", "dave.okafor", "erin.walsh", "frank.li")
INSTANCE_TYPES = ("t3.medium", "m5.large", "c6i.xlarge", "r6g.large", "t3a.small", "m7g.xlarge")


def hexs(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def upper(rng: random.Random, n: int, alphabet: str = string.ascii_uppercase + "234567") -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def tags(**pairs: str) -> list[dict[str, str]]:
    return [{"Key": k, "Value": v} for k, v in pairs.items()]


@dataclass(frozen=True)
class Fleet:
    account_id: str
    region: str
    instances: tuple[dict[str, Any], ...]
    principals: tuple[dict[str, str], ...]
    buckets: tuple[str, ...]
    clusters: tuple[str, ...]
    databases: tuple[str, ...]
    functions: tuple[str, ...]
    vpc_id: str
    created: datetime


@lru_cache(maxsize=512)
def fleet(account_id: str, region: str) -> Fleet:
    rng = random.Random(f"fleet/{account_id}/{region}")
    vpc = f"vpc-0{hexs(rng, 16)}"
    instances = []
    for n in range(10):
        app, env = APPS[n % len(APPS)], ENVS[n % len(ENVS)]
        instances.append(
            {
                "id": f"i-0{hexs(rng, 16)}",
                "name": f"{app}-{env}-{n + 1:02d}",
                "app": app,
                "env": env,
                "type": rng.choice(INSTANCE_TYPES),
                "ip": f"10.{rng.randint(0, 15)}.{rng.randint(0, 255)}.{rng.randint(4, 250)}",
                "public_ip": f"{rng.choice((3, 18, 34, 52, 54))}.{rng.randint(0, 255)}."
                f"{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                "eni": f"eni-0{hexs(rng, 16)}",
                "subnet": f"subnet-0{hexs(rng, 16)}",
                "sg": f"sg-0{hexs(rng, 16)}",
                "ami": f"ami-0{hexs(rng, 16)}",
                "profile": f"AIPA{upper(rng, 17)}",
                "windows": n == 7,
            }
        )
    principals = [
        {
            "user": p,
            "type": "IAMUser",
            "key": f"AKIA{upper(rng, 16)}",
            "pid": f"AIDA{upper(rng, 17)}",
        }
        for p in PEOPLE
    ]
    for role in ("ci-deployer", "data-pipeline", "break-glass-admin"):
        principals.append(
            {
                "user": role,
                "type": "AssumedRole",
                "key": f"ASIA{upper(rng, 16)}",
                "pid": f"AROA{upper(rng, 17)}:{rng.choice(PEOPLE)}",
            }
        )
    suffix = hexs(rng, 6)
    return Fleet(
        account_id=account_id,
        region=region,
        instances=tuple(instances),
        principals=tuple(principals),
        buckets=tuple(f"{app}-{kind}-{suffix}" for app in APPS[:4] for kind in ("data", "logs")),
        clusters=(f"{ENVS[0]}-eks-{suffix[:4]}", f"{ENVS[1]}-eks-{suffix[:4]}"),
        databases=(f"orders-db-{suffix[:4]}", f"ledger-db-{suffix[:4]}"),
        functions=("image-resizer", "invoice-mailer", "s3-event-router", "nightly-export"),
        vpc_id=vpc,
        created=datetime(2023, 3, 1, tzinfo=UTC) + timedelta(days=rng.randint(0, 400)),
    )


def instance_details(f: Fleet, inst: dict[str, Any]) -> dict[str, Any]:
    region = f.region
    octets = inst["public_ip"].replace(".", "-")
    private_dns = f"ip-{inst['ip'].replace('.', '-')}.{region}.compute.internal"
    details = {
        "AvailabilityZone": f"{region}{'abc'[len(inst['name']) % 3]}",
        "IamInstanceProfile": {
            "Arn": f"arn:aws:iam::{f.account_id}:instance-profile/{inst['app']}-{inst['env']}",
            "Id": inst["profile"],
        },
        "ImageDescription": "Windows Server 2022" if inst["windows"] else "Amazon Linux 2023 AMI",
        "ImageId": inst["ami"],
        "InstanceId": inst["id"],
        "InstanceState": "running",
        "InstanceType": inst["type"],
        "LaunchTime": (f.created + timedelta(days=17)).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "NetworkInterfaces": [
            {
                "Ipv6Addresses": [],
                "NetworkInterfaceId": inst["eni"],
                "PrivateDnsName": private_dns,
                "PrivateIpAddress": inst["ip"],
                "PrivateIpAddresses": [
                    {"PrivateDnsName": private_dns, "PrivateIpAddress": inst["ip"]}
                ],
                "PublicDnsName": f"ec2-{octets}.{region}.compute.amazonaws.com",
                "PublicIp": inst["public_ip"],
                "SecurityGroups": [
                    {"GroupId": inst["sg"], "GroupName": f"{inst['app']}-{inst['env']}"}
                ],
                "SubnetId": inst["subnet"],
                "VpcId": f.vpc_id,
            }
        ],
        "ProductCodes": [],
        "Tags": tags(
            Name=inst["name"],
            Environment=inst["env"],
            Application=inst["app"],
            Team=TEAMS[len(inst["name"]) % len(TEAMS)],
        ),
    }
    if inst["windows"]:
        details["Platform"] = "windows"
    return details


def access_key_details(p: dict[str, str], root: bool = False) -> dict[str, str]:
    if root:
        return {"AccessKeyId": p["key"], "PrincipalId": "", "UserName": "Root", "UserType": "Root"}
    return {
        "AccessKeyId": p["key"],
        "PrincipalId": p["pid"],
        "UserName": p["user"],
        "UserType": p["type"],
    }


def bucket_details(f: Fleet, name: str, public: bool = False) -> dict[str, Any]:
    block = {
        "IgnorePublicAcls": not public,
        "RestrictPublicBuckets": not public,
        "BlockPublicAcls": not public,
        "BlockPublicPolicy": not public,
    }
    return {
        "Arn": f"arn:aws:s3:::{name}",
        "Name": name,
        "Type": "Destination",
        "CreatedAt": f.created,
        "Owner": {"Id": hexs(random.Random(f.account_id), 64)},
        "Tags": tags(Application=name.split("-")[0], DataClassification="internal"),
        "DefaultServerSideEncryption": {
            "EncryptionType": "aws:kms",
            "KmsMasterKeyArn": f"arn:aws:kms:{f.region}:{f.account_id}:key/"
            f"{uuid.UUID(int=random.Random(name).getrandbits(128))}",
        },
        "PublicAccess": {
            "EffectivePermission": "PUBLIC" if public else "NOT_PUBLIC",
            "PermissionConfiguration": {
                "BucketLevelPermissions": {
                    "AccessControlList": {
                        "AllowsPublicReadAccess": False,
                        "AllowsPublicWriteAccess": False,
                    },
                    "BucketPolicy": {
                        "AllowsPublicReadAccess": public,
                        "AllowsPublicWriteAccess": False,
                    },
                    "BlockPublicAccess": block,
                },
                "AccountLevelPermissions": {"BlockPublicAccess": dict(block)},
            },
        },
    }


def eks_details(f: Fleet, cluster: str) -> dict[str, Any]:
    return {
        "Name": cluster,
        "Arn": f"arn:aws:eks:{f.region}:{f.account_id}:cluster/{cluster}",
        "VpcId": f.vpc_id,
        "Status": "ACTIVE",
        "Tags": tags(Environment=cluster.split("-")[0]),
        "CreatedAt": f.created,
    }


def workload(
    rng: random.Random,
    name: str,
    namespace: str,
    privileged: bool = False,
    mount: str | None = None,
) -> dict[str, Any]:
    container: dict[str, Any] = {
        "Name": name.split("-")[0],
        "Image": f"{rng.choice(('nginx:1.25', 'python:3.12-slim', 'alpine:3.19', 'busybox'))}",
        "ImagePrefix": "docker.io",
        "SecurityContext": {"Privileged": privileged, "AllowPrivilegeEscalation": privileged},
    }
    details: dict[str, Any] = {
        "Name": name,
        "Type": "pods",
        "Uid": str(uuid.UUID(int=rng.getrandbits(128))),
        "Namespace": namespace,
        "HostNetwork": privileged,
        "ServiceAccountName": "default",
        "Containers": [container],
    }
    if mount:
        container["VolumeMounts"] = [{"Name": "host-etc", "MountPath": "/host" + mount}]
        details["Volumes"] = [{"Name": "host-etc", "HostPath": {"Path": mount}}]
    return details


def rds_details(f: Fleet, db: str) -> dict[str, Any]:
    rng = random.Random(db)
    return {
        "DbInstanceIdentifier": f"{db}-instance-1",
        "Engine": "aurora-postgresql" if db.startswith("orders") else "aurora-mysql",
        "EngineVersion": "15.4" if db.startswith("orders") else "8.0.mysql_aurora.3.05.2",
        "DbClusterIdentifier": db,
        "DbInstanceArn": f"arn:aws:rds:{f.region}:{f.account_id}:db:{db}-instance-1",
        "DbiResourceId": f"db-{upper(rng, 26)}",
        "Tags": tags(Application=db.split("-")[0]),
    }


def lambda_details(f: Fleet, name: str, inst: dict[str, Any]) -> dict[str, Any]:
    rng = random.Random(name + f.account_id)
    return {
        "FunctionArn": f"arn:aws:lambda:{f.region}:{f.account_id}:function:{name}",
        "FunctionName": name,
        "Description": f"{name.replace('-', ' ')} handler",
        "LastModifiedAt": f.created + timedelta(days=40),
        "RevisionId": str(uuid.UUID(int=rng.getrandbits(128))),
        "FunctionVersion": "$LATEST",
        "Role": f"arn:aws:iam::{f.account_id}:role/{name}-role",
        "VpcConfig": {
            "SubnetIds": [inst["subnet"]],
            "VpcId": f.vpc_id,
            "SecurityGroups": [{"GroupId": inst["sg"], "GroupName": f"{name}-sg"}],
        },
        "Tags": tags(Application=name),
    }
