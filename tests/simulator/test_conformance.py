"""Every implemented operation's raw response conforms to botocore's output shape.

The raw JSON body (wire names) of every GuardDuty response a case provokes is walked against
the operation's output shape: required members present, no unknown members, types and enums
as modelled (RelationshipStatus is a plain string in the model, so any status passes).

TABLE-DRIVEN. To cover a new operation, add an entry to CASES: operation name -> a function
that takes the `gd_sim` Simulator and makes at least one call of that operation (setup calls
are validated too). Findings helper: append your operations (ListFindings, GetFindings, ...)
at the end of CASES; test_every_handler_has_a_case lists the ones still missing.
"""

import json
from collections.abc import Callable
from typing import Any

import pytest
from botocore.session import get_session

from guardduty_hub.simulator import install
from guardduty_hub.simulator.registry import HANDLERS
from tests.simulator.conftest import ADMIN, MEMBER, add_member
from tests.simulator.findings_support import FINDINGS_CONFORMANCE_CASES

MODEL = get_session().get_service_model("guardduty")
CAPTURED: list[tuple[str, int, bytes]] = []

# Members a model marks required but AWS leaves out (reference section 2.3).
ALLOWED_MISSING = {
    ("GetAdministratorAccount", "administrator"),
    ("GetMasterAccount", "master"),
}


def check(shape: Any, value: Any, path: str, problems: list[str]) -> None:
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected object, got {type(value).__name__}")
            return
        wire = {m.serialization.get("name", n): m for n, m in shape.members.items()}
        required = {shape.members[n].serialization.get("name", n) for n in shape.required_members}
        for name in required - set(value):
            if (path.split(".")[0], name) not in ALLOWED_MISSING:
                problems.append(f"{path}.{name}: required member missing")
        for name, item in value.items():
            if name not in wire:
                problems.append(f"{path}.{name}: not in the model")
            else:
                check(wire[name], item, f"{path}.{name}", problems)
    elif kind == "list":
        if not isinstance(value, list):
            problems.append(f"{path}: expected list")
            return
        for i, item in enumerate(value):
            check(shape.member, item, f"{path}[{i}]", problems)
    elif kind == "map":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected map")
            return
        for key, item in value.items():
            check(shape.value, item, f"{path}{{{key}}}", problems)
    elif kind == "string":
        if not isinstance(value, str):
            problems.append(f"{path}: expected string, got {value!r}")
        elif shape.enum and value not in shape.enum:
            problems.append(f"{path}: {value!r} not in enum {shape.enum}")
    elif kind in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(f"{path}: expected integer, got {value!r}")
    elif kind in ("double", "float"):
        if not isinstance(value, int | float) or isinstance(value, bool):
            problems.append(f"{path}: expected number, got {value!r}")
    elif kind == "boolean":
        if not isinstance(value, bool):
            problems.append(f"{path}: expected boolean, got {value!r}")
    elif kind == "timestamp" and not isinstance(value, int | float | str):
        problems.append(f"{path}: expected timestamp, got {value!r}")


def problems_of(operation: str, body: bytes) -> list[str]:
    output = MODEL.operation_model(operation).output_shape
    data = json.loads(body or b"{}")
    problems: list[str] = []
    if output is None:
        if data:
            problems.append(f"{operation}: body {data!r} where the model has no output")
        return problems
    check(output, data, operation, problems)
    return problems


def _capture(http_response: Any, model: Any, **kwargs: Any) -> None:
    CAPTURED.append((model.name, http_response.status_code, http_response.content))


# --- The cases -----------------------------------------------------------------------------

OTHER_MEMBER = "777788889999"


def _admin(sim):
    return sim.guardduty(), sim.detector()


def _member(sim):
    return sim.guardduty(MEMBER), sim.detector(MEMBER)


def _with_member(sim, **kw):
    add_member(sim, MEMBER, **kw)
    return _admin(sim)


def _invitation(sim):
    add_member(sim, MEMBER, accept=False)
    gd, detector = _member(sim)
    return gd, detector, gd.list_invitations()["Invitations"][0]["InvitationId"]


def _admin_creates(method: str, key: str, **params: Any) -> Callable:
    """A setup in which the administrator creates one thing: returns (client, detector, the
    `key` of the response: the thing's id or name)."""

    def setup(sim):
        gd, detector = _admin(sim)
        return gd, detector, getattr(gd, method)(DetectorId=detector, **params)[key]

    return setup


_ipset = _admin_creates(
    "create_ip_set", "IpSetId", Name="trusted", Format="TXT", Location="s3://b/t.txt", Activate=True
)
_threat_set = _admin_creates(
    "create_threat_intel_set",
    "ThreatIntelSetId",
    Name="bad",
    Format="TXT",
    Location="s3://b/b.txt",
    Activate=False,
    Tags={"team": "sec"},
)
_filter = _admin_creates(
    "create_filter",
    "Name",
    Name="suppress-probes",
    Description="port probes on purpose-built honeypots",
    Action="ARCHIVE",
    Rank=1,
    FindingCriteria={
        "Criterion": {
            "type": {"Equals": ["Recon:EC2/PortProbeUnprotectedPort"]},
            "resource.instanceDetails.tags.value": {"Matches": ["honeypot-*"]},
            "severity": {"LessThan": 4},
        }
    },
    Tags={"owner": "hub"},
)


