"""AWS Organizations and GuardDuty: the delegated administrator, its organization's accounts and
what GuardDuty turns on for them (organization configuration, per Region)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from guardduty_hub.aws import clients
from guardduty_hub.aws.errors import translate
from guardduty_hub.aws.sessions import AccountAccess


@dataclass(frozen=True)
class OrganizationAccount:
    account_id: str
    name: str
    email: str
    status: str  # ACTIVE, SUSPENDED, ...


@dataclass(frozen=True)
class OrganizationConfig:
    auto_enable_members: str  # NEW / ALL / NONE
    member_limit_reached: bool
    # feature name -> NEW / ALL / NONE
    features: dict[str, str] = field(default_factory=dict)


def list_organization_accounts(access: AccountAccess, region: str) -> list[OrganizationAccount]:
    """Organizations ListAccounts (the management account, or an account it delegated to)."""
    found = []
    with translate("ListAccounts", access, region):
        pages = clients.client(access, "organizations", region).get_paginator("list_accounts")
        for page in pages.paginate():
            for account in page.get("Accounts") or []:
                found.append(
                    OrganizationAccount(
                        account_id=account["Id"],
                        name=account.get("Name", ""),
                        email=account.get("Email", ""),
                        status=account.get("Status", ""),
                    )
                )
    return found


def describe_organization_configuration(
    access: AccountAccess, region: str, detector_id: str
) -> OrganizationConfig:
    with translate("DescribeOrganizationConfiguration", access, region):
        answer = clients.guardduty(access, region).describe_organization_configuration(
            DetectorId=detector_id
        )
    return OrganizationConfig(
        auto_enable_members=answer.get("AutoEnableOrganizationMembers", ""),
        member_limit_reached=bool(answer.get("MemberAccountLimitReached")),
        features={f.get("Name", ""): f.get("AutoEnable", "") for f in answer.get("Features") or []},
    )


def update_organization_configuration(
    access: AccountAccess,
    region: str,
    detector_id: str,
    *,
    auto_enable_members: str,
    features: dict[str, str],
) -> None:
    params: dict[str, Any] = {
        "DetectorId": detector_id,
        "AutoEnableOrganizationMembers": auto_enable_members,
    }
    if features:
        params["Features"] = [{"Name": n, "AutoEnable": v} for n, v in features.items()]
    with translate("UpdateOrganizationConfiguration", access, region):
        clients.guardduty(access, region).update_organization_configuration(**params)


def enable_organization_admin_account(
    access: AccountAccess, region: str, admin_account_id: str
) -> None:
    """From the management account: make `admin_account_id` GuardDuty's delegated admin."""
    with translate("EnableOrganizationAdminAccount", access, region):
        clients.guardduty(access, region).enable_organization_admin_account(
            AdminAccountId=admin_account_id
        )


def list_organization_admin_accounts(access: AccountAccess, region: str) -> list[str]:
    with translate("ListOrganizationAdminAccounts", access, region):
        pages = clients.guardduty(access, region).get_paginator("list_organization_admin_accounts")
        return [
            admin["AdminAccountId"]
            for page in pages.paginate()
            for admin in page.get("AdminAccounts") or []
            if admin.get("AdminStatus") == "ENABLED"
        ]
