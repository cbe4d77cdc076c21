"""The seed's whole flow in Chromium, against the in-process simulator.

The administrator signs in, adds a member by form and two by CSV, invites all three with the
message "Please accept" and email notification in every region; the member owner signs in,
sees the invitation and accepts it; the administrator then sees Enabled in every region.
"""

import re

import pytest
from playwright.sync_api import expect

from guardduty_hub.accounts.models import AccountScope, AwsAccount
from guardduty_hub.simulator import controls
from tests.factories import PASSWORD
from tests.fixtures.membership import REGIONS

pytestmark = pytest.mark.django_db(transaction=True)

FORM_MEMBER = "444455556666"
CSV = b"Account ID,Email\r\n777788889999,root+7@example.com\r\n121212121212,root+12@example.com\r\n"


def sign_in(page, base_url, username):
    page.goto(base_url + "/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/login/"))


@pytest.fixture
def dave(django_user_model):
    from django.contrib.auth.models import Group

    from guardduty_hub.core import roles

    user = django_user_model.objects.create_user("dave", password=PASSWORD)
    user.groups.add(Group.objects.get(name=roles.MEMBER_OWNER))
    return user


def test_seed_flow(page, live_server, sim, hub_admin, admin_alice, dave):
    controls.register_accounts(
        {
            FORM_MEMBER: "root+4@example.com",
            "777788889999": "root+7@example.com",
            "121212121212": "root+12@example.com",
        }
    )
    base = live_server.url
    sign_in(page, base, "alice")

    # One member by the form...
    page.goto(base + "/accounts/add/")
    page.locator("input[name=rows-0-account_id]").fill(FORM_MEMBER)
    page.locator("input[name=rows-0-email]").fill("root+4@example.com")
    page.locator("input[name=rows-0-name]").fill("Payments")
    page.get_by_role("button", name="Add accounts").click()
    expect(page.locator(".msg-success")).to_contain_text("Added 1 account")

    # ...and two by CSV.
    page.goto(base + "/accounts/import/")
    page.set_input_files(
        "#id_file", files=[{"name": "members.csv", "mimeType": "text/csv", "buffer": CSV}]
    )
    page.get_by_role("button", name="Upload and add").click()
    expect(page.locator(".msg-success")).to_contain_text("Added 2 accounts")

    # Invite all three, in every region, with a message and the email notification.
    for account_id in (FORM_MEMBER, "777788889999", "121212121212"):
        page.get_by_label(f"Select {account_id}").check()
    page.get_by_role("button", name="Invite", exact=True).click()
    for region in REGIONS:
        expect(page.get_by_label(region)).to_be_checked()
    page.get_by_label("Personal message (optional)").fill("Please accept")
    expect(page.get_by_label(re.compile("email notification to the root user"))).to_be_checked()
    page.locator("#confirm-operation").click()
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "done")
    for region in REGIONS:
        expect(page.locator(f'[data-region-progress="{region}"]')).to_contain_text("3/3 done")
    mails = controls.outbox(account_id=FORM_MEMBER)
    assert sorted(m["region"] for m in mails) == REGIONS
    assert {m["message"] for m in mails} == {"Please accept"}
    sign_out(page)

    # The member owner of the form-added account sees the invitation and accepts it.
    AccountScope.objects.create(
        user=dave, account=AwsAccount.objects.get(account_id=FORM_MEMBER), is_owner=True
    )
    sign_in(page, base, "dave")
    page.goto(base + "/accounts/member/")
    # The page shows what the hub last read: read GuardDuty now.
    page.get_by_role("button", name="Refresh invitations").click()
    inviter = page.locator('[data-inviter="123456789012"]')
    expect(inviter).to_contain_text("AWS account 123456789012")
    for region in REGIONS:
        expect(inviter.locator(f'[data-invitation-region="{region}"]')).to_be_visible()
    inviter.get_by_role("button", name=f"Accept in all {len(REGIONS)} regions").click()
    expect(page.locator(".msg-success")).to_contain_text("Accepted in")
    expect(page.locator("#no-invitations")).to_be_visible()
    sign_out(page)

    # The administrator sees Enabled in every region.
    sign_in(page, base, "alice")
    page.goto(base + "/accounts/")
    row = page.locator(f'tr[data-account="{FORM_MEMBER}"]')
    for region in REGIONS:
        expect(row.locator(f'[data-region="{region}"]')).to_have_attribute("data-status", "Enabled")
    other = page.locator('tr[data-account="777788889999"]')
    expect(other.locator('[data-region="us-east-1"]')).to_have_attribute("data-status", "Invited")
