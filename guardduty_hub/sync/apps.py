from django.apps import AppConfig


class SyncConfig(AppConfig):
    name = "guardduty_hub.sync"
    label = "sync"
