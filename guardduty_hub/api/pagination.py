"""Cursor pagination: stable under inserts and as fast on page 1,000 as on page 1."""

from rest_framework.pagination import CursorPagination


class IdCursorPagination(CursorPagination):
    """Newest rows first by primary key (unique, indexed): accounts, memberships, runs."""

    ordering = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
