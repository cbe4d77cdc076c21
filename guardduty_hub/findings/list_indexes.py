"""Indexes of the findings table, each named after the filter, sort or sync lookup it serves.

Btree ones serve a keyset order: the leading equality columns narrow, the rest match the ORDER BY
of one sort in pagination.SORTS, so a page is an index range scan that starts at the cursor.
PostgreSQL-only ones (one trigram index for free text, a LIKE-prefix one) are created by
migrations 0002/0004/0013 as SQL, on PostgreSQL only; they are named below, and the migrations
hold their definitions.

The sort indexes lead with `archived`: "current and archived" is read as one range per half
and merged (pagination.read_rows) rather than paying for a second set of indexes without it.

Every index costs the sync's upsert on every write (a 50-row page: 1 ms bare, 7 ms with the 19
indexes this table once had), so none is here without a named reader. Not indexed on purpose:
`resource_type`, `first_seen`/`last_seen` ranges (they combine with an index of the sort order).
"""

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce

from guardduty_hub.findings.sla import PHASE_STATUSES

# pagination.SEEN_AT: last seen, else updated (never NULL, so one row comparison covers all).
_SEEN = Coalesce(F("last_seen_at"), F("updated_at"))

# Free text (`q`) and `type_contains` on PostgreSQL: ONE trigram index over one document
# (filters.TextContains writes exactly this expression, so the planner matches it). Four
# per-column trigram indexes cost the upsert 4.6 ms a page. The description is cut at 1,000
# characters: GuardDuty's are a few hundred (803 the longest in the shared samples). GiST, not
# GIN: one signature per row to write instead of ~150 trigram entries (migration 0013).
SEARCH_DOCUMENT_SQL = (
    "lower(title || ' ' || type || ' ' || resource_id || ' ' || left(description, 1000))"
)
# q= (title, type, resource id, description) and type_contains= (then rechecked on type): a
# GiST trigram index over SEARCH_DOCUMENT_SQL (its definition: migration 0013's GIST).
SEARCH_INDEX = "findings_search_trgm"
# The other PostgreSQL-only index, findings_type_prefix: type_prefix= ("UnauthorizedAccess:"),
# as LIKE 'prefix%' needs the pattern operator class: (type varchar_pattern_ops), migration 0002.
# Plus, not an index: CREATE STATISTICS findings_type_upper_stats ON (upper(type::text)), so the
# planner knows how common a type_contains word is (migration 0004).


def _severity_order(name: str, *narrow: str, desc: bool = False, samples: bool = False):
    """`archived`, the equality columns `narrow`, then the default order (severity, seen, id).

    Partial: real findings only (the samples have their own index), or with `samples` only them.
    Descending when read forwards; ascending ones are read backwards for the default order.
    """
    order = [F("severity"), _SEEN, F("id")]
    if desc:
        order = [column.desc() for column in order]
    columns = [F("archived"), *(F(column) for column in narrow), *order]
    return models.Index(*columns, name=name, condition=Q(is_sample=samples))


LIST_INDEXES = [
    # Default list (sort=-severity, samples hidden) for current or archived findings; severity
    # bands and minimum severity narrow the same range. Partial, so that the capped total of
    # the default lists is an index-only scan (no `is_sample` lookups in the table).
    _severity_order("findings_list_severity", desc=True),
    # sample=yes, and the samples' half of sample=any (pagination reads it as two ranges):
    # the default index holds no samples. Only samples are in it, so the sync's writes of real
    # findings never touch it.
    _severity_order("findings_list_samples", desc=True, samples=True),
    # sort=last_seen (and the dashboard's "new in the last 24 h"); also sample=yes/any in any
    # order (few rows: read in this order, filtered).
    models.Index(F("archived"), _SEEN.desc(), F("id").desc(), name="findings_list_seen"),
    # sort=updated, and the updated_after/updated_before filters.
    models.Index(F("archived"), F("updated_at").desc(), F("id").desc(), name="findings_list_upd"),
    # sort=count and count_above.
    models.Index(F("archived"), F("count").desc(), F("id").desc(), name="findings_list_count"),
    # account (+ region) filter: "one account in one region" in the default order (read
    # backwards); sort=account (account, region, severity, seen: pagination.SORTS) as a range;
    # the selector's account scope. Ascending, so that both read it in one direction; archived
    # first, so that a cursor's row comparison is one contiguous range of it. Samples left out
    # (they have their own index): an account's total is then counted from this index alone.
    _severity_order("findings_list_account", "account_id", "region"),
    # region filter in the default order (read backwards) and its count; sort=region (region,
    # severity, seen: pagination.SORTS) as a range. Regions are how GuardDuty itself is read
    # (the console shows one at a time), so "one region" is among the commonest lists; without
    # this its total read 100,000 table rows. Samples left out, as in the default index.
    _severity_order("findings_list_region", "region"),
    # type (exact) filter and sort=type.
    models.Index(F("type"), F("id"), name="findings_list_type"),
    # resource_id filter: the detail page's "other findings on the same resource".
    models.Index(F("resource_id"), F("id"), name="findings_list_resource"),
    # status filter ("everything Investigating") in the default order (read backwards), and its
    # total from this index alone (archived and samples settled by it, not by table rows).
    _severity_order("findings_list_status", "status"),
    # sla=due_24h / within (findings/sla.py parts): per band and open status, a range of first
    # seen. It carries the severity order's columns, the account (the access scope) and id,
    # so a page of a part is read from the index alone and sorted: a due time is first seen
    # plus a per-band duration from settings, which no index order can hold. Current, real,
    # open findings only: closed ones have no clock.
    models.Index(
        fields=["severity_band", "status", "first_seen_at"],
        include=["severity", "last_seen_at", "updated_at", "account_id", "id"],
        condition=Q(
            archived=False,
            is_sample=False,
            status__in=[s for statuses in PHASE_STATUSES.values() for s in statuses],
        ),
        name="findings_sla_clock",
    ),
]
