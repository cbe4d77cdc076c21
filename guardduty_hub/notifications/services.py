"""Write operations of notifications: group queued findings into a message, send a message
(one attempt), the "send a test" of the channel page, and the audited changes of channels and
rules (who may be alerted, and about what, is a security setting)."""

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from guardduty_hub.accounts.audit import audit_record
from guardduty_hub.core.backoff import backoff_delay
from guardduty_hub.findings.sla import is_overdue
from guardduty_hub.notifications import payloads, sealed, transports
from guardduty_hub.notifications.choices import (
    AttemptStatus,
    ChannelKind,
    DeliveryKind,
    DeliveryStatus,
    Reason,
)
from guardduty_hub.notifications.models import (
    Channel,
    Delivery,
    DeliveryAttempt,
    PendingNotification,
    Rule,
)

log = logging.getLogger(__name__)

# Findings grouped into one message at most (a bigger backlog goes out a window later).
FLUSH_LIMIT = 1000


@dataclass
class Flush:
    delivery_id: int | None = None
    # The channel's window is still open: try again at this time.
    wait_until: datetime | None = None


def channel_flush(channel_id: int) -> Flush:
    """Put the channel's queued findings in one message, unless the channel had one less than a
    window ago. Idempotent: the items and the message are claimed in one transaction under the
    channel's row lock, so two flushes at once make one message."""
    now = timezone.now()
    with transaction.atomic():
        channel = Channel.objects.select_for_update().filter(pk=channel_id).first()
        if channel is None or not channel.enabled:
            return Flush()
        if channel.window_until and channel.window_until > now:
            has_items = PendingNotification.objects.filter(
                channel_id=channel_id, delivery__isnull=True
            ).exists()
            return Flush(wait_until=channel.window_until if has_items else None)
        items = list(
            PendingNotification.objects.filter(channel_id=channel_id, delivery__isnull=True)
            .select_related("finding")
            .order_by("-severity", "id")[:FLUSH_LIMIT]
        )
        items = _without_stale_overdue(items, now)
        if not items:
            return Flush()
        delivery = Delivery(channel=channel, findings_count=len(items))
        delivery.body = payloads.findings_body(channel, items, str(delivery.uid))
        delivery.save()
        PendingNotification.objects.filter(pk__in=[i.pk for i in items]).update(delivery=delivery)
        channel.window_until = now + timedelta(seconds=settings.NOTIFICATIONS_WINDOW_SECONDS)
        channel.save(update_fields=["window_until"])
    return Flush(delivery_id=delivery.pk)


def _without_stale_overdue(items: list[PendingNotification], now) -> list[PendingNotification]:
    """Drop (and forget) overdue notices of findings no longer overdue: acknowledged, resolved
    or archived since the scan queued them, nobody needs to be told they are late."""
    stale = {i.pk for i in items if i.reason == Reason.OVERDUE and not is_overdue(i.finding, now)}
    if not stale:
        return items
    PendingNotification.objects.filter(pk__in=stale).delete()
    return [i for i in items if i.pk not in stale]


def channel_send_test(channel: Channel) -> Delivery:
    """A test message, outside the grouping window (someone is waiting for it)."""
    delivery = Delivery(channel=channel, kind=DeliveryKind.TEST)
    delivery.body = payloads.test_body(channel, str(delivery.uid))
    delivery.save()
    return delivery


@dataclass(frozen=True)
class ChannelParts:
    """What goes with a channel when it is deleted (the confirmation page says so)."""

    rules: int
    deliveries: int
    queued: int


def channel_parts(channel: Channel) -> ChannelParts:
    return ChannelParts(
        rules=channel.rules.count(),
        deliveries=channel.deliveries.count(),
        queued=PendingNotification.objects.filter(channel=channel, delivery__isnull=True).count(),
    )


def channel_save(actor, form) -> Channel:
    """Save a ChannelForm; audited with its kind, never its secret."""
    created = form.instance.pk is None
    with transaction.atomic():
        channel = form.save()
        audit_record(
            actor, "notifications.channel_save", channel, kind=channel.kind, created=created
        )
    return channel


def rule_save(actor, form, channel: Channel) -> Rule:
    """Save a RuleForm for `channel`; audited with the channel it sends to."""
    created = form.instance.pk is None
    with transaction.atomic():
        rule = form.save(commit=False)
        rule.channel = channel
        rule.save()
        audit_record(actor, "notifications.rule_save", rule, channel=channel.name, created=created)
    return rule


def rule_delete(actor, rule: Rule) -> None:
    with transaction.atomic():
        audit_record(actor, "notifications.rule_delete", rule, channel=rule.channel.name)
        rule.delete()


