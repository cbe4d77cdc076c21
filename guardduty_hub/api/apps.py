from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "guardduty_hub.api"
    label = "api"

    def ready(self) -> None:
        # Registers the token scheme with drf-spectacular.
        from guardduty_hub.api import schema  # noqa: F401
