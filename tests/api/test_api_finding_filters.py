"""The API list takes the finding list's filters, sorts and cursors."""

import pytest

from tests.factories import make_finding

pytestmark = pytest.mark.django_db


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("severity=3&severity=4", {"high_1", "critical_2"}),
        ("min_severity=5", {"high_1", "critical_2", "medium_3"}),
        ("account=111111111111", {"low_1", "high_1"}),
        ("region=eu-west-1", {"high_1"}),
        ("type_prefix=UnauthorizedAccess:", {"high_1"}),
        ("type=UnauthorizedAccess:EC2/TorClient", {"high_1"}),
        ("q=zebra", {"medium_3"}),
        ("archived=yes", {"archived_2"}),
        ("sample=yes", {"sample_3"}),
        (
            "archived=any&sample=any",
            {"low_1", "high_1", "critical_2", "archived_2", "sample_3", "medium_3"},
        ),
    ],
)
def test_filters(api_for, analyst_bob, finding_rows, query, expected):
    found = set(_ids(api_for(analyst_bob).get(f"/api/findings/?{query}")))
    assert found == {finding_rows[k].pk for k in expected}


def test_invalid_filter_value_is_400(api_for, analyst_bob, finding_rows):
    response = api_for(analyst_bob).get("/api/findings/?min_severity=high")
    assert response.status_code == 400
    assert "min_severity" in response.json()


def test_default_sort_is_severity_then_last_seen(api_for, analyst_bob, finding_rows):
    ids = _ids(api_for(analyst_bob).get("/api/findings/"))
    assert ids[0] == finding_rows["critical_2"].pk
    assert ids[-1] == finding_rows["low_1"].pk


def test_cursor_pages_cover_every_row_once(api_for, analyst_bob, member_accounts):
    for n in range(60):
        make_finding(account_id="111111111111", severity=1 + (n % 9))
    api = api_for(analyst_bob)
    seen, url, pages = [], "/api/findings/?per_page=25&sort=-count", 0
    while url:
        body = api.get(url).json()
        assert body["count"] == 60 and body["count_capped"] is False
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
        pages += 1
    assert pages == 3
    assert len(seen) == len(set(seen)) == 60
    back = api.get(body["previous"]).json()
    assert [r["id"] for r in back["results"]] == seen[25:50]


def test_list_query_count_does_not_grow_with_page_size(
    api_for, analyst_bob, member_accounts, django_assert_max_num_queries
):
    for n in range(120):
        make_finding(account_id=member_accounts[n % 3].account_id)
    api = api_for(analyst_bob)
    # Token, last-used stamp, permissions (2), scope, rows, capped count, account names.
    with django_assert_max_num_queries(10):
        assert len(_ids(api.get("/api/findings/?per_page=25"))) == 25
    with django_assert_max_num_queries(10):
        assert len(_ids(api.get("/api/findings/?per_page=100"))) == 100