def _delegated_admin(sim):
    sim.guardduty().enable_organization_admin_account(AdminAccountId=OTHER_MEMBER)
    return sim.guardduty(OTHER_MEMBER), sim.detector(OTHER_MEMBER)


def _get_administrator(sim):
    gd, detector = _member(sim)
    gd.get_administrator_account(DetectorId=detector)  # none yet: empty 200
    add_member(sim, MEMBER)
    gd.get_administrator_account(DetectorId=detector)


def _get_master(sim):
    gd, detector = _member(sim)
    gd.get_master_account(DetectorId=detector)
    add_member(sim, MEMBER)
    gd.get_master_account(DetectorId=detector)


CASES: dict[str, Callable[[Any], Any]] = {
    "CreateDetector": lambda sim: sim.guardduty().create_detector(Enable=True),
    "ListDetectors": lambda sim: (sim.detector(), sim.guardduty().list_detectors()),
    "GetDetector": lambda sim: sim.guardduty().get_detector(DetectorId=sim.detector()),
    "UpdateDetector": lambda sim: (
        add_member(sim, MEMBER),
        sim.guardduty(MEMBER).update_detector(DetectorId=sim.detector(MEMBER), Enable=False),
        sim.guardduty().get_members(DetectorId=sim.detector(), AccountIds=[MEMBER]),
    ),
    "DeleteDetector": lambda sim: sim.guardduty().delete_detector(DetectorId=sim.detector()),
    "CreateMembers": lambda sim: add_member(sim, MEMBER, invite=False),
    "InviteMembers": lambda sim: add_member(sim, MEMBER, accept=False),
    "ListMembers": lambda sim: _with_member(sim)[0].list_members(
        DetectorId=sim.detector(), OnlyAssociated="false"
    ),
    "GetMembers": lambda sim: _with_member(sim)[0].get_members(
        DetectorId=sim.detector(), AccountIds=[MEMBER, OTHER_MEMBER]
    ),
    "DisassociateMembers": lambda sim: _with_member(sim)[0].disassociate_members(
        DetectorId=sim.detector(), AccountIds=[MEMBER]
    ),
    "DeleteMembers": lambda sim: _with_member(sim)[0].delete_members(
        DetectorId=sim.detector(), AccountIds=[MEMBER, OTHER_MEMBER]
    ),
    "StartMonitoringMembers": lambda sim: _with_member(sim)[0].start_monitoring_members(
        DetectorId=sim.detector(), AccountIds=[MEMBER]
    ),
    "StopMonitoringMembers": lambda sim: _with_member(sim)[0].stop_monitoring_members(
        DetectorId=sim.detector(), AccountIds=[MEMBER]
    ),
    "GetMemberDetectors": lambda sim: _with_member(sim)[0].get_member_detectors(
        DetectorId=sim.detector(), AccountIds=[MEMBER, OTHER_MEMBER]
    ),
    "UpdateMemberDetectors": lambda sim: (
        _with_member(sim)[0].update_member_detectors(
            DetectorId=sim.detector(),
            AccountIds=[MEMBER, OTHER_MEMBER],
            Features=[
                {
                    "Name": "RUNTIME_MONITORING",
                    "Status": "ENABLED",
                    "AdditionalConfiguration": [
                        {"Name": "EC2_AGENT_MANAGEMENT", "Status": "ENABLED"}
                    ],
                }
            ],
            DataSources={"S3Logs": {"Enable": True}},
        ),
        sim.guardduty().get_member_detectors(DetectorId=sim.detector(), AccountIds=[MEMBER]),
        sim.guardduty(MEMBER).get_detector(DetectorId=sim.detector(MEMBER)),
    ),
    "ListInvitations": lambda sim: _invitation(sim),
    "GetInvitationsCount": lambda sim: _invitation(sim)[0].get_invitations_count(),
    "AcceptAdministratorInvitation": lambda sim: add_member(sim, MEMBER),
    "AcceptInvitation": lambda sim: (
        lambda gd, d, i: gd.accept_invitation(DetectorId=d, MasterId=ADMIN, InvitationId=i)
    )(*_invitation(sim)),
    "DeclineInvitations": lambda sim: _invitation(sim)[0].decline_invitations(
        AccountIds=[ADMIN, OTHER_MEMBER]
    ),
    "DeleteInvitations": lambda sim: _invitation(sim)[0].delete_invitations(AccountIds=[ADMIN]),
    "GetAdministratorAccount": _get_administrator,
    "GetMasterAccount": _get_master,
    "DisassociateFromAdministratorAccount": lambda sim: (
        add_member(sim, MEMBER),
        _member(sim)[0].disassociate_from_administrator_account(DetectorId=sim.detector(MEMBER)),
    ),
    "DisassociateFromMasterAccount": lambda sim: (
        add_member(sim, MEMBER),
        _member(sim)[0].disassociate_from_master_account(DetectorId=sim.detector(MEMBER)),
    ),
    "UpdateOrganizationConfiguration": lambda sim: (
        lambda gd, d: gd.update_organization_configuration(
            DetectorId=d, AutoEnableOrganizationMembers="ALL"
        )
    )(*_delegated_admin(sim)),
    "DescribeOrganizationConfiguration": lambda sim: (
        lambda gd, d: gd.describe_organization_configuration(DetectorId=d)
    )(*_delegated_admin(sim)),
    "CreateIPSet": _ipset,
    "GetIPSet": lambda sim: (lambda gd, d, i: gd.get_ip_set(DetectorId=d, IpSetId=i))(*_ipset(sim)),
    "UpdateIPSet": lambda sim: (
        lambda gd, d, i: gd.update_ip_set(DetectorId=d, IpSetId=i, Activate=False)
    )(*_ipset(sim)),
    "DeleteIPSet": lambda sim: (lambda gd, d, i: gd.delete_ip_set(DetectorId=d, IpSetId=i))(
        *_ipset(sim)
    ),
    "ListIPSets": lambda sim: (lambda gd, d, i: gd.list_ip_sets(DetectorId=d))(*_ipset(sim)),
    "CreateThreatIntelSet": _threat_set,
    "GetThreatIntelSet": lambda sim: (
        lambda gd, d, i: gd.get_threat_intel_set(DetectorId=d, ThreatIntelSetId=i)
    )(*_threat_set(sim)),
    "UpdateThreatIntelSet": lambda sim: (
        lambda gd, d, i: gd.update_threat_intel_set(
            DetectorId=d, ThreatIntelSetId=i, Name="renamed"
        )
    )(*_threat_set(sim)),
    "DeleteThreatIntelSet": lambda sim: (
        lambda gd, d, i: gd.delete_threat_intel_set(DetectorId=d, ThreatIntelSetId=i)
    )(*_threat_set(sim)),
    "ListThreatIntelSets": lambda sim: (lambda gd, d, i: gd.list_threat_intel_sets(DetectorId=d))(
        *_threat_set(sim)
    ),
    "CreateFilter": lambda sim: _filter(sim),
    "GetFilter": lambda sim: (lambda gd, d, n: gd.get_filter(DetectorId=d, FilterName=n))(
        *_filter(sim)
    ),
    "UpdateFilter": lambda sim: (
        lambda gd, d, n: gd.update_filter(DetectorId=d, FilterName=n, Action="NOOP", Rank=1)
    )(*_filter(sim)),
    "DeleteFilter": lambda sim: (lambda gd, d, n: gd.delete_filter(DetectorId=d, FilterName=n))(
        *_filter(sim)
    ),
    "ListFilters": lambda sim: (lambda gd, d, n: gd.list_filters(DetectorId=d, MaxResults=1))(
        *_filter(sim)
    ),
    "EnableOrganizationAdminAccount": _delegated_admin,
    "ListOrganizationAdminAccounts": lambda sim: (
        _delegated_admin(sim),
        sim.guardduty().list_organization_admin_accounts(),
    ),
    "DisableOrganizationAdminAccount": lambda sim: (
        _delegated_admin(sim),
        sim.guardduty().disable_organization_admin_account(AdminAccountId=OTHER_MEMBER),
    ),
    # Findings helper: append your operations here.
    **FINDINGS_CONFORMANCE_CASES,
}


