"""A suppression rule is written as the finding list's filters (findings/filters.py): the same
form cleans them, the same FilterSet back-tests them on stored findings, and this module writes
them as GuardDuty's FindingCriteria.

Only filters GuardDuty can express are allowed in a rule; the others (triage status, assignee,
dates, free-text search, ...) are the hub's own and are refused by name. The archived and sample
filters are ignored: a rule acts on new findings as they arrive.
"""

from math import floor

from django.http import QueryDict

from guardduty_hub.findings.choices import SeverityBand
from guardduty_hub.findings.filters import DEFAULTS, FindingFilterSet
from guardduty_hub.findings.models import Finding

# GuardDuty's documented way to pick a severity label: Equals on the whole numbers of its range.
BAND_SEVERITIES = {
    SeverityBand.LOW: ["1", "2", "3"],
    SeverityBand.MEDIUM: ["4", "5", "6"],
    SeverityBand.HIGH: ["7", "8"],
    SeverityBand.CRITICAL: ["9", "10"],
}
IGNORED = ("archived", "sample")  # in this order in the links it makes
RULE_FILTERS = ("severity", "min_severity", "type", "type_prefix", "account", "region")
RULE_FILTERS += ("resource_type", "action_type", "remote_ip")
# GuardDuty matches a remote IP within one kind of action (criteria AND together, so one rule
# cannot say "any action"): the rule names the action, and its remote IP field is this.
REMOTE_IP_FIELDS = {
    "NETWORK_CONNECTION": "service.action.networkConnectionAction.remoteIpDetails.ipAddressV4",
    "PORT_PROBE": "service.action.portProbeAction.portProbeDetails.remoteIpDetails.ipAddressV4",
    "AWS_API_CALL": "service.action.awsApiCallAction.remoteIpDetails.ipAddressV4",
    "KUBERNETES_API_CALL": "service.action.kubernetesApiCallAction.remoteIpDetails.ipAddressV4",
    "RDS_LOGIN_ATTEMPT": "service.action.rdsLoginAttemptAction.remoteIpDetails.ipAddressV4",
}


class RuleCriteriaError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def rule_filterset(query: str, queryset=None) -> FindingFilterSet:
    """The finding list's FilterSet over `queryset` for a rule's query (archived: any)."""
    data = QueryDict(query, mutable=True)
    for name in IGNORED:
        data[name] = "any"
    return FindingFilterSet(
        data, queryset=queryset if queryset is not None else Finding.objects.none()
    )


def cleaned_filters(query: str) -> dict:
    """The query's filters as the list's form cleans them; RuleCriteriaError when one is not
    a filter GuardDuty can apply or does not validate."""
    filterset = rule_filterset(query)
    form = filterset.form
    if not form.is_valid():
        raise RuleCriteriaError(
            [
                f"{form.fields[name].label}: {' '.join(errors)}"
                for name, errors in form.errors.items()
            ]
        )
    problems = []
    cleaned = {}
    for name, value in form.cleaned_data.items():
        if name in IGNORED or value in (None, "", [], ()) or DEFAULTS.get(name) == value:
            continue
        if name not in RULE_FILTERS:
            label = form.fields[name].label or name
            problems.append(f"“{label}” is a filter of the hub; GuardDuty rules cannot use it.")
            continue
        cleaned[name] = value
    if problems:
        raise RuleCriteriaError(problems)
    if not cleaned:
        raise RuleCriteriaError(
            ["Choose at least one filter: a rule without one matches everything."]
        )
    return cleaned


def rule_criteria(query: str) -> dict:
    """GuardDuty's FindingCriteria (boto3 shape) for a rule's query."""
    cleaned = cleaned_filters(query)
    criterion: dict[str, dict] = {}
    if "severity" in cleaned:
        bands = sorted(SeverityBand(int(v)) for v in cleaned["severity"])
        criterion["severity"] = {"Equals": [s for b in bands for s in BAND_SEVERITIES[b]]}
    if "min_severity" in cleaned:
        minimum = float(cleaned["min_severity"])
        if minimum != floor(minimum):
            raise RuleCriteriaError(
                ["Minimum severity: GuardDuty compares severity with whole numbers in rules."]
            )
        criterion.setdefault("severity", {})["GreaterThanOrEqual"] = int(minimum)
    if "type" in cleaned:
        criterion["type"] = {"Equals": [cleaned["type"]]}
    if "type_prefix" in cleaned:
        prefix = cleaned["type_prefix"]
        pattern = f"*{prefix}*" if prefix.startswith(":") else f"{prefix}*"
        criterion.setdefault("type", {})["Matches"] = [pattern]
    if "account" in cleaned:
        criterion["accountId"] = {"Equals": sorted(cleaned["account"])}
    if "region" in cleaned:
        criterion["region"] = {"Equals": sorted(cleaned["region"])}
    if "resource_type" in cleaned:
        criterion["resource.resourceType"] = {"Equals": [cleaned["resource_type"]]}
    if "action_type" in cleaned:
        criterion["service.action.actionType"] = {"Equals": [cleaned["action_type"]]}
    if "remote_ip" in cleaned:
        field = REMOTE_IP_FIELDS.get(cleaned.get("action_type", ""))
        if field is None:
            raise RuleCriteriaError(
                [
                    "Remote IP: choose the action too (network connection, port probe, AWS API "
                    "call, Kubernetes API call or RDS login attempt); GuardDuty matches a remote "
                    "IP within one kind of action."
                ]
            )
        criterion[field] = {"Equals": [cleaned["remote_ip"]]}
    return {"Criterion": criterion}