def channel_delete(actor, channel: Channel) -> ChannelParts:
    """Delete the channel with its rules, deliveries (and their attempts), queued findings and
    what it was told; audited with the counts. Under the channel's row lock, as a flush takes
    it: a flush running now finishes first, a later one finds no channel."""
    with transaction.atomic():
        channel = Channel.objects.select_for_update().get(pk=channel.pk)
        parts = channel_parts(channel)
        audit_record(
            actor,
            "notifications.channel_delete",
            channel,
            kind=channel.kind,
            rules=parts.rules,
            deliveries=parts.deliveries,
        )
        channel.delete()
    return parts


@dataclass
class Outcome:
    status: str | None  # None: another worker holds it, or it is finished
    retry_in: float | None = None


def retry_delay(attempt: int) -> float:
    """After attempt `attempt` (1, 2, ...): the hub's backoff, at most 10 minutes."""
    return backoff_delay(max(attempt - 1, 0), settings.NOTIFICATIONS_RETRY_BASE_SECONDS, 600)


def _claim(delivery_id: int, now: datetime) -> bool:
    lease = now + timedelta(seconds=settings.NOTIFICATIONS_TIMEOUT_SECONDS * 4 + 30)
    claimable = Q(status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING]) | Q(
        status=DeliveryStatus.SENDING, claimed_until__lt=now
    )
    return bool(
        Delivery.objects.filter(claimable, pk=delivery_id).update(
            status=DeliveryStatus.SENDING, claimed_until=lease
        )
    )


def delivery_attempt(delivery_id: int) -> Outcome:
    """One attempt at sending a message, recorded as a DeliveryAttempt row whatever happens."""
    now = timezone.now()
    if not _claim(delivery_id, now):
        return Outcome(None)
    delivery = Delivery.objects.select_related("channel").get(pk=delivery_id)
    number = delivery.attempts + 1
    started = time.monotonic()
    code, error, permanent = None, "", False
    try:
        code = _send(delivery.channel, delivery).status
    except transports.DeliveryError as exc:
        code, error, permanent = exc.status, str(exc), exc.permanent
    except sealed.SecretUnavailable as exc:
        error, permanent = str(exc), True
    duration = int((time.monotonic() - started) * 1000)
    sent = not error
    last = permanent or number >= settings.NOTIFICATIONS_MAX_ATTEMPTS
    status = (
        DeliveryStatus.SENT if sent else DeliveryStatus.FAILED if last else DeliveryStatus.RETRYING
    )
    retry_in = None if sent or last else retry_delay(number)
    with transaction.atomic():
        updated = Delivery.objects.filter(pk=delivery.pk).update(
            status=status,
            attempts=number,
            response_code=code,
            error=error,
            sent_at=now if sent else None,
            claimed_until=None,
            next_attempt_at=now + timedelta(seconds=retry_in) if retry_in else None,
        )
        if not updated:
            return Outcome(None)  # its channel was deleted during the attempt
        DeliveryAttempt.objects.create(
            delivery=delivery,
            number=number,
            status=AttemptStatus.SENT if sent else AttemptStatus.FAILED,
            response_code=code,
            error=error,
            sent_at=now,
            duration_ms=duration,
        )
    if error:
        log.warning(
            "notification %s to channel %s, attempt %d: %s",
            delivery.uid,
            delivery.channel.name,
            number,
            error,
        )
    return Outcome(status, retry_in)


def _send(channel: Channel, delivery: Delivery) -> transports.Sent:
    if channel.kind == ChannelKind.EMAIL:
        return transports.send_email(channel.recipient_list, delivery.body)
    url = sealed.unseal(channel.url)
    if channel.kind == ChannelKind.SLACK:
        return transports.post_json(url, delivery.body)
    return transports.post_signed(
        url,
        delivery.body,
        secret=sealed.unseal(channel.signing_secret),
        delivery_uid=str(delivery.uid),
    )


def deliveries_due(now: datetime):
    """Messages a lost task left behind: never sent, a retry whose time passed long ago, or a
    send whose worker vanished (claim expired). For the sweep."""
    grace = now - timedelta(seconds=settings.NOTIFICATIONS_SWEEP_SECONDS)
    return Delivery.objects.filter(
        Q(status=DeliveryStatus.PENDING, created_at__lt=grace)
        | Q(status=DeliveryStatus.RETRYING, next_attempt_at__lt=grace)
        | Q(status=DeliveryStatus.SENDING, claimed_until__lt=now)
    ).values_list("pk", flat=True)


def channels_due(now: datetime):
    """Channels with queued findings whose window is over (a lost flush task)."""
    return (
        PendingNotification.objects.filter(delivery__isnull=True, channel__enabled=True)
        .filter(Q(channel__window_until__isnull=True) | Q(channel__window_until__lte=now))
        .values_list("channel_id", flat=True)
        .distinct()
    )
