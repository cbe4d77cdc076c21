"""A CSV line whose quote is never closed is a line error: nothing is imported (issue 13.9)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guardduty_hub.accounts.csv_import import parse_accounts_csv
from guardduty_hub.accounts.models import AwsAccount


def test_unterminated_quote_on_the_last_line_is_a_line_error():
    result = parse_accounts_csv(b'111111111111,a@example.com\n222222222222,"b@example.com\n')
    assert not result.ok
    assert [e.line for e in result.errors] == [2]
    assert "never closed" in str(result.errors[0])


def test_unterminated_quote_that_swallows_later_lines_names_the_line_it_opened_on():
    data = b'Account ID,Email\n111111111111,"a@example.com\n222222222222,b@example.com\n'
    result = parse_accounts_csv(data)
    assert [e.line for e in result.errors] == [2]


def test_spaces_after_a_closing_quote_are_still_tolerated():
    assert parse_accounts_csv(b'111111111111,"a@example.com"  \r\n').ok


def test_upload_with_an_unterminated_quote_imports_nothing(client_for, admin_alice):
    upload = SimpleUploadedFile(
        "members.csv", b'111111111111,a@example.com\n222222222222,"b@example.com', "text/csv"
    )
    response = client_for(admin_alice).post(reverse("accounts:import"), {"file": upload})
    assert response.status_code == 400
    assert "Line 2" in response.content.decode()
    assert not AwsAccount.objects.exists()
