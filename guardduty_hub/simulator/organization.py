"""Organizations: who is the delegated administrator, and the organization configuration.

moto's EnableOrganizationAdminAccount records the delegated administrator in the *management*
account's backend of that region (`admin_account_ids`). The delegated administrator itself is
found by looking through the region's backends for a management account that named it.
"""

from dataclasses import dataclass, field
from typing import Any

from guardduty_hub.simulator import registry, world
from guardduty_hub.simulator.common import backend, existing_backends


@dataclass
class OrganizationConfiguration:
    """UpdateOrganizationConfiguration's settings, in the delegated administrator's backend."""

    auto_enable_organization_members: str = "NONE"
    features: list[dict[str, Any]] = field(default_factory=list)
    data_sources: dict[str, Any] = field(default_factory=dict)

    @property
    def auto_enable(self) -> bool:
        return self.auto_enable_organization_members != "NONE"


registry.backend_state("gdh_org_config", OrganizationConfiguration)


def org_config(account: str, region: str) -> OrganizationConfiguration:
    be = backend(account, region)
    return be.__dict__.setdefault("gdh_org_config", OrganizationConfiguration())


def management_account_of(delegated_admin: str, region: str) -> str | None:
    """The management account that made `delegated_admin` its delegated admin in `region`."""
    for be in existing_backends(region):
        if delegated_admin in be.admin_account_ids:
            return be.account_id
    return None


def is_delegated_admin(account: str, region: str) -> bool:
    return management_account_of(account, region) is not None


def in_organization(management: str, account: str) -> bool:
    """Whether `account` belongs to the management account's organization.

    When moto's Organizations has no organization for that management account, every account
    counts as an organization account (tests rarely build a full organization).
    """
    from moto.organizations.models import organizations_backends

    masters = organizations_backends.master_accounts
    if account == management:
        return True
    if management not in {owner for owner, _ in masters.values()}:
        return True
    owner = masters.get(account)
    return owner is not None and owner[0] == management


def _forget_organizations() -> None:
    """moto's reset leaves its account -> management map (it lives on the backend dict): a
    later test's accounts would belong to an organization an earlier test made."""
    from moto.organizations.models import organizations_backends

    organizations_backends.master_accounts.clear()


world.ON_RESET.append(_forget_organizations)
