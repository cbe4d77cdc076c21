"""The demo world: one administrator, six members in every state a user meets, four regions.

Built through the simulator's own handlers (the same code boto3 reaches), deterministic by seed:
account ids, detector ids and the findings the findings package generates. The administrator
is moto's default account, so plain credentials land there; members are reached with
sts:AssumeRole into `arn:aws:iam::<account>:role/<role_name>`.

    world = build_world("demo", seed=0)
    world.administrator.account_id, [m.account_id for m in world.members], world.to_dict()
"""

import random
from dataclasses import asdict, dataclass, field
from typing import Any

from moto.core import DEFAULT_ACCOUNT_ID
from moto.moto_api._internal import mock_random

from guardduty_hub.simulator import findings, membership
from guardduty_hub.simulator.common import backend, detector_of
from guardduty_hub.simulator.registry import HANDLERS, Call
from guardduty_hub.simulator.world import WORLD, register_accounts

REGIONS = ("us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2")
# Protection plans of every detector the demo leaves running; so that a coverage matrix has
# something to say, "Data platform" lacks Malware Protection and "Staging" turned GuardDuty
# off in its last region.
DEMO_FEATURES = (
    {"name": "S3_DATA_EVENTS", "status": "ENABLED"},
    {"name": "EKS_AUDIT_LOGS", "status": "ENABLED"},
    {"name": "EBS_MALWARE_PROTECTION", "status": "ENABLED"},
    {
        "name": "RUNTIME_MONITORING",
        "status": "ENABLED",
        "additionalConfiguration": [{"name": "EC2_AGENT_MANAGEMENT", "status": "ENABLED"}],
    },
)
PLAN_MISSING = ("Data platform", "EBS_MALWARE_PROTECTION")
REGION_OFF = ("Staging", REGIONS[-1])
# An S3 bucket of the administrator for the trusted IP and threat list files the hub uploads.
LIST_BUCKET = "example-corp-guardduty-lists"
ROLE_NAME = "GuardDutyHubRole"
INVITE_MESSAGE = "Please accept: Example Corp's security team now runs GuardDuty centrally."

# (name, the relationship the demo leaves it in)
MEMBER_PLAN = (
    ("Production", membership.ENABLED),
    ("Staging", membership.ENABLED),
    ("Data platform", membership.ENABLED),
    ("Sandbox", membership.INVITED),
    ("Legacy billing", membership.VERIFICATION_FAILED),
    ("Contractor tools", membership.RESIGNED),
)


@dataclass(frozen=True)
class DemoAccount:
    account_id: str
    name: str
    email: str  # the root email registered with the simulator
    role_name: str
    status: str  # the relationship the demo leaves it in ("Administrator" for the admin)

    @property
    def role_arn(self) -> str:
        return f"arn:aws:iam::{self.account_id}:role/{self.role_name}"


@dataclass
class DemoWorld:
    name: str
    seed: int
    regions: tuple[str, ...]
    administrator: DemoAccount
    members: list[DemoAccount] = field(default_factory=list)
    findings: int = 0
    list_bucket: str = LIST_BUCKET

    @property
    def accounts(self) -> list[DemoAccount]:
        return [self.administrator, *self.members]

    def to_dict(self) -> dict[str, Any]:
        def account(a: DemoAccount) -> dict[str, Any]:
            return {**asdict(a), "role_arn": a.role_arn}

        return {
            "world": self.name,
            "seed": self.seed,
            "regions": list(self.regions),
            "administrator": account(self.administrator),
            "members": [account(m) for m in self.members],
            "findings": self.findings,
            "list_bucket": self.list_bucket,
        }


def _call(operation: str, account: str, region: str, **params: Any) -> dict[str, Any]:
    return HANDLERS[operation](Call(operation, account, region, params)) or {}


