"""Organization configuration of the delegated administrator (reference section 2.7).

Update/DescribeOrganizationConfiguration store and describe what the delegated administrator
auto-enables; Enable/Disable/ListOrganizationAdminAccounts (the management account's side)
replace moto's, which accept anything and never page.
"""

import re
from typing import Any

from guardduty_hub.simulator import errors, messages
from guardduty_hub.simulator import organization as org
from guardduty_hub.simulator.common import backend, detector_of, own_detector, paginate
from guardduty_hub.simulator.registry import Call, handles

AUTO_ENABLE = ("NEW", "ALL", "NONE")


def _delegated_admin(call: Call) -> org.OrganizationConfiguration:
    own_detector(call)
    if not org.is_delegated_admin(call.account_id, call.region):
        raise errors.bad_request(messages.NOT_DELEGATED_ADMIN)
    return org.org_config(call.account_id, call.region)


@handles("UpdateOrganizationConfiguration")
def update_organization_configuration(call: Call) -> dict[str, Any]:
    config = _delegated_admin(call)
    members = call.get("autoEnableOrganizationMembers")
    legacy = call.get("autoEnable")
    if members is not None and legacy is not None:
        raise errors.bad_request(
            "The request is rejected because only one of autoEnable and "
            "autoEnableOrganizationMembers can be specified."
        )
    if members is not None:
        if members not in AUTO_ENABLE:
            raise errors.invalid_parameter("autoEnableOrganizationMembers")
        config.auto_enable_organization_members = members
    elif legacy is not None:
        config.auto_enable_organization_members = "NEW" if legacy else "NONE"
    if call.get("features") is not None:
        config.features = list(call.get("features"))
    if call.get("dataSources") is not None:
        config.data_sources = dict(call.get("dataSources"))
    return {}


def _data_sources(config: org.OrganizationConfiguration) -> dict[str, Any]:
    given = config.data_sources
    s3 = bool((given.get("s3Logs") or {}).get("autoEnable", False))
    k8s = bool(((given.get("kubernetes") or {}).get("auditLogs") or {}).get("autoEnable", False))
    return {"s3Logs": {"autoEnable": s3}, "kubernetes": {"auditLogs": {"autoEnable": k8s}}}


@handles("DescribeOrganizationConfiguration")
def describe_organization_configuration(call: Call) -> dict[str, Any]:
    config = _delegated_admin(call)
    return {
        "autoEnable": config.auto_enable,
        "autoEnableOrganizationMembers": config.auto_enable_organization_members,
        "memberAccountLimitReached": False,
        "dataSources": _data_sources(config),
        "features": [
            {k: v for k, v in f.items() if k in ("name", "autoEnable", "additionalConfiguration")}
            for f in config.features
        ],
        "nextToken": "",
    }


# --- The management account designates the delegated administrator ---------------------------

ACCOUNT_ID = re.compile(r"^\d{12}$")
NOT_MANAGEMENT = (
    "The request is rejected because the current account is not the management account of an "
    "organization."
)
OTHER_DELEGATED_ADMIN = (
    "The request is rejected because the organization already has a delegated administrator "
    "account."
)
NOT_AN_ADMIN = "The request is rejected because the given account is not a delegated administrator."


def _management(call: Call) -> Any:
    """The caller's backend, when the caller may act as its organization's management account
    (moto's Organizations knows no organization for it: any account may, as tests assume)."""
    from moto.organizations.models import organizations_backends

    owner = organizations_backends.master_accounts.get(call.account_id)
    if owner is not None and owner[0] != call.account_id:
        raise errors.bad_request(NOT_MANAGEMENT)
    return call.backend


def _admin_account_id(call: Call) -> str:
    value = call.get("adminAccountId")
    if not isinstance(value, str) or not ACCOUNT_ID.match(value):
        raise errors.invalid_parameter("adminAccountId")
    return value


@handles("EnableOrganizationAdminAccount")
def enable_organization_admin_account(call: Call) -> dict[str, Any]:
    """Per Region; one delegated administrator per organization. GuardDuty is turned on in the
    delegated administrator's account in that Region when it was off."""
    be = _management(call)
    admin = _admin_account_id(call)
    if admin in be.admin_account_ids:
        return {}
    if be.admin_account_ids:
        raise errors.bad_request(OTHER_DELEGATED_ADMIN)
    be.admin_account_ids.append(admin)
    if detector_of(admin, call.region) is None:
        backend(admin, call.region).create_detector(True, "SIX_HOURS", {}, {}, [])
    return {}


@handles("DisableOrganizationAdminAccount")
def disable_organization_admin_account(call: Call) -> dict[str, Any]:
    be = _management(call)
    admin = _admin_account_id(call)
    if admin not in be.admin_account_ids:
        raise errors.bad_request(NOT_AN_ADMIN)
    be.admin_account_ids.remove(admin)
    return {}


@handles("ListOrganizationAdminAccounts")
def list_organization_admin_accounts(call: Call) -> dict[str, Any]:
    page, token = paginate(call, list(_management(call).admin_account_ids))
    accounts = [{"adminAccountId": a, "adminStatus": "ENABLED"} for a in page]
    return {"adminAccounts": accounts, "nextToken": token}
