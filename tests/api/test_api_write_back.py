"""Archive, unarchive and feedback through the API reach GuardDuty (the simulator, via boto3),
on the administrator's detector; status, assignee and notes stay in the hub, audited."""

import pytest

from guardduty_hub.accounts.models import AuditEvent
from guardduty_hub.findings.models import Finding
from guardduty_hub.sync.services import sync_region
from tests.fixtures.simulator import ADMIN_ACCOUNT
from tests.fixtures.sync_world import hub_administrator

REGION = "us-east-1"
pytestmark = pytest.mark.django_db


@pytest.fixture
def synced(gd_sim, db, settings):
    """The administrator (hub credentials) with 3 findings in GuardDuty, synced into the hub."""
    from guardduty_hub.simulator.findings.api import populate

    settings.AWS_MAX_ATTEMPTS = 2
    admin, detectors = hub_administrator(gd_sim, (REGION,))
    detector = detectors[REGION]
    populate(ADMIN_ACCOUNT, REGION, 3, seed=4)
    run = sync_region(admin.pk, REGION, full=True)
    assert run.status == "succeeded", run.error
    Finding.objects.update(is_sample=False, archived=False)
    return gd_sim, detector


def _in_guardduty(sim, detector, finding) -> dict:
    found = sim.guardduty(ADMIN_ACCOUNT, REGION).get_findings(
        DetectorId=detector, FindingIds=[finding.guardduty_id]
    )["Findings"]
    return found[0]["Service"]


def test_archive_and_unarchive_reach_guardduty(synced, api_for, analyst_bob):
    sim, detector = synced
    finding = Finding.objects.order_by("pk").first()
    api = api_for(analyst_bob)

    response = api.post(f"/api/findings/{finding.pk}/archive/")
    assert response.status_code == 200, response.content
    assert response.json() == {"done": [finding.pk], "failed": {}}
    assert _in_guardduty(sim, detector, finding)["Archived"] is True
    finding.refresh_from_db()
    assert finding.archived
    # Gone from the default list, there under archived=yes.
    assert finding.pk not in {r["id"] for r in api.get("/api/findings/").json()["results"]}
    assert finding.pk in {r["id"] for r in api.get("/api/findings/?archived=yes").json()["results"]}

    assert api.post(f"/api/findings/{finding.pk}/unarchive/").status_code == 200
    assert _in_guardduty(sim, detector, finding)["Archived"] is False
    assert AuditEvent.objects.filter(action="finding.archive", actor=analyst_bob).exists()


def test_feedback_reaches_guardduty(synced, api_for, analyst_bob):
    sim, detector = synced
    finding = Finding.objects.order_by("pk").first()
    response = api_for(analyst_bob).post(
        f"/api/findings/{finding.pk}/feedback/", {"feedback": "NOT_USEFUL"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert _in_guardduty(sim, detector, finding).get("UserFeedback") == "NOT_USEFUL"
    finding.refresh_from_db()
    assert finding.feedback == "NOT_USEFUL"


def test_bad_feedback_is_400(synced, api_for, analyst_bob):
    finding = Finding.objects.order_by("pk").first()
    response = api_for(analyst_bob).post(
        f"/api/findings/{finding.pk}/feedback/", {"feedback": "MEH"}, format="json"
    )
    assert response.status_code == 400


def test_bulk_archive(synced, api_for, analyst_bob):
    sim, detector = synced
    findings = list(Finding.objects.order_by("pk"))
    response = api_for(analyst_bob).post(
        "/api/findings/bulk/",
        {"action": "archive", "ids": [f.pk for f in findings]},
        format="json",
    )
    assert response.status_code == 200
    assert sorted(response.json()["done"]) == sorted(f.pk for f in findings)
    assert all(_in_guardduty(sim, detector, f)["Archived"] for f in findings)


def test_status_assignee_and_notes(synced, api_for, analyst_bob, admin_alice):
    finding = Finding.objects.order_by("pk").first()
    api = api_for(analyst_bob)
    assert (
        api.post(
            f"/api/findings/{finding.pk}/status/", {"status": "investigating"}, format="json"
        ).status_code
        == 200
    )
    assert (
        api.post(
            f"/api/findings/{finding.pk}/assign/", {"assignee": "alice"}, format="json"
        ).status_code
        == 200
    )
    # Someone who cannot triage cannot be assigned.
    from tests.fixtures.personas import make_user

    make_user("vic", "Viewer")
    refused = api.post(f"/api/findings/{finding.pk}/assign/", {"assignee": "vic"}, format="json")
    assert refused.status_code == 400
    created = api.post(f"/api/findings/{finding.pk}/notes/", {"body": "Looks like a scanner."})
    assert created.status_code == 201
    notes = api.get(f"/api/findings/{finding.pk}/notes/").json()
    assert [(n["author"], n["body"]) for n in notes] == [("bob", "Looks like a scanner.")]
    detail = api.get(f"/api/findings/{finding.pk}/").json()
    assert (detail["status"], detail["assignee"]) == ("investigating", "alice")
    assert api.post(
        "/api/findings/bulk/",
        {"action": "assign", "ids": [finding.pk], "assignee": None},
        format="json",
    ).json()["done"] == [finding.pk]
    finding.refresh_from_db()
    assert finding.assignee_id is None
