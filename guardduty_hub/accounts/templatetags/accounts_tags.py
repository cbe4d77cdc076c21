from django import template
from django.utils.html import format_html

from guardduty_hub.accounts.choices import status_info

register = template.Library()


@register.simple_tag
def status_badge(value, region=""):
    """A badge for a relationship status: its symbol and label (colour only adds to them);
    unknown values are shown as they come."""
    info = status_info(value or "")
    title = f"{region}: {info.label}. {info.help}" if region else info.help
    return format_html(
        '<span class="badge {}" data-status="{}" title="{}">'
        '<span aria-hidden="true">{}</span> {}</span>',
        info.css,
        info.value or "none",
        title,
        info.symbol,
        info.label,
    )


@register.simple_tag
def region_cell(region, membership, hidden=False):
    """One square of the region strip: the status's symbol and the region's short code
    (colour only adds to them); screen readers hear the region and the status in words.
    `hidden`: the administrator is outside the user's scope, so its error is not shown."""
    value = membership.relationship_status if membership else ""
    info = status_info(value)
    shown = membership is not None and membership.last_error and not hidden
    error = f" Last error: {membership.last_error}" if shown else ""
    return format_html(
        '<span class="rs badge {}{}" data-region="{}" data-status="{}" title="{}: {}.{}">'
        '<span aria-hidden="true">{} {}</span><span class="visually-hidden">{}: {}</span></span>',
        info.css,
        " rs-error" if error else "",
        region,
        info.value or "none",
        region,
        info.label,
        error,
        info.symbol,
        short_region(region),
        region,
        info.label,
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
