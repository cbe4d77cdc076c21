"""The message a channel gets, as the exact JSON text stored on the Delivery row.

Webhook: the hub's own JSON (below). Slack: `text` plus `blocks`, finding text escaped for
Slack's mrkdwn (finding text is untrusted). Email: a subject and a plain-text body.
"""

import json

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import ngettext

from guardduty_hub.findings import sla
from guardduty_hub.findings.choices import SeverityBand
from guardduty_hub.notifications.choices import ChannelKind, Reason
from guardduty_hub.notifications.models import Channel, PendingNotification

WEBHOOK_VERSION = 1


def _overdue(pending: PendingNotification, now) -> dict | None:
    """Which SLA the finding missed and by how long, for an OVERDUE item (else None)."""
    if pending.reason != Reason.OVERDUE or pending.due_at is None:
        return None
    finding = pending.finding
    allowed = pending.due_at - finding.first_seen_at if finding.first_seen_at else None
    late = sla.span(now - pending.due_at)
    band = SeverityBand(finding.severity_band).label
    within = f" within {sla.span(allowed)} of first seen" if allowed else ""
    phase = sla.PHASE_WORDS.get(pending.sla_phase, "")
    return {
        "sla": pending.sla_phase,
        "due_at": pending.due_at.isoformat(),
        "overdue_seconds": int((now - pending.due_at).total_seconds()),
        "text": f"overdue by {late}: the {band} SLA is {phase}{within}",
    }


def _item(pending: PendingNotification, now) -> dict:
    finding = pending.finding
    overdue = _overdue(pending, now)
    return {
        "id": finding.guardduty_id,
        "hub_path": reverse("findings:detail", kwargs={"pk": finding.pk}),
        "title": finding.title,
        "type": finding.type,
        "severity": finding.severity,
        "severity_label": SeverityBand(finding.severity_band).label,
        "account_id": finding.account_id,
        "region": finding.region,
        "count": finding.count,
        "reason": pending.reason,
        "reason_label": Reason(pending.reason).label,
        # Why it is in this message, in words ("new finding", "overdue by 2 h: ...").
        "why": overdue["text"] if overdue else Reason(pending.reason).label.lower(),
        "overdue": overdue,
    }


def _summary(total: int) -> str:
    return ngettext(
        "GuardDuty Hub: %(n)d finding to look at", "GuardDuty Hub: %(n)d findings to look at", total
    ) % {"n": total}


def findings_body(channel: Channel, items: list[PendingNotification], delivery_uid: str) -> str:
    now = timezone.now()
    listed = [_item(p, now) for p in items[: settings.NOTIFICATIONS_MAX_LISTED]]
    more = len(items) - len(listed)
    if channel.kind == ChannelKind.SLACK:
        return json.dumps(_slack(listed, len(items), more))
    if channel.kind == ChannelKind.EMAIL:
        return json.dumps(_email(listed, len(items), more))
    return _webhook("findings", channel, delivery_uid, listed, total=len(items), more=more)


def test_body(channel: Channel, delivery_uid: str) -> str:
    text = f"GuardDuty Hub test message for channel {channel.name}."
    if channel.kind == ChannelKind.SLACK:
        return json.dumps({"text": _slack_escape(text)})
    if channel.kind == ChannelKind.EMAIL:
        return json.dumps({"subject": "GuardDuty Hub: test message", "text": text})
    return _webhook("test", channel, delivery_uid, [], total=0, more=0)


def _webhook(event: str, channel: Channel, delivery_uid: str, listed, *, total, more) -> str:
    """The generic webhook's JSON: one envelope for findings and for the test message."""
    return json.dumps(
        {
            "version": WEBHOOK_VERSION,
            "event": event,
            "delivery": delivery_uid,
            "channel": channel.name,
            "sent_at": timezone.now().isoformat(),
            "total": total,
            "findings": listed,
            "more": more,
        }
    )


def _slack_escape(text: str) -> str:
    # Slack's mrkdwn control characters: without this a title could carry <!channel> or links.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _line(item: dict) -> str:
    title = Truncator(item["title"]).chars(150)
    return (
        f"{item['severity_label']} {item['severity']:g} · {item['account_id']} · {item['region']}"
        f" · {title} ({item['type']}; {item['why']})"
    )


def _slack(listed: list[dict], total: int, more: int) -> dict:
    lines = [f"• {_slack_escape(_line(item))}" for item in listed]
    if more:
        lines.append(f"… and {more} more")
    summary = _summary(total)
    return {
        "text": summary,
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": summary[:150]}},
            {"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)[:2900]}},
        ],
    }


def _email(listed: list[dict], total: int, more: int) -> dict:
    lines = [f"- {_line(item)}" for item in listed]
    if more:
        lines.append(f"... and {more} more")
    return {"subject": _summary(total), "text": "\n".join(lines) + "\n"}
