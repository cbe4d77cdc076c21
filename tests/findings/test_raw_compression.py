"""The raw finding column is lz4-compressed on PostgreSQL (migration 0008)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="column compression: PostgreSQL only")
def test_raw_uses_lz4_on_postgresql():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attcompression FROM pg_attribute"
            " WHERE attrelid = 'findings_finding'::regclass AND attname = 'raw'"
        )
        (method,) = cursor.fetchone()
    assert method == "l"
