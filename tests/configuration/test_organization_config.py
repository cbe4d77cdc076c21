"""Organizations: designate the delegated administrator from the management account, list the
organization's accounts, add them without invitations, set auto-enable in every region."""

import pytest
from django.urls import reverse

from guardduty_hub.accounts.models import AwsAccount, JoinMethod, OperationState
from guardduty_hub.configuration import organization as services
from tests.configuration.conftest import HUB_ADMIN, REGIONS
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
    sim, admin_alice, hub_admin, organization, django_capture_on_commit_callbacks
):
    assert not any(s.delegated for s in services.organization_state(hub_admin))
    assert services.delegated_admin_designate(admin_alice, hub_admin, hub_admin) == dict.fromkeys(
        REGIONS, ""
    )
    assert all(s.delegated for s in services.organization_state(hub_admin))
    listed = {a.account_id: a for a in services.organization_accounts(hub_admin)}
    assert set(organization) <= set(listed)

    with django_capture_on_commit_callbacks(execute=True):
        operation = services.organization_accounts_add(admin_alice, hub_admin, organization)
    operation.refresh_from_db()
    assert operation.state == OperationState.DONE
    assert set(statuses(hub_admin).values()) == {"Enabled"}
    assert len(statuses(hub_admin)) == 2 * len(REGIONS)
    added = AwsAccount.objects.get(account_id=organization[0])
    assert added.joined_via == JoinMethod.ORGANIZATIONS and added.root_email
    member = sim.guardduty(organization[0])
    assert member.list_invitations()["Invitations"] == []  # never invited

    outcome = services.organization_configuration_set(
        admin_alice, hub_admin, auto_enable="NEW", features={"S3_DATA_EVENTS": "ALL"}
    )
    assert outcome == dict.fromkeys(REGIONS, "")
    state = services.organization_state(hub_admin)[0]
    assert state.auto_enable == "NEW" and state.features == {"S3_DATA_EVENTS": "ALL"}


def test_organization_not_delegated_says_so_and_adds_nothing(
    client_for, admin_alice, sim, hub_admin
):
    page = client_for(admin_alice).get(reverse("configuration:organization", args=[HUB_ADMIN]))
    assert page.status_code == 200
    assert "not the organization's delegated GuardDuty administrator" in page.content.decode()
    assert b"Designate 123456789012" in page.content


def test_organization_page_lists_accounts_for_a_delegated_admin(
    client_for, admin_alice, viewer_carol, sim, hub_admin, organization
):
    services.delegated_admin_designate(admin_alice, hub_admin, hub_admin)
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
