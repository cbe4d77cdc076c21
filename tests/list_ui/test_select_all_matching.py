""" "Select all N matching this filter": every bulk action on the findings a filter matches,
evaluated on the server with the user's scope; small sets at once, large ones in the
background with progress (findings/bulk_matching.py, the findings task)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from guardduty_hub.accounts.models import AuditEvent
from guardduty_hub.findings.bulk_actions import ACTIONS
from guardduty_hub.findings.bulk_matching import bulk_matching_start, bulk_operation_run
from guardduty_hub.findings.models import BulkOperation, Finding
from tests.factories import make_finding
from tests.fixtures.simulator import ADMIN_ACCOUNT
from tests.list_ui.conftest import archived_in_guardduty, put_findings


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _statuses(findings) -> list[str]:
    return list(
        Finding.objects.filter(pk__in=[f.pk for f in findings]).values_list("status", flat=True)
    )


@pytest.fixture
def two_accounts(db, member_accounts):
    """Five findings of 111111111111 (scoped_frank's) and three of 222222222222."""
    own = [make_finding(account_id="111111111111", title=f"Own {n}") for n in range(5)]
    foreign = [make_finding(account_id="222222222222", title=f"Foreign {n}") for n in range(3)]
    return own, foreign


def test_a_scoped_user_selecting_all_never_touches_other_accounts(scoped_frank, two_accounts):
    own, foreign = two_accounts
    # The whole list, and a filter naming the other account outright.
    run = bulk_matching_start(scoped_frank, ACTIONS["status"], "resolved", "")
    assert (run.total, sorted(run.result.done)) == (5, sorted(f.pk for f in own))
    assert set(_statuses(own)) == {"resolved"} and set(_statuses(foreign)) == {"new"}
    run = bulk_matching_start(
        scoped_frank, ACTIONS["status"], "investigating", "account=222222222222"
    )
    assert run.total == 0 and set(_statuses(foreign)) == {"new"}


def test_a_large_set_runs_in_the_background_within_the_scope(
    scoped_frank, two_accounts, settings, django_capture_on_commit_callbacks
):
    settings.FINDINGS_BULK_INLINE_MAX = 2
    own, foreign = two_accounts
    with django_capture_on_commit_callbacks(execute=True):
        run = bulk_matching_start(scoped_frank, ACTIONS["assign"], "", "archived=any")
    assert run.result is None and run.total == 5
    operation = BulkOperation.objects.get(pk=run.operation.pk)
    assert (operation.status, operation.done, operation.failed) == ("done", 5, 0)
    assert operation.query == "archived=any" and operation.user == scoped_frank
    assert AuditEvent.objects.filter(action="finding.assign").count() == 0  # none was assigned
    with django_capture_on_commit_callbacks(execute=True):
        bulk_matching_start(scoped_frank, ACTIONS["status"], "resolved", "")
    assert set(_statuses(own)) == {"resolved"} and set(_statuses(foreign)) == {"new"}
    # Audited per finding, as the per-id path does.
    assert AuditEvent.objects.filter(action="finding.status").count() == 5


def test_the_task_archives_in_guardduty_in_batches_and_saves_progress(
    analyst_bob, gd_world, settings
):
    settings.FINDINGS_BULK_INLINE_MAX = 10
    findings = put_findings(gd_world, 120, title="Noisy")
    lost = make_finding(account_id=ADMIN_ACCOUNT, administrator=None, title="Noisy orphan")
    put_findings(gd_world, 2, title="Keep me")
    run = bulk_matching_start(analyst_bob, ACTIONS["archive"], None, "q=Noisy")
    operation = run.operation
    assert (operation.total, operation.status) == (121, "queued")

    # One step (the task stops after its time, and queues the rest): one batch of 50.
    assert bulk_operation_run(operation.pk, seconds=0) is True
    operation.refresh_from_db()
    assert (operation.status, operation.done, operation.failed) == ("running", 50, 0)
    assert list(archived_in_guardduty(findings).values()).count(True) == 50

    assert bulk_operation_run(operation.pk) is False  # the rest, to the end
    operation.refresh_from_db()
    assert (operation.status, operation.done, operation.failed) == ("partial", 120, 1)
    assert set(archived_in_guardduty(findings).values()) == {True}
    assert "No administrator is known" in operation.failures[str(lost.pk)]
    assert Finding.objects.filter(title__startswith="Keep me", archived=False).count() == 2
    assert AuditEvent.objects.filter(action="finding.archive").count() == 120
    assert bulk_operation_run(operation.pk) is False  # finished: never runs again


def test_the_list_page_asks_with_the_count_then_starts_and_links_the_progress(
    client_for,
    analyst_bob,
    viewer_carol,
    admin_alice,
    gd_world,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.FINDINGS_BULK_INLINE_MAX = 3
    put_findings(gd_world, 4, title="Probe")
    client = client_for(analyst_bob)
    page = client.get(reverse("findings:list"), {"per_page": "25", "q": "Probe"}).content.decode()
    assert 'id="select-matching"' not in page  # all four fit on the page

    form = {"action": "archive", "select": "all", "query": "q=Probe&sort=-severity", "ids": ["1"]}
    asked = client.post(reverse("findings:bulk"), form).content.decode()
    assert "Archive 4 findings in GuardDuty?" in asked
    assert 'name="select" value="all"' in asked and 'name="query" value="q=Probe"' in asked

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("findings:bulk"), {**form, "confirmed": "yes"})
    operation = BulkOperation.objects.get()
    progress = reverse("findings:bulk_operation", args=[operation.pk])
    assert _messages(response) == [
        f'Archive in GuardDuty: 4 findings in the background. <a href="{progress}">See its '
        "progress</a>."
    ]
    shown = client.get(progress).content.decode()
    assert "Done" in shown and "4 of 4 findings processed: 4 done." in shown
    assert "operation-progress.js" not in shown  # finished: no more polling
    assert client_for(admin_alice).get(progress).status_code == 404  # someone else's run
    assert client_for(viewer_carol).get(progress).status_code == 403


def test_a_small_set_is_done_at_once_with_undo(client_for, analyst_bob, gd_world):
    chosen = put_findings(gd_world, 3, title="Zebra")
    put_findings(gd_world, 1, title="Other")
    response = client_for(analyst_bob).post(
        reverse("findings:bulk"),
        {"action": "archive", "select": "all", "query": "q=Zebra", "confirmed": "yes"},
    )
    [message] = _messages(response)
    assert message.startswith("3 findings archived in GuardDuty.") and "Unarchive these" in message
    assert set(archived_in_guardduty(chosen).values()) == {True}
    assert not BulkOperation.objects.exists()


def test_an_invalid_filter_is_refused_not_widened(client_for, analyst_bob, two_accounts):
    response = client_for(analyst_bob).post(
        reverse("findings:bulk"),
        {"action": "status", "status": "resolved", "select": "all", "query": "min_severity=x"},
    )
    assert "The filter is not valid" in _messages(response)[0]
    assert set(_statuses(two_accounts[0] + two_accounts[1])) == {"new"}


def test_the_api_takes_a_filter_instead_of_ids(
    api_for, scoped_frank, two_accounts, settings, django_capture_on_commit_callbacks
):
    own, foreign = two_accounts
    api = api_for(scoped_frank)
    url = "/api/findings/bulk/"
    body = {"action": "status", "status": "investigating", "filter": {"account": "222222222222"}}
    answer = api.post(url, body, format="json")
    assert answer.status_code == 200 and answer.json() == {"done": [], "failed": {}}
    answer = api.post(url, {**body, "filter": {"archived": "any"}}, format="json")
    assert sorted(answer.json()["done"]) == sorted(f.pk for f in own)

    settings.FINDINGS_BULK_INLINE_MAX = 2
    with django_capture_on_commit_callbacks(execute=True):
        answer = api.post(
            url,
            {
                "action": "status",
                "status": "resolved",
                "filter": {"account": ["111111111111", "222222222222"]},
            },
            format="json",
        )
    assert answer.status_code == 202
    body = answer.json()
    assert (body["total"], body["status"], body["filter"]) == (
        5,
        "queued",
        {"account": ["111111111111", "222222222222"]},
    )
    followed = api.get(f"{url}{body['id']}/").json()
    assert (followed["status"], followed["done"]) == ("done", 5)
    assert set(_statuses(foreign)) == {"new"}

    for wrong in (
        {"action": "status", "status": "new"},  # neither
        {"action": "status", "status": "new", "ids": [own[0].pk], "filter": {}},  # both
        {"action": "status", "status": "new", "filter": {"min_severity": "x"}},
        {"action": "status", "status": "new", "filter": {"q": {"nested": 1}}},
        {"action": "status", "status": "new", "filter": "q=x"},
    ):
        assert api.post(url, wrong, format="json").status_code == 400, wrong
