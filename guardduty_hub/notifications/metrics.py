"""Notification figures for /metrics (sync/metrics.py registers this collector beside its own):
messages sent and failed per channel kind, and every failed attempt, from the Delivery rows."""

from django.db.models import Count
from prometheus_client.core import CounterMetricFamily

from guardduty_hub.notifications.choices import ChannelKind, DeliveryStatus
from guardduty_hub.notifications.models import Delivery, DeliveryAttempt


class NotificationCollector:
    def collect(self):
        sent = CounterMetricFamily(
            "gdh_notifications_sent", "Messages delivered, per channel kind.", labels=["kind"]
        )
        failed = CounterMetricFamily(
            "gdh_notifications_failed",
            "Messages given up on after their last attempt, per channel kind.",
            labels=["kind"],
        )
        attempts = CounterMetricFamily(
            "gdh_notifications_attempts_failed",
            "Failed attempts (each retried or final), per channel kind.",
            labels=["kind"],
        )
        counts = {(kind, status): 0 for kind in ChannelKind.values for status in DeliveryStatus}
        rows = (
            Delivery.objects.filter(status__in=[DeliveryStatus.SENT, DeliveryStatus.FAILED])
            .values("channel__kind", "status")
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in rows:
            counts[(row["channel__kind"], row["status"])] = row["n"]
        failed_attempts = dict.fromkeys(ChannelKind.values, 0)
        rows = (
            DeliveryAttempt.objects.filter(status="failed")
            .values("delivery__channel__kind")
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in rows:
            failed_attempts[row["delivery__channel__kind"]] = row["n"]
        for kind in ChannelKind.values:
            sent.add_metric([kind], counts[(kind, DeliveryStatus.SENT)])
            failed.add_metric([kind], counts[(kind, DeliveryStatus.FAILED)])
            attempts.add_metric([kind], failed_attempts[kind])
        yield from (sent, failed, attempts)
