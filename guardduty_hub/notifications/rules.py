"""The enabled rules as plain values, cached: the upsert hook asks for them on every page.

The cache (Django's: Redis when CACHE_URL is set, else per process) holds them for
RULES_CACHE_SECONDS and is cleared when a rule or channel is saved here, so a page of the sync
costs one cache read and no query, rules or not. Another process without a shared cache sees a
change within RULES_CACHE_SECONDS.
"""

from dataclasses import dataclass

from django.core.cache import cache

from guardduty_hub.findings.mapping import FindingValues
from guardduty_hub.notifications.models import Rule

RULES_CACHE_KEY = "notifications:rules:v2"
RULES_CACHE_SECONDS = 30
SPEC_FIELDS = ("channel_id", "bands", "type_prefix", "account_ids", "regions")
SPEC_FIELDS += ("on_new", "on_updated", "notify_overdue")


@dataclass(frozen=True)
class RuleSpec:
    channel_id: int
    bands: frozenset[int]
    type_prefix: str
    account_ids: frozenset[str]
    regions: frozenset[str]
    on_new: bool
    on_updated: bool
    notify_overdue: bool = False

    def matches(self, values: FindingValues) -> bool:
        """Is the finding one the rule is about (band, type, account, region)?"""
        return (
            (not self.bands or int(values.severity_band) in self.bands)
            and values.type.startswith(self.type_prefix)
            and (not self.account_ids or values.account_id in self.account_ids)
            and (not self.regions or values.region in self.regions)
        )

    def announces_first(self, *, is_new: bool, reopened: bool) -> bool:
        """May the channel hear of this finding for the first time now? New findings, or known
        ones GuardDuty updated, as the rule says; a re-occurrence counts as both. (Once the
        channel has heard of it, a rise in severity or a re-occurrence tells it again.)"""
        if reopened:
            return self.on_new or self.on_updated
        return self.on_new if is_new else self.on_updated


def _load() -> list[RuleSpec]:
    rules = Rule.objects.filter(enabled=True, channel__enabled=True)
    return [
        RuleSpec(
            channel_id=rule["channel_id"],
            bands=frozenset(int(b) for b in rule["bands"] or ()),
            type_prefix=rule["type_prefix"],
            account_ids=frozenset(rule["account_ids"] or ()),
            regions=frozenset(rule["regions"] or ()),
            on_new=rule["on_new"],
            on_updated=rule["on_updated"],
            notify_overdue=rule["notify_overdue"],
        )
        for rule in rules.values(*SPEC_FIELDS)
    ]


def active_rules() -> list[RuleSpec]:
    found = cache.get(RULES_CACHE_KEY)
    if found is None:
        found = _load()
        cache.set(RULES_CACHE_KEY, found, RULES_CACHE_SECONDS)
    return found


def forget_rules(**kwargs) -> None:
    cache.delete(RULES_CACHE_KEY)
