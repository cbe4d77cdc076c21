"""Reads of the configuration pages, through the accounts scope (accounts.selectors)."""

from dataclasses import dataclass

from django.http import Http404

from guardduty_hub.accounts.models import AccountKind, AwsAccount
from guardduty_hub.accounts.selectors import accounts_visible_to
from guardduty_hub.configuration.intel_lists import enabled_regions
from guardduty_hub.configuration.models import IntelList, IntelListRegion


def administrators_visible_to(user):
    return accounts_visible_to(user).filter(kind=AccountKind.ADMINISTRATOR).order_by("account_id")


def administrator_visible_to(user, account_id: str) -> AwsAccount:
    """The administrator, when the user may see it; 404 otherwise (never says it exists)."""
    found = administrators_visible_to(user).filter(account_id=account_id).first()
    if found is None:
        raise Http404("No such administrator.")
    return found


@dataclass
class ListCell:
    region: str
    row: IntelListRegion | None

    @property
    def drift(self) -> str:
        if self.row is None:
            return "not applied in this region yet"
        return "" if self.row.error else self.row.drift()

    @property
    def words(self) -> str:
        if self.row is None or (not self.row.present and not self.row.error):
            return "Missing"
        if self.row.error and not self.row.present:
            return "Error"
        return self.row.status.capitalize() or "Unknown"


@dataclass
class ListRow:
    intel_list: IntelList
    cells: list[ListCell]

    @property
    def drifting(self) -> bool:
        return any(cell.drift or (cell.row and cell.row.error) for cell in self.cells)


def list_rows(administrator: AwsAccount) -> tuple[list[str], list[ListRow]]:
    """(regions, a row per list with a cell per region): two queries."""
    regions = enabled_regions(administrator)
    lists = list(IntelList.objects.filter(administrator=administrator).prefetch_related("regions"))
    rows = []
    for intel_list in lists:
        by_region = {row.region: row for row in intel_list.regions.all()}
        rows.append(ListRow(intel_list, [ListCell(r, by_region.get(r)) for r in regions]))
    return regions, rows
