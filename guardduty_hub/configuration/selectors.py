"""Reads of the configuration pages, through the accounts scope (accounts.scope)."""

from dataclasses import dataclass

from django.http import Http404

from guardduty_hub.accounts.models import AccountKind, AwsAccount
from guardduty_hub.accounts.scope import Verb, accounts_for
from guardduty_hub.configuration.fanout import enabled_regions
from guardduty_hub.configuration.models import (
    IntelList,
    IntelListRegion,
    SuppressionRule,
    SuppressionRuleRegion,
)


def administrators_visible_to(user, verb: Verb = Verb.VIEW):
    return accounts_for(user, verb).filter(kind=AccountKind.ADMINISTRATOR).order_by("account_id")


def administrator_visible_to(user, account_id: str, verb: Verb = Verb.VIEW) -> AwsAccount:
    """The administrator, when the user may `verb` it; 404 otherwise (never says it exists)."""
    found = administrators_visible_to(user, verb).filter(account_id=account_id).first()
    if found is None:
        raise Http404("No such administrator.")
    return found


@dataclass
class Cell:
    """One definition in one region: what GuardDuty holds, in words, and any drift."""

    region: str
    row: IntelListRegion | SuppressionRuleRegion | None

    @property
    def drift(self) -> str:
        if self.row is None:
            return "not applied in this region yet"
        return self.row.difference

    @property
    def words(self) -> str:
        if self.row is None or (not self.row.present and not self.row.error):
            return "Missing"
        if self.row.error and not self.row.present:
            return "Error"
        return self.row.words


@dataclass
class Row:
    item: IntelList | SuppressionRule
    cells: list[Cell]

    @property
    def drifting(self) -> bool:
        return any(cell.drift or (cell.row and cell.row.error) for cell in self.cells)


def _rows(administrator: AwsAccount, items) -> tuple[list[str], list[Row]]:
    """(regions, a row per definition with a cell per region): two queries."""
    regions = enabled_regions(administrator)
    rows = []
    for item in items.prefetch_related("regions"):
        by_region = {row.region: row for row in item.regions.all()}
        rows.append(Row(item, [Cell(r, by_region.get(r)) for r in regions]))
    return regions, rows


def list_rows(administrator: AwsAccount) -> tuple[list[str], list[Row]]:
    return _rows(administrator, IntelList.objects.filter(administrator=administrator))


def rule_rows(administrator: AwsAccount) -> tuple[list[str], list[Row]]:
    return _rows(administrator, SuppressionRule.objects.filter(administrator=administrator))
