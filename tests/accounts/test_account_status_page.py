"""The accounts page with two administrators: a named line each, in words; the filter by
administrator; "Refresh status now" there and on the operation page; and the refreshes an
invitation schedules by itself."""

import pytest
from celery.signals import before_task_publish, task_prerun
from django.urls import reverse

from guardduty_hub.accounts import tasks
from guardduty_hub.accounts.models import AdministratorRegion, AwsAccount, Membership
from guardduty_hub.accounts.operations import operation_start
from tests.fixtures.membership import HUB_ADMIN, REGIONS, statuses
from tests.fixtures.simulator import accept_invitation

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_admins(administrator, member_accounts):
    """Security (999…) and Audit (888…) both invited member 1; member 3 nobody."""
    audit = AwsAccount.objects.create(account_id="888888888888", name="Audit", kind="administrator")
    for admin in (administrator, audit):
        for region in ("eu-west-1", "us-east-1"):
            AdministratorRegion.objects.create(administrator=admin, region=region)
    one, two, _ = member_accounts
    for region, status in (("eu-west-1", "Enabled"), ("us-east-1", "Enabled")):
        Membership.objects.create(
            administrator=administrator, member=one, region=region, relationship_status=status
        )
    Membership.objects.create(
        administrator=audit, member=one, region="us-east-1", relationship_status="Invited"
    )
    Membership.objects.create(
        administrator=audit, member=two, region="eu-west-1", relationship_status="Created"
    )
    return administrator, audit


def _row(response, account_id):
    text = response.content.decode()
    start = text.index(f'data-account="{account_id}"')
    return text[start : text.index("</tr>", start)]


def _line(row, admin_id):
    start = row.index(f'data-administrator="{admin_id}"')
    return row[start : row.index("data-status-summary", start) + 200]


def test_each_administrator_has_a_named_line_in_words(client_for, admin_alice, two_admins):
    response = client_for(admin_alice).get(reverse("accounts:list"))
    row = _row(response, "111111111111")
    security = _line(row, "999999999999")
    assert "Security (999999999999)" in security and "Enabled in both regions" in security
    audit = _line(row, "888888888888")
    assert "Audit (888888888888)" in audit
    assert "Invited in us-east-1, not a member in eu-west-1" in audit
    # Joined says what is true for each account.
    assert "By invitation" in row
    assert "Added, not invited" in _row(response, "222222222222")
    nobody = _row(response, "333333333333")
    assert "Not invited yet" in nobody and "By invitation" not in nobody
    assert "Not a member in both regions" in nobody
    # The legend explains each status in words, GuardDuty's own value beside the hub's label.
    legend = response.content.decode().split('id="status-legend"')[1]
    for words in (
        "Verifying email",
        "GuardDuty: EmailVerificationInProgress",
        "Suspended",
        "GuardDuty: Disabled",
        "Email check failed",
        "Resigned",
        "Not a member",
    ):
        assert words in legend


def test_filter_by_administrator(client_for, admin_alice, two_admins):
    client = client_for(admin_alice)
    audit = client.get(reverse("accounts:list"), {"administrator": "888888888888"})
    assert 'data-account="111111111111"' in audit.text
    assert 'data-account="222222222222"' in audit.text
    assert 'data-account="333333333333"' not in audit.text
    # Only that administrator's line is shown.
    assert 'data-administrator="999999999999"' not in _row(audit, "111111111111")
    # With status and region: one of that administrator's memberships must match all three.
    enabled = client.get(
        reverse("accounts:list"), {"administrator": "888888888888", "status": "Enabled"}
    )
    assert 'data-account="111111111111"' not in enabled.text
    invited = client.get(
        reverse("accounts:list"),
        {"administrator": "888888888888", "status": "Invited", "region": "us-east-1"},
    )
    assert 'data-account="111111111111"' in invited.text
    assert 'data-account="222222222222"' not in invited.text
    # The choices are the administrators the user may see, by name.
    assert '<option value="888888888888" selected>Audit (888888888888)</option>' in audit.text
    assert '<option value="999999999999">Security (999999999999)</option>' in audit.text


