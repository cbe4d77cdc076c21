"""The finding list reads well: chips, resource cells, bulk bar, pager position, URLs, export."""

import csv
import html
import io
import re
from datetime import timedelta

from django.urls import reverse

from tests.factories import NOW, make_finding
from tests.triage.conftest import MEMBER_IDS


def _chips(content: bytes) -> list[str]:
    return re.findall(r'<span class="chip">([^<]*)</span>', content.decode())


def test_filter_chips_name_severity_bands_and_statuses(client_for, analyst_bob, accounts):
    make_finding()
    answer = client_for(analyst_bob).get(
        reverse("findings:list"), {"severity": ["3", "4"], "status": ["new", "false_positive"]}
    )
    assert "Severity: High, Critical" in _chips(answer.content)
    assert "Status: New, False positive" in _chips(answer.content)


def test_export_links_each_finding_to_the_hub_and_the_console(client_for, analyst_bob, accounts):
    finding = make_finding(region="eu-west-1", guardduty_id="ab" * 16, title="=linked")
    answer = client_for(analyst_bob).get(reverse("findings:export"))
    (row,) = csv.DictReader(io.StringIO(b"".join(answer.streaming_content).decode()))
    assert row["hub_url"] == f"http://testserver/findings/{finding.pk}/"
    assert row["console_url"] == (
        "https://eu-west-1.console.aws.amazon.com/guardduty/home?region=eu-west-1"
        f"#/findings?macros=current&fId={'ab' * 16}"
    )
    assert row["title"] == "'=linked"  # still neutralised


def _row_html(content: bytes, finding) -> str:
    found = re.search(rf'<tr data-finding="{finding.pk}">.*?</tr>', content.decode(), re.S)
    assert found, finding.pk
    return found.group(0)


def test_attack_sequence_resource_names_what_it_is_about(client_for, analyst_bob, accounts):
    sequence = make_finding(
        type="AttackSequence:EKS/CompromisedCluster",
        resource_type="AttackSequence",
        resource_type_affected="EKS",
        resource_id="",
    )
    instance = make_finding(resource_id="i-0123456789abcdef0")
    answer = client_for(analyst_bob).get(reverse("findings:list"))
    assert '<td class="res" data-label="Resource">Attack sequence on EKS</td>' in _row_html(
        answer.content, sequence
    )
    assert "Instance: i-0123456789abcdef0" in _row_html(answer.content, instance)


def test_type_breaks_only_at_its_parts_and_title_keeps_full_text(client_for, analyst_bob, accounts):
    long_title = "Potential compromise " * 20
    finding = make_finding(type="CredentialAccess:IAMUser/AnomalousBehavior", title=long_title)
    row = _row_html(client_for(analyst_bob).get(reverse("findings:list")).content, finding)
    assert (
        '<td class="type" data-label="Type">CredentialAccess:<wbr>IAMUser/<wbr>AnomalousBehavior</td>'
        in row
    )
    assert f'title="{long_title}"' in row  # the whole title on hover, the cell may clamp it


def _bulk_bar(content: bytes) -> str:
    return re.search(r'<form[^>]*id="bulk-form".*?</form>', content.decode(), re.S).group(0)


def test_bulk_bar_has_no_default_action(client_for, analyst_bob, accounts):
    make_finding()
    bar = _bulk_bar(client_for(analyst_bob).get(reverse("findings:list")).content)
    action = re.search(r'<select name="action"[^>]*>(.*?)</select>', bar, re.S)
    assert "required" in action.group(0)
    first = re.search(r"<option[^>]*>[^<]*</option>", action.group(1)).group(0)
    assert first == '<option value="">Choose an action…</option>'
    assert " selected" not in action.group(1)
    assert 'data-action="status"' in bar and 'data-action="assign"' in bar


def test_bulk_without_an_action_changes_nothing(client_for, analyst_bob, accounts):
    finding = make_finding()
    answer = client_for(analyst_bob).post(
        reverse("findings:bulk"),
        {"ids": [finding.pk], "action": "", "status": "resolved"},
        follow=True,
    )
    finding.refresh_from_db()
    assert finding.status == "new" and not finding.archived
    assert "Choose an action for the selected findings first." in answer.content.decode()


def _range_and_links(client, query: str) -> tuple[str, dict[str, str]]:
    content = client.get(reverse("findings:list") + query).content.decode()
    shown = re.search(r'<span class="muted" id="page-range">([^<]*)</span>', content).group(1)
    links = {
        rel: html.unescape(href)
        for rel, href in re.findall(r'<a class="btn" rel="(\w+)" href="([^"]*)"', content)
    }
    return shown, links


def test_pager_says_which_rows_the_page_shows(client_for, analyst_bob, accounts):
    for n in range(60):
        make_finding(severity=5.0 + n / 100)
    client = client_for(analyst_bob)
    shown, links = _range_and_links(client, "?per_page=25")
    assert shown == "1\u201325 of 60"
    shown, links = _range_and_links(client, links["next"])
    assert shown == "26\u201350 of 60"
    shown, links = _range_and_links(client, links["next"])
    assert shown == "51\u201360 of 60" and "next" not in links
    shown, links = _range_and_links(client, links["prev"])
    assert shown == "26\u201350 of 60"
    shown, _ = _range_and_links(client, links["prev"])
    assert shown == "1\u201325 of 60"


