from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "guardduty_hub.core"
    label = "core"

    def ready(self) -> None:
        from guardduty_hub.core.roles import sync_role_groups

        post_migrate.connect(sync_role_groups, sender=self, dispatch_uid="core.sync_role_groups")
