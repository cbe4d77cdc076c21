"""The finding list's keyset pagination (findings/pagination.py) as a DRF paginator.

Same sorts, same cursors, same capped total as the pages: `?sort=-severity&cursor=...&per_page=`.
"""

from rest_framework.pagination import BasePagination
from rest_framework.response import Response

from guardduty_hub.findings.pagination import (
    COUNT_CAP,
    DEFAULT_SORT,
    PER_PAGE_CHOICES,
    SORT_CHOICES,
    paginate,
    parse_per_page,
)


class FindingKeysetPagination(BasePagination):
    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page = paginate(
            queryset,
            sort=request.query_params.get("sort"),
            cursor=request.query_params.get("cursor"),
            per_page=parse_per_page(request.query_params.get("per_page")),
        )
        return self.page.rows

    def _link(self, cursor: str | None) -> str | None:
        if cursor is None:
            return None
        query = self.request.query_params.copy()
        query["cursor"] = cursor
        return self.request.build_absolute_uri(f"{self.request.path}?{query.urlencode()}")

    def get_paginated_response(self, data):
        return Response(
            {
                "count": min(self.page.total, COUNT_CAP),
                "count_capped": self.page.total_is_capped,
                "next": self._link(self.page.next_cursor),
                "previous": self._link(self.page.prev_cursor),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "count_capped", "results"],
            "properties": {
                "count": {"type": "integer", "description": f"Exact up to {COUNT_CAP:,}."},
                "count_capped": {"type": "boolean", "description": f"More than {COUNT_CAP:,}."},
                "next": {"type": "string", "format": "uri", "nullable": True},
                "previous": {"type": "string", "format": "uri", "nullable": True},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "sort",
                "in": "query",
                "required": False,
                "schema": {"type": "string", "enum": [value for value, _ in SORT_CHOICES]},
                "description": f"Default {DEFAULT_SORT}.",
            },
            {
                "name": "cursor",
                "in": "query",
                "required": False,
                "schema": {"type": "string"},
                "description": "From `next` or `previous` of an earlier page.",
            },
            {
                "name": "per_page",
                "in": "query",
                "required": False,
                "schema": {"type": "integer", "enum": list(PER_PAGE_CHOICES)},
            },
        ]
