"""Display helpers for findings: times (user's zone, exact UTC on hover) and badges."""

from datetime import UTC, datetime

from django import template
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils import timezone
from django.utils.html import format_html

from guardduty_hub.findings.choices import FindingStatus, SeverityBand

register = template.Library()

LOCAL_FORMAT = "%Y-%m-%d %H:%M"
UTC_FORMAT = "%Y-%m-%d %H:%M:%S UTC"


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


@register.simple_tag
def when(value, relative: bool = False):
    """A time in the user's zone (or "3 hours ago"), with the exact UTC time on hover."""
    if not value:
        return format_html('<span class="muted">{}</span>', "-")
    local = timezone.localtime(value)
    shown = naturaltime(value) if relative else local.strftime(LOCAL_FORMAT)
    zone = local.tzname() or ""
    title = _utc(value).strftime(UTC_FORMAT)
    if relative:
        title = f"{local.strftime(LOCAL_FORMAT)} {zone} · {title}"
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        _utc(value).isoformat(),
        title,
        shown if relative else f"{shown} {zone}".strip(),
    )


@register.simple_tag
def severity_badge(finding):
    band = SeverityBand(finding.severity_band)
    return format_html(
        '<span class="sev sev-{}" style="background:{}" title="Severity {}">{} {}</span>',
        band.label.lower(),
        band.colour,
        finding.severity,
        band.label,
        f"{finding.severity:g}",
    )


@register.simple_tag
def status_badge(status: str):
    try:
        choice = FindingStatus(status)
    except ValueError:
        return status
    return format_html(
        '<span class="status" style="border-color:{};color:{}">{}</span>',
        choice.colour,
        choice.colour,
        choice.label,
    )


@register.filter
def account_label(account_id: str, names: dict) -> str:
    name = (names or {}).get(account_id)
    return f"{name} ({account_id})" if name else account_id
