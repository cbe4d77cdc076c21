"""The investigation blocks of a finding's page, loaded by templates/findings/detail.html (a
template tag, so the findings app never imports this one)."""

from django import template

from guardduty_hub.investigations.advice import finding_guidance
from guardduty_hub.investigations.selectors import finding_indicators, related_findings

register = template.Library()


@register.inclusion_tag("investigations/_finding_indicators.html", takes_context=True)
def finding_investigation(context, finding):
    """The finding's indicators, each linking to its page, and the findings sharing them."""
    indicators = finding_indicators(finding)
    return {
        "indicators": indicators,
        "related": related_findings(context["request"].user, finding, indicators),
    }


@register.inclusion_tag("investigations/_guidance.html")
def guidance(finding):
    """What the finding's type means, what to check first and how to remediate."""
    return finding_guidance(finding)
