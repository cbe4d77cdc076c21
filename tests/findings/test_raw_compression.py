"""The raw finding column is lz4-compressed on PostgreSQL (migration 0008)."""

import pytest
from django.db import connection

from tests.fixtures.services import need

pytestmark = pytest.mark.django_db


def test_raw_uses_lz4_on_postgresql():
    need(connection.vendor == "postgresql", "column compression: PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attcompression FROM pg_attribute"
            " WHERE attrelid = 'findings_finding'::regclass AND attname = 'raw'"
        )
        (method,) = cursor.fetchone()
    assert method == "l"
