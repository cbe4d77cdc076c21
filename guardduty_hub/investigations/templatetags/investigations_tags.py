"""The investigation blocks of a finding's page, loaded by templates/findings/detail.html (a
template tag, so the findings app never imports this one)."""

from django import template

from guardduty_hub.findings.selectors import account_names
from guardduty_hub.investigations.advice import finding_guidance
from guardduty_hub.investigations.selectors import finding_indicators, related_findings

register = template.Library()


@register.inclusion_tag("investigations/_finding_indicators.html", takes_context=True)
def finding_investigation(context, finding):
    """The finding's indicators, each linking to its page, and the findings sharing them."""
    user = context["request"].user
    indicators = finding_indicators(finding)
    return {
        "indicators": indicators,
        "related": related_findings(user, finding, indicators),
        "names": account_names(user),
    }


@register.inclusion_tag("investigations/_guidance.html")
def guidance(finding):
    """What the finding's type means, what to check first and how to remediate."""
    return finding_guidance(finding)


@register.filter
def account_label(account_id: str, names: dict) -> str:
    """ "Production (111111111111)", or the bare id for an account the hub has no name for."""
    name = (names or {}).get(account_id)
    return f"{name} ({account_id})" if name else account_id
