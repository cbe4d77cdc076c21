"""The accounts table (filters, strip, query budget), add-by-form and CSV upload pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guardduty_hub.accounts.models import (
    AccountKind,
    AdministratorRegion,
    AuditEvent,
    AwsAccount,
    Membership,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def strip_world(administrator, member_accounts):
    for region in ("us-east-1", "eu-west-1"):
        AdministratorRegion.objects.create(administrator=administrator, region=region)
    one, two, _three = member_accounts
    Membership.objects.create(
        administrator=administrator, member=one, region="us-east-1", relationship_status="Enabled"
    )
    Membership.objects.create(
        administrator=administrator, member=one, region="eu-west-1", relationship_status="Invited"
    )
    Membership.objects.create(
        administrator=administrator, member=two, region="us-east-1", relationship_status="Paused"
    )
    return member_accounts


def _cells(response, account_id):
    text = response.text
    start = text.index(f'data-account="{account_id}"')
    return text[start : text.index("</tr>", start)]


def test_strip_shows_each_region_status_and_unknown_values(client_for, admin_alice, strip_world):
    response = client_for(admin_alice).get(reverse("accounts:list"))
    row = _cells(response, "111111111111")
    assert 'data-region="us-east-1" data-status="Enabled"' in row
    assert 'data-region="eu-west-1" data-status="Invited"' in row
    # A status the hub does not know is shown as GuardDuty sent it.
    assert 'data-status="Paused"' in _cells(response, "222222222222")
    assert 'data-region="eu-west-1" data-status="none"' in _cells(response, "333333333333")
    # Administrators are not members: no row of their own (the page names them as administrators).
    assert 'data-account="999999999999"' not in response.text


def test_filter_by_status_and_region_together(client_for, admin_alice, strip_world):
    client = client_for(admin_alice)
    enabled = client.get(reverse("accounts:list"), {"status": "Enabled"})
    assert 'data-account="111111111111"' in enabled.text
    assert 'data-account="222222222222"' not in enabled.text
    # Member 1 is Invited in eu-west-1, not Enabled there.
    assert (
        'data-account="111111111111"'
        not in client.get(
            reverse("accounts:list"), {"status": "Enabled", "region": "eu-west-1"}
        ).text
    )
    only_eu = client.get(reverse("accounts:list"), {"region": "eu-west-1"})
    assert 'data-region="us-east-1"' not in only_eu.text
    unknown = client.get(reverse("accounts:list"), {"status": "Paused"})
    assert 'data-account="222222222222"' in unknown.text
    assert 'data-account="111111111111"' not in unknown.text


def test_search_by_id_name_or_email(client_for, admin_alice, strip_world):
    client = client_for(admin_alice)
    for q in ("3333", "member 3", "root+3@"):
        response = client.get(reverse("accounts:list"), {"q": q})
        assert 'data-account="333333333333"' in response.text
        assert 'data-account="111111111111"' not in response.text


def test_list_query_count_does_not_grow_with_rows(
    client_for, admin_alice, strip_world, administrator
):
    client = client_for(admin_alice)
    client.get(reverse("accounts:list"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("accounts:list"))
    for n in range(40):
        member = AwsAccount.objects.create(
            account_id=f"5555555555{n:02d}", root_email="x@example.com"
        )
        Membership.objects.create(
            administrator=administrator,
            member=member,
            region="us-east-1",
            relationship_status="Enabled",
        )
    with CaptureQueriesContext(connection) as big:
        client.get(reverse("accounts:list"))
    assert len(big) == len(small)
    assert len(big) <= 12


def test_paging_keeps_the_search(client_for, admin_alice):
    AwsAccount.objects.bulk_create(
        AwsAccount(account_id=f"777777777{n:03d}", root_email=f"pager+{n}@example.com")
        for n in range(101)
    )
    client = client_for(admin_alice)
    first = client.get(reverse("accounts:list"), {"q": "pager"}).text
    assert 'href="?q=pager&amp;page=2"' in first
    second = client.get(reverse("accounts:list"), {"q": "pager", "page": "2"}).text
    assert 'href="?q=pager&amp;page=1"' in second


def add_by_form(client, *rows: dict):
    """The add form posted with `rows` (a row's fields by name; {} leaves a row blank)."""
    data = {"rows-TOTAL_FORMS": str(len(rows)), "rows-INITIAL_FORMS": "0"}
    for n, row in enumerate(rows):
        data.update({f"rows-{n}-{field}": value for field, value in row.items()})
    return client.post(reverse("accounts:add"), data)


def test_add_by_form_creates_members_and_audits(client_for, admin_alice):
    response = add_by_form(
        client_for(admin_alice),
        {"account_id": " 444455556666 ", "email": "a@example.com", "name": "Payments"},
        {},
        {"account_id": "777788889999", "email": "b@example.com"},
    )
    assert response.status_code == 302
    account = AwsAccount.objects.get(account_id="444455556666")
    assert (account.name, account.root_email, account.kind) == (
        "Payments",
        "a@example.com",
        AccountKind.MEMBER,
    )
    assert AwsAccount.objects.filter(account_id="777788889999").exists()
    event = AuditEvent.objects.get(action="accounts.add")
    assert event.actor == admin_alice and event.details["count"] == 2


def test_add_by_form_reports_row_errors_and_adds_nothing(client_for, admin_alice, member_accounts):
    response = add_by_form(
        client_for(admin_alice),
        {"account_id": "444455556666", "email": "a@example.com"},
        {"account_id": "111111111111", "email": "b@example.com"},
    )
    assert response.status_code == 200
    assert "Row 2: account 111111111111 is already in the hub." in response.text
    assert not AwsAccount.objects.filter(account_id="444455556666").exists()


def test_add_by_form_field_errors(client_for, admin_alice):
    response = add_by_form(
        client_for(admin_alice), {"account_id": "12", "email": "nope.example.com"}
    )
    assert "exactly 12 digits" in response.text
    assert "exactly one @" in response.text
    assert AwsAccount.objects.count() == 0


def _upload(client, content: bytes):
    return client.post(
        reverse("accounts:import"), {"file": SimpleUploadedFile("members.csv", content, "text/csv")}
    )


def test_csv_upload_imports_the_whole_file(client_for, admin_alice):
    response = _upload(
        client_for(admin_alice),
        b"\xef\xbb\xbfAccount ID,Email\r\n444455556666,a@example.com\r\n777788889999,b@example.com\r\n",
    )
    assert response.status_code == 302
    assert AwsAccount.objects.count() == 2
    account = AwsAccount.objects.get(account_id="777788889999")
    assert account.root_email == "b@example.com"
    assert (account.kind, account.joined_via) == (AccountKind.MEMBER, "invitation")
    assert account.created_at is not None and account.updated_at is not None
    assert not account.uses_hub_credentials and account.last_error == ""


def test_csv_upload_lists_errors_by_line_and_imports_nothing(
    client_for, admin_alice, member_accounts
):
    response = _upload(
        client_for(admin_alice),
        b"444455556666,a@example.com\n111111111111,b@example.com\n12345,c@example.com\n",
    )
    assert response.status_code == 400
    assert "2 problems to fix" in response.text
    assert "Line 2: account 111111111111 is already in the hub." in response.text
    assert "Line 3:" in response.text
    assert not AwsAccount.objects.filter(account_id="444455556666").exists()