def test_saved_query_and_sort_links_drop_the_position(client_for, analyst_bob, accounts):
    make_finding()
    answer = client_for(analyst_bob).get(
        reverse("findings:list"), {"q": "x", "cursor": "abc", "pos": "50"}
    )
    assert answer.context["current_query"] == "q=x"
    assert "pos=" not in "".join(re.findall(r'href="([^"]*sort=[^"]*)"', answer.content.decode()))


def test_a_sort_link_to_the_default_order_leaves_sort_out(client_for, analyst_bob, accounts):
    make_finding()
    page = client_for(analyst_bob).get(reverse("findings:list"), {"sort": "severity"})
    headers = re.search(r"<thead>.*?</thead>", page.content.decode(), re.S).group(0)
    # Severity sorted ascending: its header goes back to the default, -severity.
    assert re.search(r'href="\?" hx-get="\?"[^>]*>Severity ↑</a>', headers)
    assert "sort=-severity" not in headers


def test_no_js_form_lands_on_a_short_url(client_for, analyst_bob, accounts):
    make_finding()
    answer = client_for(analyst_bob).get(
        reverse("findings:list"),
        {
            "q": "",
            "severity": ["3", "4"],
            "account": "",
            "archived": "no",
            "sample": "no",
            "sort": "-severity",
            "per_page": "50",
            "count_above": "",
            "first_seen_after": "",
        },
    )
    assert answer.status_code == 302
    assert answer["Location"] == "/findings/?severity=3&severity=4"
    everything_default = client_for(analyst_bob).get(reverse("findings:list"), {"q": ""})
    assert everything_default["Location"] == "/findings/"
    short = client_for(analyst_bob).get(reverse("findings:list"), {"archived": "yes"})
    assert short.status_code == 200  # already short: no redirect


def test_htmx_requests_are_not_redirected(client_for, analyst_bob, accounts):
    make_finding()
    answer = client_for(analyst_bob).get(
        reverse("findings:list"), {"q": ""}, headers={"HX-Request": "true"}
    )
    assert answer.status_code == 200


def test_account_region_status_are_checkbox_dropdowns(client_for, analyst_bob, accounts):
    make_finding()
    content = (
        client_for(analyst_bob)
        .get(reverse("findings:list"), {"account": MEMBER_IDS[1], "status": "new"})
        .content.decode()
    )
    for name in ("account", "region", "status"):
        dropdown = re.search(rf'<details class="multi" id="id_{name}">.*?</details>', content, re.S)
        assert dropdown, name
        assert "<select" not in dropdown.group(0)
        # No administrator regions in this world: the region dropdown has no boxes to tick.
        assert ('type="checkbox"' in dropdown.group(0)) == (name != "region"), name
    account = re.search(r'<details class="multi" id="id_account">.*?</details>', content, re.S)
    assert '<span class="picked">Member 2</span><span class="count">1</span>' in account.group(0)
    assert (
        f'value="{MEMBER_IDS[1]}" id="id_account_1" checked> '
        f'<span>Member 2 <span class="muted">{MEMBER_IDS[1]}</span></span>'
    ) in account.group(0)
    assert '<span class="picked">Any</span>' in content  # region: nothing chosen
    assert '<span class="picked">New</span>' in content


def test_time_ranges_use_the_date_and_time_picker(client_for, analyst_bob, accounts):
    make_finding()
    content = (
        client_for(analyst_bob)
        .get(reverse("findings:list"), {"last_seen_after": "2026-11-01 10:00:00+00:00"})
        .content.decode()
    )
    assert (
        '<input type="datetime-local" name="last_seen_after" value="2026-11-01T10:00" '
        'aria-label="from" id="id_last_seen_0">'
    ) in content
    assert '<input type="datetime-local" name="updated_before" aria-label="to"' in content
    assert "Times below are in your time zone, UTC." in content


def test_time_ranges_accept_what_the_picker_sends(client_for, analyst_bob, accounts):
    old = make_finding(last_seen_at=NOW - timedelta(days=3))
    new = make_finding(last_seen_at=NOW - timedelta(hours=1))
    cut = (NOW - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")  # the picker's format
    answer = client_for(analyst_bob).get(reverse("findings:list"), {"last_seen_after": cut})
    assert [f.pk for f in answer.context["page"].rows] == [new.pk]
    answer = client_for(analyst_bob).get(reverse("findings:list"), {"last_seen_before": cut})
    assert [f.pk for f in answer.context["page"].rows] == [old.pk]


def test_the_empty_list_message_spans_exactly_the_table(client_for, analyst_bob, viewer_carol):
    # Analysts have the selection column, Viewers do not.
    for user, columns in ((analyst_bob, 11), (viewer_carol, 10)):
        page = client_for(user).get(reverse("findings:list")).content.decode()
        assert "No findings match these filters." in page
        assert f'<td colspan="{columns}" class="muted">' in page
