"""Display helpers for findings: times (user's zone, exact UTC on hover) and badges."""

from datetime import UTC, datetime

from django import template
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from guardduty_hub.accounts.audit_words import event_details, event_sentence
from guardduty_hub.findings.choices import FindingStatus, SeverityBand

register = template.Library()

LOCAL_FORMAT = "%Y-%m-%d %H:%M"
UTC_FORMAT = "%Y-%m-%d %H:%M:%S UTC"
# Longer than this, a finding's field shows its start, the rest on demand (views/full_field.py).
LONG_FIELD_CHARS = 2_000


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
def clip(value) -> str:
    """The start of a long field (finding text can be any length): LONG_FIELD_CHARS, then an
    ellipsis. Layout of huge text is what made big findings slow to open."""
    # Truncator counts the ellipsis in its length: LONG_FIELD_CHARS characters, then "…".
    return Truncator("" if value is None else value).chars(LONG_FIELD_CHARS + 1)


@register.filter
def is_long(value) -> bool:
    return value is not None and len(str(value)) > LONG_FIELD_CHARS


@register.filter
def event_words(event) -> str:
    """An audit event as a sentence ("Status New → Investigating"); "" when there is none."""
    return event_sentence(event)


@register.filter
def event_detail_lines(event) -> list[tuple[str, str]]:
    """The event's details as (label, words) lines: no dicts, no raw AWS values."""
    return event_details(event)
