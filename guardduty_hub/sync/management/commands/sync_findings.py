"""`manage.py sync_findings`: the same sync as the workers, in the foreground, one line per pair."""

from django.core.management.base import BaseCommand, CommandError

from guardduty_hub.accounts.models import AwsAccount
from guardduty_hub.aws import AwsError
from guardduty_hub.core.heap import freeze_loaded_heap
from guardduty_hub.sync import reconcile, services
from guardduty_hub.sync.models import SyncRunStatus
from guardduty_hub.sync.pairs import enabled_pairs


class Command(BaseCommand):
    help = "Sync GuardDuty findings for every enabled (administrator, region), or the chosen ones."

    def add_arguments(self, parser):
        parser.add_argument("--administrator", help="AWS account id (12 digits) or hub id")
        parser.add_argument("--region", help="only this region")
        parser.add_argument("--full", action="store_true", help="list everything, mark gone")
        parser.add_argument(
            "--reconcile", action="store_true", help="run the archive reconcile instead"
        )

    def handle(self, *args, administrator=None, region=None, full=False, reconcile=False, **kw):
        freeze_loaded_heap()  # a long sync in the foreground: see core/heap.py
        admin_pk = _administrator_pk(administrator) if administrator else None
        pairs = enabled_pairs(admin_pk, region)
        if not pairs:
            raise CommandError("No enabled (administrator, region) matches.")
        names = dict(AwsAccount.objects.values_list("pk", "account_id"))
        failed = 0
        for pair in pairs:
            label = f"{names.get(pair.administrator_id, pair.administrator_id)} {pair.region}"
            try:
                if reconcile:
                    run = _reconcile(pair)
                else:
                    run = services.sync_region(pair.administrator_id, pair.region, full=full)
            except AwsError as exc:
                failed += 1
                self.stdout.write(f"{label}: failed (will retry later): {exc.message}")
                continue
            if run is None:
                self.stdout.write(f"{label}: skipped, another run holds this pair")
                continue
            if run.status != SyncRunStatus.SUCCEEDED:
                failed += 1
                self.stdout.write(f"{label}: failed: {run.error}")
                continue
            self.stdout.write(f"{label}: {_line(run)}")
        if failed:
            raise CommandError(f"{failed} of {len(pairs)} pairs failed.")


def _reconcile(pair):
    return reconcile.reconcile_region(pair.administrator_id, pair.region)


def _line(run) -> str:
    seconds = run.duration.total_seconds() if run.duration else 0.0
    parts = [
        run.get_kind_display().lower(),
        f"{run.pages} pages",
        f"{run.fetched} fetched",
        f"{run.created} created",
        f"{run.updated} updated",
        f"{run.unchanged} unchanged",
    ]
    if run.marked_gone:
        parts.append(f"{run.marked_gone} gone")
    if run.archive_changed:
        parts.append(f"{run.archive_changed} archive changes")
    parts += [f"{run.api_calls} API calls", f"{seconds:.1f}s"]
    return ", ".join(parts)


def _administrator_pk(value: str) -> int:
    account = AwsAccount.objects.filter(account_id=value).first()
    if account is None and value.isdigit() and len(value) != 12:
        account = AwsAccount.objects.filter(pk=int(value)).first()
    if account is None:
        raise CommandError(f"No administrator account {value}.")
    return account.pk
