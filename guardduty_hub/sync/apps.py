from django.apps import AppConfig


class SyncConfig(AppConfig):
    name = "guardduty_hub.sync"
    label = "sync"

    def ready(self) -> None:
        # Imported here, not at the top: models and tasks load only once the app registry is.
        from guardduty_hub.accounts.signals import membership_enabled
        from guardduty_hub.findings.signals import samples_generated
        from guardduty_hub.sync.receivers import sync_after_membership_enabled, sync_after_samples

        samples_generated.connect(sync_after_samples, dispatch_uid="sync.sync_after_samples")
        membership_enabled.connect(
            sync_after_membership_enabled, dispatch_uid="sync.sync_after_membership_enabled"
        )
