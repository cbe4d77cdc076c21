"""Indexes of the finding list (filters and sorts of findings/filters.py and pagination.py).

Each serves a keyset order: the leading equality columns narrow, the rest match the ORDER BY of
one sort in pagination.SORTS, so a page is an index range scan that starts at the cursor.
PostgreSQL-only ones (trigram text search, LIKE-prefix) live in migration 0002 as RunSQL.
"""

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce

# pagination.SEEN_AT: last seen, else updated (never NULL, so one row comparison covers all).
_SEEN = Coalesce(F("last_seen_at"), F("updated_at"))

LIST_INDEXES = [
    # Default list (sort=-severity, samples hidden) for current or archived findings; severity
    # bands and minimum severity narrow the same range. Partial, so that the capped total of
    # the default lists is an index-only scan (no `is_sample` lookups in the table).
    models.Index(
        F("archived"),
        F("severity").desc(),
        _SEEN.desc(),
        F("id").desc(),
        name="findings_list_severity",
        condition=Q(is_sample=False),
    ),
    # The same order when samples are shown (sample=yes / sample=any).
    models.Index(
        F("archived"),
        F("severity").desc(),
        _SEEN.desc(),
        F("id").desc(),
        name="findings_list_severity_all",
    ),
    # sort=last_seen (and the dashboard's "new in the last 24 h").
    models.Index(F("archived"), _SEEN.desc(), F("id").desc(), name="findings_list_seen"),
    # sort=updated, and the updated_after/updated_before filters.
    models.Index(F("archived"), F("updated_at").desc(), F("id").desc(), name="findings_list_upd"),
    # sort=count and count_above.
    models.Index(F("archived"), F("count").desc(), F("id").desc(), name="findings_list_count"),
    # account (+ region) filter in the default order: "one account in one region"; also
    # sort=account, and the selector's account scope.
    models.Index(
        F("account_id"),
        F("region"),
        F("archived"),
        F("severity").desc(),
        _SEEN.desc(),
        F("id").desc(),
        name="findings_list_acct_region",
    ),
    # type (exact) filter and sort=type.
    models.Index(F("type"), F("id"), name="findings_list_type"),
    # resource_id filter: the detail page's "other findings on the same resource".
    models.Index(F("resource_id"), F("id"), name="findings_list_resource"),
    # status filter ("everything Investigating"), in the default order.
    models.Index(
        F("status"),
        F("severity").desc(),
        _SEEN.desc(),
        F("id").desc(),
        name="findings_list_status",
    ),
]
