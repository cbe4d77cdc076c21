"""Celery tasks of the configuration app: beat reads every administrator's configuration back
on the membership refresh's interval (beat only fans out; one task per administrator)."""

from celery import shared_task

from guardduty_hub.accounts.models import AccountKind, AwsAccount


@shared_task(name="guardduty_hub.configuration.refresh_all", queue="membership", expires=300)
def configuration_refresh_all() -> int:
    ids = list(
        AwsAccount.objects.filter(kind=AccountKind.ADMINISTRATOR).values_list("pk", flat=True)
    )
    for pk in ids:
        configuration_refresh_administrator.apply_async(args=[pk], expires=300)
    return len(ids)


@shared_task(
    name="guardduty_hub.configuration.refresh_administrator", queue="membership", expires=300
)
def configuration_refresh_administrator(administrator_pk: int) -> dict:
    """Errors are recorded on the region they belong to; beat asks again next interval."""
    from guardduty_hub.configuration.intel_list_refresh import intel_lists_refresh

    administrator = AwsAccount.objects.get(pk=administrator_pk)
    return {"lists": intel_lists_refresh(administrator)}
