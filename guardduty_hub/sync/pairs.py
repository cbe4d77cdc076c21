"""Which (administrator, region) pairs the sync covers, and how to reach each one."""

from dataclasses import dataclass

from guardduty_hub.accounts.access import access_for
from guardduty_hub.accounts.models import AccountKind, AdministratorRegion, AwsAccount
from guardduty_hub.aws import AccountAccess, PermanentAwsError, gateway
from guardduty_hub.sync.models import SyncState


@dataclass(frozen=True)
class SyncPair:
    administrator_id: int
    region: str


def enabled_pairs(administrator_id: int | None = None, region: str | None = None) -> list[SyncPair]:
    """Every administrator's enabled regions (the beat fan-out and the command loop over these)."""
    rows = AdministratorRegion.objects.filter(
        enabled=True, administrator__kind=AccountKind.ADMINISTRATOR
    )
    if administrator_id is not None:
        rows = rows.filter(administrator_id=administrator_id)
    if region:
        rows = rows.filter(region=region)
    return [
        SyncPair(a, r)
        for a, r in rows.order_by("administrator_id", "region").values_list(
            "administrator_id", "region"
        )
    ]


def sync_state_for(administrator_id: int, region: str) -> SyncState:
    """The pair's state, with its administrator (every run names it and reaches it)."""
    state, _ = SyncState.objects.select_related("administrator").get_or_create(
        administrator_id=administrator_id, region=region
    )
    return state


def sync_state_reread(state: SyncState) -> None:
    """Read the state's own columns again (after taking its lease), keeping its administrator."""
    state.refresh_from_db(
        fields=[f.attname for f in SyncState._meta.concrete_fields if not f.is_relation]
    )


def account_access(account: AwsAccount) -> AccountAccess:
    return access_for(account)


def detector_for(access: AccountAccess, administrator_id: int, region: str) -> str:
    """The administrator's detector in the region: as onboarding recorded it, else asked for."""
    known = (
        AdministratorRegion.objects.filter(administrator_id=administrator_id, region=region)
        .values_list("detector_id", flat=True)
        .first()
    )
    if known:
        return known
    detector_id = gateway.list_detector_id(access, region)
    if detector_id:
        # Remembered: every later run of the pair saves the ListDetectors request.
        AdministratorRegion.objects.filter(
            administrator_id=administrator_id, region=region, detector_id=""
        ).update(detector_id=detector_id)
    if not detector_id:
        raise PermanentAwsError(
            f"Account {access.account_id} has no GuardDuty detector in {region}: enable "
            "GuardDuty there or switch the region off for this administrator.",
            code="NoDetector",
            operation="ListDetectors",
            account_id=access.account_id,
            region=region,
        )
    return detector_id
