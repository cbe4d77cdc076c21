from django.apps import AppConfig


class FindingsConfig(AppConfig):
    name = "guardduty_hub.findings"
    label = "findings"

    def ready(self) -> None:
        # Imported here, not at the top: the tasks load models, which need the app registry.
        # The audit log's sentences for findings events join the registry (accounts.audit_words).
        from guardduty_hub.findings import audit_words  # noqa: F401
        from guardduty_hub.findings.signals import bulk_operation_queued
        from guardduty_hub.findings.tasks import bulk_operation_run_after_commit

        bulk_operation_queued.connect(
            bulk_operation_run_after_commit, dispatch_uid="findings.bulk_operation_run"
        )
