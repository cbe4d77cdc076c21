"""Every rule of the CSV parser, one behaviour per test (pure: no database)."""

import pytest

from guardduty_hub.accounts.csv_import import account_id_problem, email_problem, parse_accounts_csv


def lines_with_errors(result):
    return sorted({e.line for e in result.errors})


def test_console_format_with_header():
    result = parse_accounts_csv(b"Account ID,Email\n111122223333,sec@example.com\n")
    assert result.ok
    assert [(r.line, r.account_id, r.email) for r in result.rows] == [
        (2, "111122223333", "sec@example.com")
    ]


def test_headerless_format_of_the_aws_scripts():
    result = parse_accounts_csv(b"111122223333,a@example.com\n444455556666,b@example.com")
    assert result.ok
    assert [r.account_id for r in result.rows] == ["111122223333", "444455556666"]


def test_bom_crlf_blank_lines_and_spaces_are_tolerated():
    data = "\ufeffAccount ID , Email\r\n\r\n  111122223333 ,  a@example.com  \r\n\r\n".encode()
    result = parse_accounts_csv(data)
    assert result.ok, result.errors
    assert result.rows[0].line == 3
    assert (result.rows[0].account_id, result.rows[0].email) == ("111122223333", "a@example.com")


def test_header_spelling_variants_and_trailing_empty_columns():
    result = parse_accounts_csv("account_id,email,,\n111122223333,a@example.com,\n")
    assert result.ok, result.errors


def test_quoted_values():
    assert parse_accounts_csv('"111122223333","a@example.com"\n').ok


@pytest.mark.parametrize(
    "bad_id",
    [
        "11112222333",
        "1111222233334",
        "11112222333a",
        "\uff11" * 12,
        "",
        "1111 2222 3333",
    ],
)
def test_account_id_must_be_exactly_12_ascii_digits(bad_id):
    result = parse_accounts_csv(f"Account ID,Email\n{bad_id},a@example.com\n")
    assert not result.rows
    assert lines_with_errors(result) == [2]
    assert "12 digits" in result.errors[0].message


def test_id_check_is_anchored_at_both_ends():
    # A regex anchored with $ would accept "111122223333\n"; ours must not.
    assert account_id_problem("111122223333\n") is not None
    assert account_id_problem("x111122223333") is not None
    assert account_id_problem("111122223333") is None


@pytest.mark.parametrize(
    ("email", "why"),
    [
        ("a@b.c", "6 to 64"),
        ("x" * 55 + "@example.com", "6 to 64"),
        ("ünï@example.com", "ASCII"),
        ("a@@example.com", "exactly one @"),
        ("a@b@example.com", "exactly one @"),
        ("aexample.com", "exactly one @"),
        ("@example.com", "nothing before"),
        (".abc@example.com", "start with a dot"),
        ("a b@example.com", "space"),
        ('a"b@example.com', '"'),
        ("a'b@example.com", "'"),
        ("a(b@example.com", "("),
        ("a)b@example.com", ")"),
        ("a<b@example.com", "<"),
        ("a>b@example.com", ">"),
        ("a[b@example.com", "["),
        ("a]b@example.com", "]"),
        ("a:b@example.com", ":"),
        ("a\\b@example.com", "\\"),
        ("a|b@example.com", "|"),
        ("a%b@example.com", "%"),
        ("a&b@example.com", "&"),
        ("ab@exa_mple.com", "letters, digits"),
        ("ab@localhost", "at least one dot"),
        ("ab@.example.com", "start or end"),
        ("ab@example.com.", "start or end"),
        ("ab@-example.com", "start or end"),
        ("ab@example.com-", "start or end"),
        ("", "missing"),
    ],
)
def test_email_rules(email, why):
    problem = email_problem(email)
    assert problem is not None
    assert why in problem


@pytest.mark.parametrize(
    "email", ["ab@x.io", "first.last+tag@sub.example.co.uk", "a!#$*=?^_`{}~b@ex-ample.com"]
)
def test_valid_emails(email):
    assert email_problem(email) is None


def test_comma_in_email_is_rejected_when_quoted():
    result = parse_accounts_csv('111122223333,"a,b@example.com"\n')
    assert "," in result.errors[0].message


def test_duplicates_within_the_file_name_the_first_line():
    result = parse_accounts_csv(
        "111122223333,a@example.com\n444455556666,b@example.com\n111122223333,c@example.com\n"
    )
    assert lines_with_errors(result) == [3]
    assert "already on line 1" in result.errors[0].message


def test_wrong_number_of_columns():
    result = parse_accounts_csv("111122223333\n444455556666,b@example.com,extra\n")
    assert lines_with_errors(result) == [1, 2]
    assert all("expected 2 values" in e.message for e in result.errors)


def test_every_error_is_reported_with_its_line():
    data = "Account ID,Email\n123,a@example.com\n\n111122223333,bad\n444455556666,ok@example.com\n"
    result = parse_accounts_csv(data)
    assert lines_with_errors(result) == [2, 4]
    assert str(result.errors[0]).startswith("Line 2:")


def test_empty_file_and_header_only_are_errors():
    for data in (b"", b"\r\n\r\n", b"Account ID,Email\r\n"):
        result = parse_accounts_csv(data)
        assert not result.ok
        assert "no accounts" in result.errors[0].message


def test_not_utf8_is_one_clear_error():
    result = parse_accounts_csv(b"111122223333,\xff\xfe@example.com\n")
    assert not result.rows
    assert "UTF-8" in result.errors[0].message


def test_header_is_only_recognised_on_the_first_data_line():
    result = parse_accounts_csv("111122223333,a@example.com\nAccount ID,Email\n")
    assert lines_with_errors(result) == [2]
