from django.apps import AppConfig


class ConfigurationConfig(AppConfig):
    name = "guardduty_hub.configuration"
    label = "configuration"

    def ready(self) -> None:
        # The region steps of configuration operations join the accounts operation runner.
        from guardduty_hub.configuration import (  # noqa: F401
            detector_steps,
            intel_list_steps,
            organization_steps,
            rule_steps,
        )
