from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "guardduty_hub.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Imported here, not at the top: the tasks load models, which need the app registry.
        # The membership steps join the operation runner's registry (steps.py).
        from guardduty_hub.accounts import member_steps  # noqa: F401
        from guardduty_hub.accounts.signals import operation_queued
        from guardduty_hub.accounts.tasks import operation_run_after_commit

        operation_queued.connect(operation_run_after_commit, dispatch_uid="accounts.operation_run")
