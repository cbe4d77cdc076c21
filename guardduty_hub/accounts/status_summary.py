"""The accounts table's statuses in words, so the page reads without colour.

Per account and administrator: which status in which regions, largest group first and the
others named ("Enabled in 3 of 4 regions, Invited in us-west-2"); and how the account joined,
said only once it is true ("By invitation" after an invitation, not before).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import ngettext

from guardduty_hub.accounts.choices import ASSOCIATED, RelationshipStatus, status_info
from guardduty_hub.accounts.models import AwsAccount, Membership

# A smaller group than the largest names its regions up to this many; a bigger one is counted.
NAMED_REGIONS_MAX = 3

# Ties between groups of the same size: the state the person hopes for first.
_ORDER = [
    RelationshipStatus.ENABLED,
    RelationshipStatus.DISABLED,
    RelationshipStatus.INVITED,
    RelationshipStatus.EMAIL_VERIFICATION_IN_PROGRESS,
    RelationshipStatus.CREATED,
    RelationshipStatus.EMAIL_VERIFICATION_FAILED,
    RelationshipStatus.RESIGNED,
    RelationshipStatus.REMOVED,
]
# GuardDuty has sent an invitation for these (whatever happened next).
_INVITED = {
    RelationshipStatus.INVITED,
    RelationshipStatus.EMAIL_VERIFICATION_IN_PROGRESS,
    RelationshipStatus.EMAIL_VERIFICATION_FAILED,
}
_LEFT = {RelationshipStatus.RESIGNED, RelationshipStatus.REMOVED}


def _rank(value: str) -> int:
    if value in _ORDER:
        return _ORDER.index(value)
    return len(_ORDER) + (1 if value == "" else 0)


def _regions_in_words(regions: list[str]) -> str:
    if len(regions) == 1:
        return regions[0]
    return f"{', '.join(regions[:-1])} and {regions[-1]}"


def status_summary(statuses: Iterable[tuple[str, str]]) -> str:
    """[(region, GuardDuty status or "" for none)] in words, e.g. "Enabled in 3 of 4 regions,
    Invited in us-west-2". Unknown statuses keep GuardDuty's own text."""
    groups: dict[str, list[str]] = {}
    for region, value in statuses:
        groups.setdefault(value or "", []).append(region)
    total = sum(len(regions) for regions in groups.values())
    if not total:
        return "No regions"
    ordered = sorted(groups.items(), key=lambda group: (-len(group[1]), _rank(group[0])))
    parts = []
    for position, (value, regions) in enumerate(ordered):
        label = status_info(value).label
        if position and not value:
            label = label.lower()  # "…, not a member in eu-west-1"
        count = len(regions)
        if count == total and total == 2:
            where = "in both regions"
        elif count == total and total > 2:
            where = f"in all {total} regions"
        elif count == 1 or (position and count <= NAMED_REGIONS_MAX):
            where = f"in {_regions_in_words(regions)}"
        else:
            where = ngettext(
                "in %(count)d of %(total)d region", "in %(count)d of %(total)d regions", total
            ) % {"count": count, "total": total}
        parts.append(f"{label} {where}")
    return ", ".join(parts)


@dataclass
class AdministratorLine:
    """One administrator's view of one account: a strip cell per region and the words."""

    administrator: AwsAccount | None  # None: no administrator knows the account yet
    cells: list[tuple[str, Membership | None]]
    summary: str
    hidden: bool = False  # an administrator outside the user's scope: not named

    @property
    def errors(self) -> list[tuple[str, str]]:
        """(region, why the last call about the membership there failed); none for a hidden
        administrator, whose account id AWS's messages name."""
        if self.hidden:
            return []
        return [(r, m.last_error) for r, m in self.cells if m is not None and m.last_error]

    @property
    def name(self) -> str:
        if self.hidden:
            return "An administrator outside your scope"
        return str(self.administrator) if self.administrator else ""


def administrator_lines(
    memberships: list[Membership],
    *,
    regions_of: dict[int, list[str]],
    all_regions: list[str],
    visible: frozenset[str] | None,
    region: str = "",
    administrator_id: str = "",
) -> list[AdministratorLine]:
    """An account's memberships as one line per administrator (by account id).

    `regions_of`: each administrator's enabled regions (its cells, with the regions it has
    memberships in); `all_regions` for an account no administrator has. `visible`: the
    administrator ids the user may see (None: all); the others' statuses are shown unnamed.
    `region` / `administrator_id` narrow the lines to the filter's choice.
    """
    by_admin: dict[int, dict[str, Membership]] = {}
    admins: dict[int, AwsAccount] = {}
    for membership in memberships:
        admin = membership.administrator
        if administrator_id and admin.account_id != administrator_id:
            continue
        admins[admin.pk] = admin
        by_admin.setdefault(admin.pk, {})[membership.region] = membership
    lines = []
    for pk, found in sorted(by_admin.items(), key=lambda item: admins[item[0]].account_id):
        shown = sorted(set(regions_of.get(pk, [])) | set(found))
        if region:
            shown = [region]
        cells = [(r, found.get(r)) for r in shown]
        lines.append(
            AdministratorLine(
                admins[pk],
                cells,
                status_summary((r, m.relationship_status if m else "") for r, m in cells),
                hidden=visible is not None and admins[pk].account_id not in visible,
            )
        )
    if not lines:
        shown = [region] if region else all_regions
        cells = [(r, None) for r in shown]
        summary = status_summary((r, "") for r in shown) if shown else "Not a member anywhere"
        lines.append(AdministratorLine(None, cells, summary))
    return lines


def joined_in_words(account: AwsAccount, memberships: list[Membership]) -> str:
    """How the account came to the administrators, as far as it has: never "By invitation"
    for an account nobody invited."""
    if account.is_organizations_member:
        return "Through the organization"
    statuses = {m.relationship_status for m in memberships} - {""}
    if statuses & ASSOCIATED:
        return "By invitation"
    if statuses & _INVITED:
        return "Invited, not accepted yet"
    if statuses & _LEFT:
        return "Not a member any more"
    if RelationshipStatus.CREATED in statuses:
        return "Added, not invited"
    if statuses:
        return "Added to GuardDuty"  # only statuses the hub does not know
    return "Not invited yet"
