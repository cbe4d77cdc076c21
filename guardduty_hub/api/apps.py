from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "guardduty_hub.api"
    label = "api"
