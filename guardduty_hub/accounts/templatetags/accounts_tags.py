from django import template
from django.utils.html import format_html

from guardduty_hub.accounts.choices import status_info

register = template.Library()


@register.simple_tag
def status_badge(value, region=""):
    """A coloured badge for a relationship status; unknown values are shown as they come."""
    info = status_info(value or "")
    title = f"{region}: {info.label}. {info.help}" if region else info.help
    return format_html(
        '<span class="badge {}" data-status="{}" title="{}">{}</span>',
        info.css,
        info.value or "none",
        title,
        info.label,
    )


@register.simple_tag
def region_cell(region, membership):
    """One square of the region strip: the region's short code, coloured by status."""
    value = membership.relationship_status if membership else ""
    info = status_info(value)
    error = f" Last error: {membership.last_error}" if membership and membership.last_error else ""
    return format_html(
        '<span class="rs badge {}{}" data-region="{}" data-status="{}" title="{}: {}.{}">{}</span>',
        info.css,
        " rs-error" if error else "",
        region,
        info.value or "none",
        region,
        info.label,
        error,
        short_region(region),
    )


@register.filter
def short_region(region: str) -> str:
    """us-east-1 -> use1, ap-southeast-2 -> apse2: compact enough for 17 regions in a row."""
    parts = region.split("-")
    if len(parts) < 3:
        return region
    area, direction, number = parts[0], parts[1:-1], parts[-1]
    letters = "".join(
        {"east": "e", "west": "w", "north": "n", "south": "s", "central": "c"}.get(d, d[:1])
        if d not in ("northeast", "southeast", "northwest", "southwest")
        else d[0] + d[5]
        for d in direction
    )
    return f"{area}{letters}{number}"
