"""The audit log names a finding as people know it: its title, then its type.

The label is stored with the event (cut to the column's 255 characters), so an event keeps the
name the finding had when it happened; it is finding text, so it is escaped wherever shown.
"""

import pytest
from django.urls import reverse

from guardduty_hub.accounts.audit import audit_label, audit_record_system_many
from guardduty_hub.accounts.models import AuditEvent
from guardduty_hub.findings import services
from guardduty_hub.findings.models import Finding
from tests.factories import make_finding

pytestmark = pytest.mark.django_db

TYPE = "Recon:EC2/PortProbeUnprotectedPort"


def test_a_triage_event_names_the_finding_by_title_and_type(analyst_bob, accounts):
    finding = make_finding(title="Unprotected port on EC2 instance i-0abc is being probed")
    services.finding_set_status(analyst_bob, [finding], "investigating")
    event = AuditEvent.objects.get(action="finding.status")
    assert event.target_label == f"Unprotected port on EC2 instance i-0abc is being probed · {TYPE}"
    assert finding.guardduty_id not in event.target_label
    assert str(finding) == f"{TYPE} ({finding.guardduty_id})"  # __str__ is left as it was


def test_a_long_title_is_cut_and_the_type_kept(accounts):
    finding = make_finding(title="word " * 200)
    label = audit_label(finding)
    assert len(label) == 255
    assert label.endswith(f"… · {TYPE}")
    assert label.startswith("word word ")


def test_whitespace_in_a_title_is_one_space(accounts):
    finding = make_finding(title="  Port\nprobe\t\ton  i-1 ")
    assert audit_label(finding) == f"Port probe on i-1 · {TYPE}"


def test_a_finding_without_title_keeps_type_and_id(accounts):
    finding = make_finding(title="")
    assert audit_label(finding) == f"{TYPE} ({finding.guardduty_id})"


def test_other_objects_keep_their_own_name(accounts):
    account = accounts["111111111111"]
    assert audit_label(account) == str(account)


def test_hostile_title_is_escaped_in_the_audit_log(client_for, admin_alice, analyst_bob, accounts):
    finding = make_finding(title='<img src=x onerror="alert(1)"> & <script>alert(2)</script>')
    services.finding_note_add(analyst_bob, finding, "seen")
    page = client_for(admin_alice).get(reverse("findings:audit")).content.decode()
    assert "<script>alert(2)</script>" not in page and "<img src=x" not in page
    assert "&lt;img src=x onerror=" in page


def test_old_events_keep_their_stored_label(client_for, admin_alice, accounts):
    finding = make_finding(title="New title")
    AuditEvent.objects.create(
        action="finding.note",
        target_type="findings.finding",
        target_id=str(finding.pk),
        target_label=str(finding),
    )
    page = client_for(admin_alice).get(reverse("findings:audit")).content.decode()
    assert finding.guardduty_id in page
    assert "New title ·" not in page  # not rebuilt from the finding as it is now


@pytest.mark.parametrize("how_many", [1, 6])
def test_system_events_name_findings_the_sync_loaded_in_part_in_one_query(
    how_many, accounts, django_assert_num_queries
):
    rows = [make_finding(title=f"Reopened {n}") for n in range(how_many)]
    # As the sync passes them (sync/fetch.py): only the columns of Finding.__str__.
    targets = Finding.objects.filter(pk__in=[r.pk for r in rows]).only("id", "type", "guardduty_id")
    # The targets, the titles they lack, the INSERT: the same whatever their number.
    with django_assert_num_queries(3):
        audit_record_system_many("finding.reopen", targets, reason="re-occurred in GuardDuty")
    labels = set(AuditEvent.objects.values_list("target_label", flat=True))
    assert labels == {f"Reopened {n} · {TYPE}" for n in range(how_many)}
