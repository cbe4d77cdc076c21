"""Organization configuration of the delegated administrator (reference section 2.7).

moto keeps EnableOrganizationAdminAccount and ListOrganizationAdminAccounts; these two ops
store and describe what the delegated administrator auto-enables.
"""

from typing import Any

from guardduty_hub.simulator import errors, messages
from guardduty_hub.simulator import organization as org
from guardduty_hub.simulator.common import own_detector
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
