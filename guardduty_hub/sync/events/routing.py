"""Which (administrator, region) an event's finding belongs to, as the polling sync would file it.

GuardDuty publishes a member's finding on the member's bus and on its administrator's; the hub
reads it through the administrator (the row's `administrator_id`, the pair on the Sync page).
The envelope's `account` names the bus; moto's envelope has none, and a forwarded event may
come through any administrator's rule, so the finding's own account decides: an administrator
the hub syncs in that region, else that member's administrator there.

The table is read once and again at most every `REFRESH_SECONDS`, or sooner when an account is
missing (an account onboarded a moment ago), at most once per `MISS_REFRESH_SECONDS`.
"""

import time

from guardduty_hub.accounts.models import AccountKind, AdministratorRegion, Membership

REFRESH_SECONDS = 60.0
MISS_REFRESH_SECONDS = 5.0


class PairRouter:
    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._loaded_at: float | None = None
        # (account id, region) -> administrator pk; administrators map to themselves.
        self._table: dict[tuple[str, str], int] = {}
        self._admins: set[str] = set()

    def administrator_for(self, account_id: str, region: str, bus_account: str = "") -> int | None:
        """The administrator's pk, or None when the hub syncs no pair this finding is in."""
        now = self._clock()
        if self._loaded_at is None or now - self._loaded_at > REFRESH_SECONDS:
            self._load(now)
        found = self._lookup(account_id, region, bus_account)
        if found is None and now - self._loaded_at > MISS_REFRESH_SECONDS:
            self._load(now)
            found = self._lookup(account_id, region, bus_account)
        return found

    def _lookup(self, account_id: str, region: str, bus_account: str) -> int | None:
        own = self._table.get((account_id, region))
        if own is not None:
            return own
        if bus_account in self._admins:
            # A finding of an account the hub has not refreshed yet, on an administrator's bus.
            return self._table.get((bus_account, region))
        return None

    def _load(self, now: float) -> None:
        table: dict[tuple[str, str], int] = {}
        pairs = AdministratorRegion.objects.filter(
            enabled=True, administrator__kind=AccountKind.ADMINISTRATOR
        ).values_list("administrator_id", "administrator__account_id", "region")
        synced = set()
        admins = set()
        for admin_pk, account_id, region in pairs:
            table[(account_id, region)] = admin_pk
            synced.add((admin_pk, region))
            admins.add(account_id)
        memberships = Membership.objects.values_list(
            "administrator_id", "member__account_id", "region", "relationship_status"
        ).order_by("updated_at")
        for admin_pk, member_account, region, status in memberships:
            if (admin_pk, region) not in synced:
                continue
            key = (member_account, region)
            # An account that moved between administrators: the Enabled relationship wins.
            if key not in table or status == "Enabled":
                table[key] = admin_pk
        self._table = table
        self._admins = admins
        self._loaded_at = now
