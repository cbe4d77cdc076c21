"""Which (administrator, region) an event's finding belongs to, as the polling sync would file it.

GuardDuty publishes a member's finding on the member's bus and on its administrator's; the hub
reads it through the administrator (the row's `administrator_id`, the pair on the Sync page).
The envelope's `account` names the bus; moto's envelope has none, and a forwarded event may
come through any administrator's rule, so the finding's own account decides: an administrator
the hub syncs in that region, else that member's administrator there, else (the envelope's
bus being an administrator the hub syncs there) that administrator, as polling would store it.

The synced pairs (at most administrators x regions rows) are read at most every
`REFRESH_SECONDS`; a member is looked up when first seen and remembered as long (an unknown
one for `MISS_SECONDS`, so an account onboarded a moment ago is found soon): memberships can be
administrators x members x regions rows, too many to load whole.
"""

import time

from guardduty_hub.accounts.models import AccountKind, AdministratorRegion, Membership

REFRESH_SECONDS = 60.0
MISS_SECONDS = 5.0
ENABLED = "Enabled"


class PairRouter:
    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._loaded_at: float | None = None
        # (administrator account id, region) -> administrator pk, for every synced pair.
        self._pairs: dict[tuple[str, str], int] = {}
        self._synced: set[tuple[int, str]] = set()
        # (member account id, region) -> (administrator pk or None, when looked up).
        self._members: dict[tuple[str, str], tuple[int | None, float]] = {}

    def administrator_for(self, account_id: str, region: str, bus_account: str = "") -> int | None:
        """The administrator's pk, or None when the hub syncs no pair this finding is in."""
        now = self._clock()
        if self._loaded_at is None or now - self._loaded_at > REFRESH_SECONDS:
            self._load_pairs(now)
        own = self._pairs.get((account_id, region))
        if own is not None:
            return own
        found = self._member(account_id, region, now)
        if found is None and bus_account and bus_account != account_id:
            found = self._pairs.get((bus_account, region))
        return found

    def _member(self, account_id: str, region: str, now: float) -> int | None:
        key = (account_id, region)
        cached = self._members.get(key)
        if cached is not None:
            admin, at = cached
            if now - at <= (REFRESH_SECONDS if admin is not None else MISS_SECONDS):
                return admin
        rows = Membership.objects.filter(member__account_id=account_id, region=region).values_list(
            "administrator_id", "relationship_status"
        )
        candidates = [(a, status) for a, status in rows if (a, region) in self._synced]
        # An account that moved between administrators: the Enabled relationship wins.
        candidates.sort(key=lambda c: c[1] != ENABLED)
        admin = candidates[0][0] if candidates else None
        self._members[key] = (admin, now)
        return admin

    def _load_pairs(self, now: float) -> None:
        rows = AdministratorRegion.objects.filter(
            enabled=True, administrator__kind=AccountKind.ADMINISTRATOR
        ).values_list("administrator_id", "administrator__account_id", "region")
        self._pairs = {(account_id, region): pk for pk, account_id, region in rows}
        self._synced = {(pk, region) for (_, region), pk in self._pairs.items()}
        self._members.clear()  # pairs switched on or off change who files a member's finding
        self._loaded_at = now
