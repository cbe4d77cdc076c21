from django.apps import AppConfig


class InvestigationsConfig(AppConfig):
    name = "guardduty_hub.investigations"
    label = "investigations"
    verbose_name = "Investigations"

    def ready(self) -> None:
        # The upsert announces each written page; the findings and sync apps never import this
        # app (it sits above them), so the indicator writer subscribes here.
        from guardduty_hub.findings.signals import finding_page_upserted
        from guardduty_hub.investigations.store import indicators_store_page_signal

        finding_page_upserted.connect(
            indicators_store_page_signal, dispatch_uid="investigations.indicators_store_page"
        )