def _slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def build_world(name: str = "demo", seed: int = 0) -> DemoWorld:
    if name != "demo":
        raise ValueError(f"unknown world {name!r} (demo or empty)")
    rng = random.Random(seed)
    mock_random.seed(seed)  # detector and invitation ids
    admin = DemoAccount(
        DEFAULT_ACCOUNT_ID,
        "Security (administrator)",
        "aws-security@example.com",
        ROLE_NAME,
        "Administrator",
    )
    members = []
    used = {DEFAULT_ACCOUNT_ID}
    for member_name, status in MEMBER_PLAN:
        account_id = str(rng.randrange(10**11, 10**12))
        while account_id in used:
            account_id = str(rng.randrange(10**11, 10**12))
        used.add(account_id)
        members.append(
            DemoAccount(
                account_id, member_name, f"aws-{_slug(member_name)}@example.com", ROLE_NAME, status
            )
        )
    world = DemoWorld(name, seed, REGIONS, admin, members)

    register_accounts({a.account_id: a.email for a in world.accounts})
    delay, WORLD.verification_delay = WORLD.verification_delay, 0.0
    try:
        for region in REGIONS:
            _build_region(world, region)
    finally:
        WORLD.verification_delay = delay
    _configure_protection(world)
    world.findings = _populate_findings(world, seed)
    WORLD.demo = world
    return world


def _build_region(world: DemoWorld, region: str) -> None:
    admin = world.administrator.account_id
    for account in world.accounts:
        if detector_of(account.account_id, region) is None:
            _call(
                "CreateDetector",
                account.account_id,
                region,
                enable=True,
                findingPublishingFrequency="FIFTEEN_MINUTES",
            )
    admin_detector = detector_of(admin, region).id
    details = []
    for member in world.members:
        # The failed one was added with a mistyped email, so verification fails against the
        # registered root email, as it does on AWS.
        email = member.email
        if member.status == membership.VERIFICATION_FAILED:
            email = member.email.replace("@", "-old@")
        details.append({"accountId": member.account_id, "email": email})
    _call("CreateMembers", admin, region, detectorId=admin_detector, accountDetails=details)
    _call(
        "InviteMembers",
        admin,
        region,
        detectorId=admin_detector,
        message=INVITE_MESSAGE,
        accountIds=[m.account_id for m in world.members],
    )
    membership.settle()
    for member in world.members:
        if member.status not in (membership.ENABLED, membership.RESIGNED):
            continue
        own = detector_of(member.account_id, region).id
        invitation = membership.member_side(member.account_id, region).invitations[admin]
        _call(
            "AcceptAdministratorInvitation",
            member.account_id,
            region,
            detectorId=own,
            administratorId=admin,
            invitationId=invitation.invitation_id,
        )
        if member.status == membership.RESIGNED:
            _call("DisassociateFromAdministratorAccount", member.account_id, region, detectorId=own)
    assert backend(admin, region).gdh_members  # the world is there


def _configure_protection(world: DemoWorld) -> None:
    """Plans on every running detector (one member missing one), one region off, a bucket."""
    from moto.s3.models import s3_backends

    for region in world.regions:
        for account in world.accounts:
            features = [f for f in DEMO_FEATURES if (account.name, f["name"]) != PLAN_MISSING]
            detector = detector_of(account.account_id, region).id
            _call(
                "UpdateDetector", account.account_id, region, detectorId=detector, features=features
            )
    name, region = REGION_OFF
    staging = next(m for m in world.members if m.name == name)
    detector = detector_of(staging.account_id, region).id
    _call("UpdateDetector", staging.account_id, region, detectorId=detector, enable=False)
    s3 = s3_backends[world.administrator.account_id]["aws"]
    if world.list_bucket not in s3.buckets:
        s3.create_bucket(world.list_bucket, "us-east-1")


# Findings per region for each account, scaled by region: a few thousand in all.
FINDINGS_PER_ACCOUNT = {
    "Administrator": 80,
    "Production": 400,
    "Staging": 240,
    "Data platform": 240,
    "Sandbox": 120,
    "Legacy billing": 80,
    "Contractor tools": 120,
}
REGION_SHARE = {"us-east-1": 1.0, "eu-west-1": 0.6, "us-west-2": 0.4, "ap-southeast-2": 0.25}


def _populate_findings(world: DemoWorld, seed: int) -> int:
    """Findings from the findings package's generator: 90 days, 40+ types, every severity."""
    total = 0
    for account in world.accounts:
        key = "Administrator" if account is world.administrator else account.name
        for region in world.regions:
            count = round(FINDINGS_PER_ACCOUNT[key] * REGION_SHARE[region])
            ids = findings.populate(
                account.account_id, region, count, seed=f"{seed}-{account.account_id}-{region}"
            )
            total += len(ids)
    return total