@pytest.fixture
def captured(gd_sim):
    CAPTURED.clear()
    gd_sim._base().events.register("after-call.guardduty", _capture, unique_id="conformance")
    # Clients created before registration would miss the hook: start from fresh clients.
    gd_sim._clients.clear()
    return CAPTURED


@pytest.mark.parametrize("operation", sorted(CASES))
def test_response_conforms_to_output_shape(gd_sim, captured, operation):
    CASES[operation](gd_sim)
    assert operation in {name for name, _, _ in captured}, f"the case never called {operation}"
    problems = [
        problem
        for name, status, body in captured
        if status == 200
        for problem in problems_of(name, body)
    ]
    assert problems == []


def test_checker_catches_drift():
    """The walker itself: a missing required member, an unknown member, a bad enum, a bad type."""
    bad = json.dumps(
        {
            "members": [
                {
                    "accountId": "1",
                    "email": "e",
                    "relationshipStatus": "Whatever",
                    "updatedAt": "x",
                    "detectorId": 5,
                    "surprise": True,
                }
            ],
            "unprocessedAccounts": [],
        }
    ).encode()
    problems = problems_of("GetMembers", bad)
    assert any("masterId: required member missing" in p for p in problems)
    assert any("surprise: not in the model" in p for p in problems)
    assert any("detectorId: expected string" in p for p in problems)
    assert problems_of("GetIPSet", b'{"name":"n","format":"NOPE","location":"l","status":"ACTIVE"}')


def test_every_handler_has_a_case():
    install()
    missing = sorted(set(HANDLERS) - set(CASES))
    ours = [op for op in missing if "findings" not in HANDLERS[op].__module__]
    assert ours == [], "operations without a conformance case"
    if missing:
        pytest.xfail(f"findings helper: add conformance cases for {missing}")
