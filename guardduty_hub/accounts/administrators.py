"""Administrator accounts: test the connection, onboard, choose regions."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from guardduty_hub.accounts.access import access_for, is_access_problem, record_account_error
from guardduty_hub.accounts.audit import audit_record
from guardduty_hub.accounts.models import AccountKind, AdministratorRegion, AwsAccount
from guardduty_hub.aws import AccountAccess, AwsError, gateway


@dataclass
class ConnectionReport:
    """What "Test connection" found: who we are there, and GuardDuty region by region."""

    account_id: str
    identity_arn: str = ""
    error: str = ""
    # (region, detector id or "", error or "") for every region that answered or failed
    regions: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def detector_regions(self) -> list[str]:
        return [region for region, detector, _ in self.regions if detector]

    @property
    def wrong_account(self) -> bool:
        return bool(self.identity_arn) and f":{self.account_id}:" not in self.identity_arn


def administrator_test_connection(
    access: AccountAccess, regions: list[str] | None = None
) -> ConnectionReport:
    """STS identity, then ListDetectors in every region (GuardDuty permissions and detectors)."""
    report = ConnectionReport(access.account_id)
    try:
        report.identity_arn = gateway.caller_identity(access).arn
        probes = gateway.probe_regions(access, regions)
    except AwsError as exc:
        report.error = exc.message
        return report
    report.regions = [
        (p.region, p.detector_id or "", p.error) for p in probes if p.enabled or p.error
    ]
    if report.wrong_account:
        report.error = (
            f"These credentials act in another account ({report.identity_arn}), "
            f"not in {access.account_id}."
        )
    elif not report.detector_regions and all(error for _, _, error in report.regions):
        report.error = "GuardDuty answered in no region. " + (
            report.regions[0][2] if report.regions else ""
        )
    return report


def administrator_onboard(
    actor,
    *,
    account_id: str,
    name: str = "",
    role_arn: str = "",
    external_id: str = "",
    use_hub_credentials: bool = False,
    regions: list[str] | None = None,
) -> tuple[AwsAccount | None, ConnectionReport]:
    """Test the connection; when it works, save the administrator and its detector regions.

    Regions default to those where the administrator has a detector; reachable regions
    without one are kept too, not enabled, so the person can switch them on later.
    """
    access = AccountAccess(account_id, role_arn, external_id, use_hub_credentials)
    report = administrator_test_connection(access, regions)
    if not report.ok:
        return None, report
    now = timezone.now()
    with transaction.atomic():
        account, created = AwsAccount.objects.update_or_create(
            account_id=account_id,
            defaults={
                "kind": AccountKind.ADMINISTRATOR,
                "role_arn": role_arn,
                "external_id": external_id,
                "uses_hub_credentials": use_hub_credentials,
                **AwsAccount.last_error_fields(""),
                **({"name": name} if name else {}),
            },
        )
        for region, detector_id, error in report.regions:
            row, _ = AdministratorRegion.objects.get_or_create(
                administrator=account,
                region=region,
                defaults={"detector_id": detector_id, "enabled": bool(detector_id)},
            )
            row.detector_id = detector_id or row.detector_id
            row.discovered_at = now
            row.error_note(error, now)
            row.save()
        audit_record(
            actor,
            "administrator.onboard" if created else "administrator.update",
            account,
            regions=report.detector_regions,
            via="hub credentials" if use_hub_credentials else (role_arn or "default role"),
        )
    return account, report


def administrator_set_regions(actor, administrator: AwsAccount, regions: list[str]) -> None:
    """The regions the hub works in for this administrator (invite, refresh, sync)."""
    rows = AdministratorRegion.objects.filter(administrator=administrator)
    with transaction.atomic():
        rows.filter(region__in=regions).update(enabled=True)
        rows.exclude(region__in=regions).update(enabled=False)
        audit_record(actor, "administrator.regions", administrator, regions=sorted(regions))


def administrator_detector(administrator: AwsAccount, region: str) -> str:
    """The administrator's detector in `region`: stored, else found (and stored), else created."""
    row = AdministratorRegion.objects.filter(administrator=administrator, region=region).first()
    if row and row.detector_id:
        return row.detector_id
    detector_id = gateway.ensure_detector(access_for(administrator), region)
    AdministratorRegion.objects.update_or_create(
        administrator=administrator,
        region=region,
        defaults={"detector_id": detector_id, "discovered_at": timezone.now()},
    )
    return detector_id


def record_region_error(administrator: AwsAccount, region: str, exc: AwsError | None) -> None:
    """Show (or clear) an error on the administrator's region, or on the account itself."""
    if exc is not None and is_access_problem(exc):
        record_account_error(administrator, exc)
        return
    AdministratorRegion.objects.filter(administrator=administrator, region=region).update(
        **AdministratorRegion.last_error_fields(exc.message if exc else "")
    )
