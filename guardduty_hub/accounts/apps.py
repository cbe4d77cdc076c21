from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "guardduty_hub.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Imported here, not at the top: the tasks load models, which need the app registry.
        from guardduty_hub.accounts.signals import operation_queued
        from guardduty_hub.accounts.tasks import operation_run_after_commit

        operation_queued.connect(operation_run_after_commit, dispatch_uid="accounts.operation_run")