def test_refresh_status_now_only_for_those_who_manage(
    client_for, admin_alice, analyst_bob, two_admins
):
    page = client_for(admin_alice).get(reverse("accounts:list")).content.decode()
    assert 'id="refresh-status-999999999999"' in page and 'id="refresh-status-888888888888"' in page
    page = client_for(analyst_bob).get(reverse("accounts:list")).content.decode()
    assert "Refresh status now" not in page


def test_refresh_status_now_reads_guardduty_and_comes_back(
    client_for, sim, admin_alice, hub_admin, invited
):
    member = invited[0]
    accept_invitation(sim, member.account_id, "eu-west-1")  # in GuardDuty, not through the hub
    assert statuses(hub_admin, member)[(member.account_id, "eu-west-1")] == "Invited"
    client = client_for(admin_alice)
    back = reverse("accounts:list") + "?q=1111"
    response = client.post(
        reverse("accounts:administrator_refresh", args=[HUB_ADMIN]), {"next": back}, follow=True
    )
    assert response.redirect_chain == [(back, 302)]
    assert f"Member status of {hub_admin} refreshed in every region." in response.text
    assert statuses(hub_admin, member)[(member.account_id, "eu-west-1")] == "Enabled"
    assert "Enabled in eu-west-1, Invited in us-east-1" in _row(response, member.account_id)


def test_operation_page_offers_refresh_status_now(
    client_for, admin_alice, analyst_bob, run_operation, hub_admin, members
):
    operation = run_operation(admin_alice, "invite", hub_admin, members[:1], REGIONS)
    url = reverse("accounts:operation", args=[operation.pk])
    page = client_for(admin_alice).get(url).content.decode()
    assert 'id="refresh-status-now"' in page
    assert f'action="{reverse("accounts:administrator_refresh", args=[HUB_ADMIN])}"' in page
    response = client_for(admin_alice).post(
        reverse("accounts:administrator_refresh", args=[HUB_ADMIN]), {"next": url}
    )
    assert response.status_code == 302 and response["Location"] == url
    assert "Refresh status now" not in client_for(analyst_bob).get(url).content.decode()


@pytest.fixture
def published():
    """Task messages sent to the broker (in memory, not eager): (name, headers, args)."""
    sent = []

    def capture(sender=None, headers=None, body=None, **kwargs):
        sent.append((sender, headers, body[0]))

    before_task_publish.connect(capture)
    yield sent
    before_task_publish.disconnect(capture)


REFRESH = "guardduty_hub.accounts.memberships_refresh_administrator"


def test_an_invitation_schedules_three_refreshes(
    settings, published, admin_alice, hub_admin, members, django_capture_on_commit_callbacks
):
    operation = operation_start(admin_alice, "invite", hub_admin, members[:1], REGIONS)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "memory://"
    tasks.membership_operation_run(operation.pk)  # as the worker runs it
    refreshes = [(headers, args) for name, headers, args in published if name == REFRESH]
    assert [args for _h, args in refreshes] == [[hub_admin.pk]] * 3
    etas = sorted(headers["eta"] for headers, _a in refreshes)
    expires = sorted(headers["expires"] for headers, _a in refreshes)
    assert len(set(etas)) == 3
    assert all(e > eta for e, eta in zip(expires, etas, strict=True))  # not expired on arrival
    # Other operations schedule none.
    published.clear()
    suspend = operation_start(admin_alice, "suspend", hub_admin, members[:1], REGIONS)
    tasks.membership_operation_run(suspend.pk)
    assert [name for name, _h, _a in published if name == REFRESH] == []


def test_eager_mode_does_not_refresh_in_the_request(
    settings, admin_alice, hub_admin, members, run_operation, client_for
):
    ran = []

    def record(sender=None, **kwargs):
        ran.append(sender.name)

    task_prerun.connect(record)
    try:
        operation = run_operation(admin_alice, "invite", hub_admin, members[:1], REGIONS)
    finally:
        task_prerun.disconnect(record)
    assert ran == ["guardduty_hub.accounts.membership_operation_run"]
    assert tasks.status_refresh_follow_ups(hub_admin.pk) == 0
    page = client_for(admin_alice).get(reverse("accounts:operation", args=[operation.pk]))
    assert "again by itself" not in page.content.decode()
