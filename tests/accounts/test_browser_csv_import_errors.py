"""In a real browser: a CSV with bad lines adds nothing and names each line; fixed, it adds all."""

import pytest
from playwright.sync_api import expect

from guardduty_hub.accounts.models import AwsAccount

pytestmark = pytest.mark.django_db(transaction=True)

HEADER = "Account ID,Email"
BAD = "\r\n".join(
    [
        HEADER,
        "777788889999,root+7@example.com",
        "12345,root+x@example.com",  # line 3: not an account ID
        "121212121212,root+12@example.com",
        "777788889999,again@example.com",  # line 5: repeats line 2
    ]
).encode()
FIXED = "\r\n".join(
    [HEADER, "777788889999,root+7@example.com", "121212121212,root+12@example.com"]
).encode()


def upload(page, data: bytes):
    page.set_input_files(
        "#id_file", files=[{"name": "members.csv", "mimeType": "text/csv", "buffer": data}]
    )
    page.get_by_role("button", name="Upload and add").click()


def test_bad_lines_are_named_and_nothing_is_added(signed_in_page, admin_alice):
    page = signed_in_page(admin_alice, "/accounts/")
    page.get_by_role("link", name="Upload CSV").click()
    upload(page, BAD)

    errors = page.locator("#import-errors")
    expect(errors.get_by_role("heading")).to_have_text("Nothing was added: 2 problems to fix")
    expect(errors.locator('li[data-line="3"]')).to_have_text(
        "Line 3: “12345” is not an AWS account ID (exactly 12 digits)."
    )
    expect(errors.locator('li[data-line="5"]')).to_contain_text(
        "account 777788889999 is already on line 2."
    )
    expect(errors.locator("li")).to_have_count(2)
    assert not AwsAccount.objects.exists()  # the good lines were not added either

    upload(page, FIXED)
    expect(page.locator(".msg-success")).to_contain_text("Added 2 accounts.")
    expect(page.locator('tr[data-account="777788889999"]')).to_contain_text("root+7@example.com")
    assert sorted(AwsAccount.objects.values_list("account_id", flat=True)) == [
        "121212121212",
        "777788889999",
    ]
