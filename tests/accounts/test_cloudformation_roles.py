"""The CloudFormation roles grant every GuardDuty call the hub's gateway makes, and parse."""

import re
from pathlib import Path

import yaml

from guardduty_hub.aws import intel_sets

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "deploy" / "cloudformation" / "guardduty-hub-roles.yaml"
NOT_GUARDDUTY = {"sqs.py", "eventbridge.py"}
# Calls made with the MEMBER's role (member portal); every other GuardDuty call is the admin's.
MEMBER_SIDE = {
    "ListInvitations",
    "GetInvitationsCount",
    "AcceptAdministratorInvitation",
    "DeclineInvitations",
    "DeleteInvitations",
    "GetAdministratorAccount",
    "DisassociateFromAdministratorAccount",
    "ListDetectors",
    "GetDetector",
    "CreateDetector",
    # Disabling GuardDuty on a member goes through the member's role.
    "UpdateDetector",
    "DeleteDetector",
}
# Member-side calls the administrator makes too, with its own role.
BOTH_SIDES = {"ListDetectors", "GetDetector", "CreateDetector", "UpdateDetector"}


def _actions(policy) -> set[str]:
    actions: set[str] = set()
    for statement in policy["PolicyDocument"]["Statement"]:
        action = statement["Action"]
        actions.update([action] if isinstance(action, str) else action)
    return actions


def _policies():
    template = yaml.safe_load(TEMPLATE.read_text())
    admin, member = template["Resources"]["HubRole"]["Properties"]["Policies"][0]["Fn::If"][1:]
    return _actions(admin), _actions(member)


def _gateway_operations() -> set[str]:
    # SQS and EventBridge calls are the event ingest's (guardduty-hub-events.yaml grants them).
    files = [
        p for p in (ROOT / "guardduty_hub" / "aws").glob("*.py") if p.name not in NOT_GUARDDUTY
    ]
    text = "\n".join(p.read_text() for p in files)
    ops = set(re.findall(r'translate\(\s*"([A-Za-z]+)"', text))
    ops |= set(re.findall(r'"([A-Z][A-Za-z]+Members)": "', text))
    # Operations named from a table (intel_sets: translate(f"Get{names.noun}")): each verb with
    # each noun of the table.
    named = re.findall(r'translate\(\s*f"([A-Za-z]*)\{names\.noun\}([A-Za-z]*)"', text)
    assert named, "intel_sets' operations were not found: the pattern above needs updating"
    for verb, rest in named:
        ops |= {f"{verb}{names.noun}{rest}" for names in intel_sets._NAMES.values()}
    return ops - {"AssumeRole", "GetCallerIdentity"}  # STS: allowed by the trust policy


# Calls to other services than GuardDuty: list files (aws/s3.py), organization accounts.
SERVICE_OF = {"PutObject": "s3", "ListAccounts": "organizations"}


def test_every_gateway_call_is_granted():
    admin, member = _policies()
    for op in _gateway_operations():
        wanted = f"{SERVICE_OF.get(op, 'guardduty')}:{op}"
        if op in MEMBER_SIDE:
            assert wanted in member, op
        if op not in MEMBER_SIDE - BOTH_SIDES:
            assert wanted in admin, op


def test_trust_requires_the_external_id():
    template = yaml.safe_load(TEMPLATE.read_text())
    trust = template["Resources"]["HubRole"]["Properties"]["AssumeRolePolicyDocument"]
    assert "sts:ExternalId" in trust["Statement"][0]["Condition"]["StringEquals"]
