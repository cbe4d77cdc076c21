from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "guardduty_hub.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        # The upsert announces each written page; findings never imports this app (it sits
        # above), so the rule evaluation subscribes here, like the investigations app.
        from guardduty_hub.findings.signals import finding_page_upserted
        from guardduty_hub.notifications import audit_words, receivers  # noqa: F401

        finding_page_upserted.connect(
            receivers.notifications_queue_page_signal,
            dispatch_uid="notifications.queue_page",
        )
        receivers.connect_rule_cache()
