"""A membership's last error: why the last refresh or operation about that member in that region
failed. Written on the rows of the region that failed only, cleared by GuardDuty's next answer,
and shown (escaped) under the member's status strip, except to a user who may not see the
administrator."""

import pytest
from django.urls import reverse

from guardduty_hub.accounts.memberships import memberships_note_errors, memberships_refresh
from guardduty_hub.accounts.models import ItemState, Membership, OperationState
from guardduty_hub.accounts.operations import operation_retry
from guardduty_hub.simulator import controls
from tests.fixtures.membership import HUB_ADMIN, REGIONS

pytestmark = pytest.mark.django_db

DENIED = "us-east-1"


def deny(region=DENIED):
    controls.inject_fault("denied", rate=1.0, accounts=[HUB_ADMIN], regions=[region])


def errors(administrator) -> dict:
    """{(account id, region): last error} of the stored memberships."""
    rows = Membership.objects.filter(administrator=administrator).select_related("member")
    return {(m.member.account_id, m.region): m.last_error for m in rows}


def test_a_failed_refresh_marks_the_region_rows_and_the_next_one_clears_them(hub_admin, invited):
    deny()
    assert set(memberships_refresh(hub_admin)) == {DENIED}
    for (_, region), error in errors(hub_admin).items():
        if region == DENIED:
            assert "Access denied for ListMembers" in error and "service control policy" in error
        else:
            assert error == ""
    assert all(m.last_error_at for m in Membership.objects.filter(region=DENIED))

    controls.clear_faults()
    assert memberships_refresh(hub_admin) == {}
    assert set(errors(hub_admin).values()) == {""}
    assert not Membership.objects.filter(last_error_at__isnull=False).exists()


def test_a_failed_operation_marks_its_members_rows_and_its_retry_clears_them(
    run_operation, admin_alice, hub_admin, invited, django_capture_on_commit_callbacks
):
    deny()
    # The first two members only: the third's row is not part of the operation.
    operation = run_operation(admin_alice, "invite", hub_admin, invited[:2], REGIONS)
    assert operation.state == OperationState.PARTIAL
    (result,) = set(operation.items.filter(state=ItemState.FAILED).values_list("result", flat=True))
    found = errors(hub_admin)
    for account in invited[:2]:
        assert found[(account.account_id, DENIED)] == result
        assert found[(account.account_id, "eu-west-1")] == ""
    assert found[(invited[2].account_id, DENIED)] == ""

    controls.clear_faults()
    with django_capture_on_commit_callbacks(execute=True):
        assert operation_retry(admin_alice, operation) == 2
    operation.refresh_from_db()
    assert operation.state == OperationState.DONE
    assert set(errors(hub_admin).values()) == {""}


def test_an_unprocessed_account_keeps_guardduty_s_reason_on_its_row(
    run_operation, admin_alice, hub_admin, invited
):
    # Monitoring cannot stop for a member that never accepted: GuardDuty answers HTTP 200 with
    # an UnprocessedAccounts entry for it, in each region.
    operation = run_operation(admin_alice, "suspend", hub_admin, invited[:1], REGIONS)
    assert operation.state == OperationState.FAILED
    failed = {i.region: i.result for i in operation.items.all()}
    assert all("not an associated member" in result for result in failed.values())
    for (account_id, region), error in errors(hub_admin).items():
        assert error == (failed[region] if account_id == invited[0].account_id else "")


def test_the_accounts_page_shows_the_error_under_the_strip_escaped(
    client_for, admin_alice, hub_admin, invited
):
    deny()
    memberships_refresh(hub_admin)
    page = client_for(admin_alice).get(reverse("accounts:list")).text
    assert page.count(f'data-membership-error="{DENIED}"') == len(invited)
    assert "service control policy" in page
    assert 'data-membership-error="eu-west-1"' not in page

    # AWS's text is not ours: a message with markup is shown as text.
    memberships_note_errors(
        hub_admin, "eu-west-1", '<img src=x data-x="1"> denied', ["111111111111"]
    )
    page = client_for(admin_alice).get(reverse("accounts:list")).text
    assert "&lt;img src=x data-x=&quot;1&quot;&gt; denied" in page
    assert "<img src=x" not in page

    controls.clear_faults()
    memberships_refresh(hub_admin)
    page = client_for(admin_alice).get(reverse("accounts:list")).text
    assert "data-membership-error" not in page and "rs-error" not in page


def test_an_administrator_outside_the_scope_keeps_its_errors_to_itself(
    client_for, scoped_frank, hub_admin, invited
):
    deny()
    memberships_refresh(hub_admin)
    page = client_for(scoped_frank).get(reverse("accounts:list")).text
    assert "An administrator outside your scope" in page
    assert "service control policy" not in page and HUB_ADMIN not in page
