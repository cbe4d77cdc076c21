"""Rows and simulator setup for the accounts tests.

The personas (admin_alice, analyst_bob, viewer_carol, member_owner_dave, outsider_erin) and
`member_accounts` come from tests/fixtures/personas.py.
"""

import pytest
from playwright.sync_api import expect

from guardduty_hub.accounts.member_services import invitation_accept, invitations_refresh
from guardduty_hub.accounts.models import AccountKind, AwsAccount

# Personas come from tests/fixtures/personas.py; PASSWORD is re-exported for the browser tests.
from tests.fixtures.personas import PASSWORD  # noqa: F401


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Personas are created in nearly every test; PBKDF2 would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def administrator(db):
    return AwsAccount.objects.create(
        account_id="999999999999", name="Security", kind=AccountKind.ADMINISTRATOR
    )


@pytest.fixture
def client_for(client):
    """client_for(user): the test client signed in as that user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


# --- The GuardDuty side (simulator) ----------------------------------------------------------

HUB_ADMIN = "123456789012"  # moto's default account: the hub's own credentials land here
REGIONS = ["eu-west-1", "us-east-1"]  # sorted, as pages and progress list them
ROLE = "GuardDutyHubRole"


def role_arn(account_id: str) -> str:
    return f"arn:aws:iam::{account_id}:role/{ROLE}"


@pytest.fixture
def sim(gd_sim):
    """The simulator with instant email verification and the members' root emails known."""
    from guardduty_hub.simulator import controls

    controls.set_verification_delay(0)
    controls.register_accounts({f"{n}" * 12: f"root+{n}@example.com" for n in range(1, 10)})
    return gd_sim


@pytest.fixture
def hub_admin(sim, admin_alice):
    """The hub's own account onboarded as administrator, detectors in REGIONS."""
    from guardduty_hub.accounts.administrator_services import administrator_onboard

    for region in REGIONS:
        sim.detector(None, region)
    account, report = administrator_onboard(
        admin_alice,
        account_id=HUB_ADMIN,
        name="Security",
        use_hub_credentials=True,
        regions=[*REGIONS, "us-west-2"],
    )
    assert report.ok, report.error
    return account


@pytest.fixture
def members(member_accounts):
    """The three member accounts, reachable through their GuardDutyHubRole."""
    for account in member_accounts:
        account.role_arn = role_arn(account.account_id)
        account.save()
    return member_accounts


@pytest.fixture
def run_operation(django_capture_on_commit_callbacks):
    """operation_start(...) with its on-commit task run (eagerly) before returning."""
    from guardduty_hub.accounts.operations import operation_start

    def run(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            operation = operation_start(*args, **kwargs)
        operation.refresh_from_db()
        return operation

    return run


@pytest.fixture
def invited(run_operation, admin_alice, hub_admin, members):
    """Every member invited by the hub's administrator in REGIONS."""
    run_operation(admin_alice, "invite", hub_admin, members, REGIONS)
    return members


@pytest.fixture
def enabled_member(run_operation, admin_alice, hub_admin, members):
    """The first member, Enabled under the hub's administrator in every region."""
    run_operation(admin_alice, "invite", hub_admin, members[:1], REGIONS)
    invitations_refresh(members[0])
    invitation_accept(admin_alice, members[0], HUB_ADMIN)
    return members[0]


def run_from_table(page, account_id, button):
    """In the accounts table: select the account, run `button`, confirm, wait, go back."""
    page.get_by_label(f"Select {account_id}").check()
    page.get_by_role("button", name=button, exact=True).click()
    page.locator("#confirm-operation").click()
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "done")
    page.get_by_role("link", name="Back to member accounts").click()


def statuses(administrator, account=None) -> dict:
    """{(account_id, region): status} of the stored memberships."""
    from guardduty_hub.accounts.models import Membership

    rows = Membership.objects.filter(administrator=administrator).select_related("member")
    if account is not None:
        rows = rows.filter(member=account)
    return {(m.member.account_id, m.region): m.relationship_status for m in rows}
