"""Organizations: an administrator that is its organization's delegated administrator adds the
organization's accounts without invitations (CreateMembers, the accounts app's "add"
operation) and sets what GuardDuty turns on for new accounts, per feature, in every region.
The management account, when the hub has a role there, designates the delegated administrator.

Organization settings are read live (they change rarely and only here or in the console) and
written as operations, like lists and rules: progress per region, retry of failed regions only,
audited as configuration.org_configure / configuration.org_designate.
"""

from dataclasses import dataclass, field

from django.db import transaction

from guardduty_hub.accounts.access import access_for
from guardduty_hub.accounts.administrators import administrator_detector
from guardduty_hub.accounts.models import (
    AwsAccount,
    JoinMethod,
    MembershipOperation,
    OperationKind,
)
from guardduty_hub.aws import AwsError, gateway
from guardduty_hub.configuration.errors import ConfigurationError
from guardduty_hub.configuration.fanout import configuration_operation, enabled_regions
from guardduty_hub.configuration.organization_steps import ORG_CONFIGURE, ORG_DESIGNATE

AUTO_ENABLE = [
    ("NEW", "New accounts as they join"),
    ("ALL", "Every account, present and new"),
    ("NONE", "None: add accounts here"),
]
# Features GuardDuty can auto-enable for organization accounts.
ORG_FEATURES = [
    "S3_DATA_EVENTS",
    "EKS_AUDIT_LOGS",
    "EBS_MALWARE_PROTECTION",
    "RDS_LOGIN_EVENTS",
    "LAMBDA_NETWORK_LOGS",
    "RUNTIME_MONITORING",
]


@dataclass
class RegionOrganization:
    region: str
    delegated: bool = False
    auto_enable: str = ""
    features: dict[str, str] = field(default_factory=dict)
    error: str = ""


def organization_state(administrator: AwsAccount) -> list[RegionOrganization]:
    access = access_for(administrator)
    states = []
    for region in enabled_regions(administrator):
        state = RegionOrganization(region)
        try:
            detector_id = administrator_detector(administrator, region)
            config = gateway.describe_organization_configuration(access, region, detector_id)
        except AwsError as exc:
            # GuardDuty answers this to an account that is no delegated administrator.
            if "delegated administrator" not in exc.message:
                state.error = exc.message
        else:
            state.delegated = True
            state.auto_enable = config.auto_enable_members
            state.features = config.features
        states.append(state)
    return states


def organization_configuration_set(
    actor, administrator: AwsAccount, *, auto_enable: str, features: dict[str, str]
) -> MembershipOperation:
    """UpdateOrganizationConfiguration in every enabled region, as an operation (progress per
    region, retry of the failed ones)."""
    if auto_enable not in dict(AUTO_ENABLE) or any(
        v not in dict(AUTO_ENABLE) for v in features.values()
    ):
        raise ConfigurationError("Auto-enable is NEW, ALL or NONE.")
    unknown = set(features) - set(ORG_FEATURES)
    if unknown:
        raise ConfigurationError(f"Not a feature GuardDuty auto-enables: {', '.join(unknown)}.")
    return configuration_operation(
        actor,
        ORG_CONFIGURE,
        administrator,
        enabled_regions(administrator),
        subject=f"Organization auto-enable: {auto_enable}",
        page="configuration:organization",
        page_label="the organization",
        auto_enable=auto_enable,
        features=features,
    )


def organization_accounts(administrator: AwsAccount) -> list[gateway.OrganizationAccount]:
    """The organization's accounts (Organizations ListAccounts through the administrator's
    role: it must be the management account or delegated for Organizations)."""
    regions = enabled_regions(administrator) or ["us-east-1"]
    try:
        found = gateway.list_organization_accounts(access_for(administrator), regions[0])
    except AwsError as exc:
        raise ConfigurationError(
            f"The organization's accounts could not be listed: {exc.message}"
        ) from exc
    return [a for a in found if a.account_id != administrator.account_id]


def organization_accounts_add(actor, administrator: AwsAccount, account_ids: list[str]):
    """Add organization accounts as members in every region, without invitations."""
    wanted = set(account_ids)
    known = {a.account_id: a for a in organization_accounts(administrator)}
    unknown = wanted - set(known)
    if unknown:
        raise ConfigurationError(f"Not in the organization: {', '.join(sorted(unknown))}.")
    if not wanted:
        raise ConfigurationError("Choose at least one account.")
    with transaction.atomic():
        accounts = []
        for account_id in sorted(wanted):
            org_account = known[account_id]
            account, _ = AwsAccount.objects.update_or_create(
                account_id=account_id,
                defaults={
                    "name": org_account.name,
                    "root_email": org_account.email,
                    "joined_via": JoinMethod.ORGANIZATIONS,
                },
            )
            accounts.append(account)
        return configuration_operation(
            actor,
            OperationKind.CREATE,
            administrator,
            enabled_regions(administrator),
            accounts=accounts,
            audit_action="membership.create",
            subject="Organization accounts added without invitations",
            page="configuration:organization",
            page_label="the organization",
        )


def delegated_admin_designate(
    actor, administrator: AwsAccount, management: AwsAccount
) -> MembershipOperation:
    """EnableOrganizationAdminAccount from the management account (the operation's one account,
    whose role makes the call) in every enabled region of the administrator. AWS allows (and
    advises against) the management account being its own delegated administrator; the hub
    lets AWS decide."""
    return configuration_operation(
        actor,
        ORG_DESIGNATE,
        administrator,
        enabled_regions(administrator),
        accounts=[management],
        subject=f"Delegated administrator designated from {management}",
        page="configuration:organization",
        page_label="the organization",
        management=management.account_id,
    )
