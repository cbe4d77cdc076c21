from django.apps import AppConfig


class ConfigurationConfig(AppConfig):
    name = "guardduty_hub.configuration"
    label = "configuration"

    def ready(self) -> None:
        # The region steps of configuration operations join the accounts operation runner.
        # The audit log's sentences for its events join the registry (accounts.audit_words).
        from guardduty_hub.configuration import (  # noqa: F401
            audit_words,
            detector_steps,
            intel_list_steps,
            organization_steps,
            rule_steps,
        )
