"""Links from dashboard numbers to the finding list, in the list's own filter parameters.

Every number on the dashboard counts what its link lists: the default list (current, no
samples) narrowed by these parameters, so the two can never disagree.
"""

from datetime import datetime
from urllib.parse import urlencode

from django.urls import reverse

# Finding list filter names (findings/filters.py FindingFilterSet), in one place.
BAND = "severity"  # band number, 1 (Low) to 4 (Critical)
ACCOUNT = "account"
REGION = "region"
TYPE = "type"
SLA = "sla"  # findings/sla.py FILTER_CHOICES
# first_seen is a from-to range: `_after` alone is >=, `_before` alone is <=, both BETWEEN.
FIRST_SEEN_AFTER = "first_seen_after"
FIRST_SEEN_BEFORE = "first_seen_before"


class FindingListUrls:
    """`finding_list_url` for the many links of one page (a 90-day chart has 360 bars): the
    list's address is looked up once, not once per link."""

    def __init__(self):
        self.base = reverse("findings:list")

    def __call__(self, **params) -> str:
        query = {k: _value(v) for k, v in params.items() if v is not None}
        return f"{self.base}?{urlencode(query)}" if query else self.base


def finding_list_url(**params) -> str:
    return FindingListUrls()(**params)


def accounts_url(status: str) -> str:
    return f"{reverse('accounts:list')}?{urlencode({'status': status})}"


def _value(value):
    if isinstance(value, datetime):
        return value.isoformat()  # to the microsecond: the boundaries are exact
    return value
