from django.apps import AppConfig


class FindingsConfig(AppConfig):
    name = "guardduty_hub.findings"
    label = "findings"
