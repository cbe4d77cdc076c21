"""A suppression rule on the remote party's IP address: back-tested through the finding list's
FilterSet on stored findings (as received, in either casing), accepted by GuardDuty in every
region, and archiving the next finding from that address only."""

import pytest
from django.urls import reverse

from guardduty_hub.accounts.models import OperationState
from guardduty_hub.configuration import rules as services
from guardduty_hub.configuration.rule_backtest import rule_backtest
from guardduty_hub.findings.models import Finding
from guardduty_hub.simulator.findings import load_findings
from guardduty_hub.sync.services import sync_region
from tests.configuration.conftest import HUB_ADMIN, REGIONS
from tests.factories import make_finding
from tests.findings.builders import network_connection, raw_finding

SCANNER, OTHER = "198.51.100.7", "203.0.113.50"
CONNECTION = "UnauthorizedAccess:EC2/SSHBruteForce"


def connection_from(ip: str, title: str, **kwargs) -> dict:
    finding = raw_finding(account_id=HUB_ADMIN, finding_type=CONNECTION, title=title, **kwargs)
    finding["Service"]["Action"] = network_connection(ip, direction="INBOUND")
    return finding


def probe_from(ip: str) -> dict:
    """As EventBridge delivers it: camelCase, the probe's details a list."""
    remote = {"remoteIpDetails": {"ipAddressV4": ip}, "localPortDetails": {"port": 22}}
    return {
        "service": {
            "action": {
                "actionType": "PORT_PROBE",
                "portProbeAction": {"blocked": False, "portProbeDetails": [remote]},
            }
        }
    }


@pytest.fixture
def stored(hub_admin):
    return [
        make_finding(
            administrator=hub_admin,
            action_type="NETWORK_CONNECTION",
            raw=connection_from(SCANNER, "from the scanner"),
        ),
        make_finding(
            administrator=hub_admin,
            action_type="NETWORK_CONNECTION",
            raw=connection_from(OTHER, "from elsewhere"),
        ),
        make_finding(administrator=hub_admin, action_type="PORT_PROBE", raw=probe_from(SCANNER)),
    ]


def test_suppression_remote_ip_backtest_through_the_list_filters(sim, hub_admin, stored):
    assert rule_backtest(hub_admin, f"remote_ip={SCANNER}").total == 2
    assert (
        rule_backtest(hub_admin, f"action_type=NETWORK_CONNECTION&remote_ip={SCANNER}").total == 1
    )
    assert rule_backtest(hub_admin, f"action_type=PORT_PROBE&remote_ip={SCANNER}").total == 1
    assert rule_backtest(hub_admin, f"action_type=PORT_PROBE&remote_ip={OTHER}").total == 0


def test_suppression_remote_ip_rule_archives_the_next_finding_from_that_address(
    sim, admin_alice, hub_admin, run
):
    rule, operation = run(
        services.suppression_rule_save,
        admin_alice,
        hub_admin,
        name="known-scanner",
        query=f"action_type=NETWORK_CONNECTION&remote_ip={SCANNER}",
    )
    assert operation.state == OperationState.DONE
    for region in REGIONS:
        gd, detector = sim.guardduty(HUB_ADMIN, region), sim.detector(HUB_ADMIN, region)
        got = gd.get_filter(DetectorId=detector, FilterName="known-scanner")
        assert got["FindingCriteria"] == rule.criteria

    load_findings(
        HUB_ADMIN,
        "us-east-1",
        [connection_from(SCANNER, "scanner again"), connection_from(OTHER, "someone else")],
    )
    sync_region(hub_admin.pk, "us-east-1", full=True)
    archived = dict(Finding.objects.values_list("title", "archived"))
    assert archived == {"scanner again": True, "someone else": False}


def test_suppression_rule_page_offers_remote_ip_and_back_tests_it(
    client_for, admin_alice, sim, hub_admin, stored
):
    page = client_for(admin_alice).get(
        reverse("configuration:rule_new", args=[HUB_ADMIN]),
        {"action_type": "PORT_PROBE", "remote_ip": SCANNER},
    )
    html = page.content.decode()
    assert 'name="remote_ip"' in html and 'name="action_type"' in html
    assert 'data-total="1"' in html
    refused = client_for(admin_alice).get(
        reverse("configuration:rule_new", args=[HUB_ADMIN]), {"remote_ip": SCANNER}
    )
    assert "Remote IP: choose the action too" in refused.content.decode()
