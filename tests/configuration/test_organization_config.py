"""Organizations: designate the delegated administrator from the management account, list the
organization's accounts, add them without invitations, set auto-enable in every region."""

import pytest
from django.urls import reverse

from guardduty_hub.accounts.models import (
    AuditEvent,
    AwsAccount,
    JoinMethod,
    MembershipOperation,
    OperationState,
)
from guardduty_hub.configuration import organization as services
from guardduty_hub.configuration.errors import ConfigurationError
from guardduty_hub.simulator import faults
from tests.configuration.conftest import HUB_ADMIN, REGIONS, only_failed_region
from tests.fixtures.membership import statuses


@pytest.fixture
def organization(sim, hub_admin):
    """The hub's administrator account manages an organization of two more accounts."""
    org = sim.client("organizations")
    org.create_organization(FeatureSet="ALL")
    return [
        org.create_account(AccountName=name, Email=f"{name}@example.com")["CreateAccountStatus"][
            "AccountId"
        ]
        for name in ("workload-a", "workload-b")
    ]


def test_organization_designate_add_without_invitations_and_auto_enable(
    sim, admin_alice, hub_admin, organization, run
):
    assert not any(s.delegated for s in services.organization_state(hub_admin))
    designated = run(services.delegated_admin_designate, admin_alice, hub_admin, hub_admin)
    assert designated.state == OperationState.DONE
    assert sorted(designated.items.values_list("region", flat=True)) == REGIONS
    assert all(s.delegated for s in services.organization_state(hub_admin))
    listed = {a.account_id: a for a in services.organization_accounts(hub_admin)}
    assert set(organization) <= set(listed)

    operation = run(services.organization_accounts_add, admin_alice, hub_admin, organization)
    assert operation.state == OperationState.DONE
    assert set(statuses(hub_admin).values()) == {"Enabled"}
    assert len(statuses(hub_admin)) == 2 * len(REGIONS)
    added = AwsAccount.objects.get(account_id=organization[0])
    assert added.joined_via == JoinMethod.ORGANIZATIONS and added.root_email
    member = sim.guardduty(organization[0])
    assert member.list_invitations()["Invitations"] == []  # never invited

    configured = run(
        services.organization_configuration_set,
        admin_alice,
        hub_admin,
        auto_enable="NEW",
        features={"S3_DATA_EVENTS": "ALL"},
    )
    assert configured.state == OperationState.DONE
    for state in services.organization_state(hub_admin):
        assert state.auto_enable == "NEW" and state.features["S3_DATA_EVENTS"] == "ALL"
    trail = AuditEvent.objects.filter(action__startswith="configuration.org_")
    assert set(trail.values_list("action", flat=True)) == {
        "configuration.org_configure",
        "configuration.org_designate",
    }


def test_organization_auto_enable_failed_region_shown_and_retried_alone(
    sim, admin_alice, hub_admin, organization, run, retry
):
    run(services.delegated_admin_designate, admin_alice, hub_admin, hub_admin)
    faults.disable_region(HUB_ADMIN, "eu-west-1")
    operation = run(
        services.organization_configuration_set,
        admin_alice,
        hub_admin,
        auto_enable="ALL",
        features={},
    )
    assert "not enabled" in only_failed_region(operation)
    by_region = {s.region: s for s in services.organization_state(hub_admin)}
    assert by_region["us-east-1"].auto_enable == "ALL"
    assert "not enabled" in by_region["eu-west-1"].error

    assert retry(admin_alice, operation) == 1
    assert operation.state == OperationState.DONE
    assert {s.auto_enable for s in services.organization_state(hub_admin)} == {"ALL"}


def test_organization_auto_enable_refuses_bad_values_before_aws(sim, admin_alice, hub_admin):
    with pytest.raises(ConfigurationError):
        services.organization_configuration_set(
            admin_alice, hub_admin, auto_enable="SOME", features={}
        )
    with pytest.raises(ConfigurationError):
        services.organization_configuration_set(
            admin_alice, hub_admin, auto_enable="NEW", features={"NOT_A_FEATURE": "ALL"}
        )


def test_organization_auto_enable_form_shows_the_operation(
    client_for, admin_alice, sim, hub_admin, organization, run
):
    run(services.delegated_admin_designate, admin_alice, hub_admin, hub_admin)
    answer = client_for(admin_alice).post(
        reverse("configuration:organization_configure", args=[HUB_ADMIN]),
        {"auto_enable": "NEW", "feature_EKS_AUDIT_LOGS": "NEW"},
    )
    operation = MembershipOperation.objects.get(kind="org_configure")
    assert answer.status_code == 302
    assert answer["Location"] == reverse("accounts:operation", args=[operation.pk])
    assert operation.params["features"] == {"EKS_AUDIT_LOGS": "NEW"}
    page = client_for(admin_alice).get(answer["Location"]).content.decode()
    assert "Set the organization&#x27;s auto-enable" in page
    assert "org_configure" not in page


def test_organization_not_delegated_says_so_and_adds_nothing(
    client_for, admin_alice, sim, hub_admin
):
    page = client_for(admin_alice).get(reverse("configuration:organization", args=[HUB_ADMIN]))
    assert page.status_code == 200
    assert "not the organization's delegated GuardDuty administrator" in page.content.decode()
    assert b"Designate 123456789012" in page.content


def test_organization_page_lists_accounts_for_a_delegated_admin(
    client_for, admin_alice, viewer_carol, sim, hub_admin, organization, run
):
    run(services.delegated_admin_designate, admin_alice, hub_admin, hub_admin)
    page = client_for(admin_alice).get(reverse("configuration:organization", args=[HUB_ADMIN]))
    assert organization[0].encode() in page.content
    assert (
        client_for(viewer_carol)
        .post(
            reverse("configuration:organization_add", args=[HUB_ADMIN]), {"account": organization}
        )
        .status_code
        == 403
    )
