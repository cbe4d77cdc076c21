"""Parse and validate a file of (account id, email) rows. Pure: no database, no AWS.

Accepted shapes (reference 3.3): the console's file with the header `Account ID,Email`, and the
headerless `id,email` lines AWS's multi-account scripts read. Tolerated: a UTF-8 BOM, CRLF or CR
line ends, blank lines, spaces around values, quoted values, trailing empty columns (spreadsheet
exports). A quote never closed is an error on the line it opens (it would otherwise swallow
the rest of the file into one value). Every problem is reported with its line number; callers
import nothing unless `errors` is empty (aws_accounts.accounts_add does the all-or-nothing insert).
"""

import csv
import io
import re
from dataclasses import dataclass, field

ACCOUNT_ID_RE = re.compile(r"\d{12}\Z", re.ASCII)
# AWS's documented email rules for CreateMembers (reference 2.2).
_LOCAL_FORBIDDEN = set(" \t\r\n\f\v\"'()<>[]:,\\|%&")
_DOMAIN_RE = re.compile(r"[A-Za-z0-9.-]+\Z")
# GuardDuty manages at most 50,000 members per administrator; a bigger file is a mistake.
MAX_ROWS = 50_000
_TRAILING_SPACE_RE = re.compile(r"[ \t]+(?=\r\n|\r|\n|\Z)")


@dataclass(frozen=True)
class AccountRow:
    line: int
    account_id: str
    email: str


@dataclass(frozen=True)
class RowError:
    line: int  # 0 for a problem with the file as a whole
    message: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.message}" if self.line else self.message


@dataclass
class ParseResult:
    rows: list[AccountRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def account_id_problem(value: str) -> str | None:
    """Why `value` is not an AWS account id, or None."""
    if not ACCOUNT_ID_RE.match(value):
        return f"“{value}” is not an AWS account ID (exactly 12 digits)."
    return None


def email_problem(value: str) -> str | None:
    """Why GuardDuty would reject `value` as a member email, or None."""
    if not value:
        return "the email is missing."
    if not value.isascii():
        return f"“{value}” must use plain ASCII characters only."
    if not 6 <= len(value) <= 64:
        return f"“{value}” must be 6 to 64 characters long."
    if value.count("@") != 1:
        return f"“{value}” must contain exactly one @."
    local, domain = value.split("@")
    if not local:
        return f"“{value}” has nothing before the @."
    if local.startswith("."):
        return f"“{value}” must not start with a dot."
    bad = sorted(set(local) & _LOCAL_FORBIDDEN)
    if bad:
        shown = " ".join("space" if ch.isspace() else ch for ch in bad)
        return f"“{value}” contains characters not allowed before the @: {shown}"
    if not _DOMAIN_RE.match(domain):
        return f"“{value}”: the domain may only contain letters, digits, dots and hyphens."
    if "." not in domain:
        return f"“{value}”: the domain needs at least one dot."
    if domain[0] in ".-" or domain[-1] in ".-":
        return f"“{value}”: the domain must not start or end with a dot or hyphen."
    return None


def _is_header(values: list[str]) -> bool:
    squashed = [re.sub(r"[\s_-]+", "", v).lower() for v in values]
    return squashed[:2] == ["accountid", "email"]


def _decode(data: bytes | str) -> str | RowError:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return RowError(0, "The file is not UTF-8 text. Save it as CSV (UTF-8) and try again.")


def parse_accounts_csv(data: bytes | str) -> ParseResult:
    """Rows and errors of a whole file; see the module docstring for what is accepted."""
    result = ParseResult()
    text = _decode(data)
    if isinstance(text, RowError):
        result.errors.append(text)
        return result
    first_line_of: dict[str, int] = {}
    seen_data = False
    # strict: a quoted value still open at the end of the file is an error, not a value. It
    # also refuses anything after a closing quote, so spaces at line ends are dropped first.
    text = _TRAILING_SPACE_RE.sub("", text)
    reader = csv.reader(io.StringIO(text, newline=""), skipinitialspace=True, strict=True)
    while True:
        start = reader.line_num + 1  # where the next record begins (it may span lines)
        try:
            raw = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.errors.append(RowError(start, _csv_problem(exc)))
            break
        values = [v.strip() for v in raw]
        while values and not values[-1]:
            values.pop()
        if not values:
            continue  # blank line
        if not seen_data and _is_header(values):
            seen_data = True
            if len(values) > 2:
                result.errors.append(RowError(start, "the header must be “Account ID,Email”."))
            continue
        seen_data = True
        _check_row(start, values, first_line_of, result)
        if len(result.rows) > MAX_ROWS:
            result.errors.append(RowError(0, f"The file has more than {MAX_ROWS:,} rows."))
            return result
    if not result.rows and not result.errors:
        result.errors.append(RowError(0, "The file has no accounts in it."))
    return result


def _csv_problem(exc: csv.Error) -> str:
    if "unexpected end of data" in str(exc):
        return 'a quoted value is never closed (a " is missing), so nothing after it can be read.'
    return f"the line cannot be read as CSV ({exc})."


def _check_row(line: int, values: list[str], first_line_of: dict, result: ParseResult) -> None:
    if len(values) != 2:
        result.errors.append(
            RowError(line, f"expected 2 values (account ID, email), found {len(values)}.")
        )
        return
    account_id, email = values
    problems = [p for p in (account_id_problem(account_id), email_problem(email)) if p]
    if not problems and account_id in first_line_of:
        problems.append(f"account {account_id} is already on line {first_line_of[account_id]}.")
    if problems:
        result.errors.extend(RowError(line, p) for p in problems)
        return
    first_line_of[account_id] = line
    result.rows.append(AccountRow(line, account_id, email))
