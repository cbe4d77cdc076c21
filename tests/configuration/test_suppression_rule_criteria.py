"""A rule is the finding list's filters, written as GuardDuty's FindingCriteria."""

import pytest

from guardduty_hub.configuration.rule_criteria import RuleCriteriaError, rule_criteria


@pytest.mark.parametrize(
    ("query", "criterion"),
    [
        (
            "severity=1&severity=2&type=Recon:EC2/PortProbeUnprotectedPort",
            {
                "severity": {"Equals": ["1", "2", "3", "4", "5", "6"]},
                "type": {"Equals": ["Recon:EC2/PortProbeUnprotectedPort"]},
            },
        ),
        (
            "type_prefix=Recon:&min_severity=4",
            {
                "type": {"Matches": ["Recon:*"]},
                "severity": {"GreaterThanOrEqual": 4},
            },
        ),
        ("type_prefix=:EC2/", {"type": {"Matches": ["*:EC2/*"]}}),
        (
            "account=222222222222&account=111111111111&region=eu-west-1&resource_type=Instance",
            {
                "accountId": {"Equals": ["111111111111", "222222222222"]},
                "region": {"Equals": ["eu-west-1"]},
                "resource.resourceType": {"Equals": ["Instance"]},
            },
        ),
        (
            "action_type=NETWORK_CONNECTION&remote_ip=198.51.100.7",
            {
                "service.action.actionType": {"Equals": ["NETWORK_CONNECTION"]},
                "service.action.networkConnectionAction.remoteIpDetails.ipAddressV4": {
                    "Equals": ["198.51.100.7"]
                },
            },
        ),
        (
            "action_type=PORT_PROBE&remote_ip=203.0.113.9",
            {
                "service.action.actionType": {"Equals": ["PORT_PROBE"]},
                "service.action.portProbeAction.portProbeDetails.remoteIpDetails.ipAddressV4": {
                    "Equals": ["203.0.113.9"]
                },
            },
        ),
        # A rule meets findings as they arrive: the list's archived and sample filters go.
        ("severity=4&archived=yes&sample=any", {"severity": {"Equals": ["9", "10"]}}),
    ],
)
def test_suppression_rule_criteria_from_list_filters(query, criterion):
    assert rule_criteria(query) == {"Criterion": criterion}


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("status=new&type=X", "“Status” is a filter of the hub"),
        ("q=probe", "“Search” is a filter of the hub"),
        ("", "Choose at least one filter"),
        ("archived=yes", "Choose at least one filter"),
        ("min_severity=4.5", "whole numbers"),
        ("account=12", "Account"),
        ("remote_ip=198.51.100.7", "Remote IP: choose the action too"),
        ("action_type=DNS_REQUEST&remote_ip=198.51.100.7", "Remote IP: choose the action too"),
        ("action_type=PORT_PROBE&remote_ip=2001:db8::1", "Remote IP"),
        ("action_type=PORT_PROBE&remote_ip=probe", "Remote IP"),
    ],
)
def test_suppression_rule_criteria_refused(query, problem):
    with pytest.raises(RuleCriteriaError) as caught:
        rule_criteria(query)
    assert any(problem in p for p in caught.value.problems), caught.value.problems
