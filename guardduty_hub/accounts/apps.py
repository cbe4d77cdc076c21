from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "guardduty_hub.accounts"
    label = "accounts"
