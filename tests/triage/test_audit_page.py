"""The audit log page: events in words, filters by day and suggestions that do not get in the way."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from guardduty_hub.accounts.models import AuditEvent
from guardduty_hub.findings import services
from tests.factories import make_finding


def test_events_read_as_sentences_with_their_code(client_for, admin_alice, analyst_bob, accounts):
    finding = make_finding()
    services.finding_set_status(analyst_bob, [finding], "resolved")
    services.finding_assign(analyst_bob, [finding], admin_alice)
    page = client_for(admin_alice).get(reverse("findings:audit")).content.decode()
    assert "Status New → Resolved" in page and "finding.status" in page
    assert "Assigned to alice" in page
    assert 'id="audit-total">2 events' in page


def test_filter_by_day(client_for, admin_alice, analyst_bob, accounts):
    finding = make_finding()
    services.finding_note_add(analyst_bob, finding, "today")
    services.finding_note_add(analyst_bob, finding, "long ago")
    old = AuditEvent.objects.order_by("-id").first()
    AuditEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    client = client_for(admin_alice)
    since = (timezone.now() - timedelta(days=1)).date().isoformat()
    page = client.get(reverse("findings:audit"), {"created_after": since}).content.decode()
    assert 'id="audit-total">1 event<' in page
    until = (timezone.now() - timedelta(days=30)).date().isoformat()
    page = client.get(reverse("findings:audit"), {"created_before": until}).content.decode()
    assert 'id="audit-total">1 event<' in page
    assert 'type="date"' in page


def test_empty_log_and_empty_filter_say_different_things(client_for, admin_alice, accounts):
    client = client_for(admin_alice)
    assert "Nothing has happened yet." in client.get(reverse("findings:audit")).content.decode()
    page = client.get(reverse("findings:audit"), {"actor": "nobody"}).content.decode()
    assert "No events match these filters." in page


def test_paging_keeps_the_filters(client_for, admin_alice, accounts):
    AuditEvent.objects.bulk_create(
        AuditEvent(action="finding.note", target_type="findings.finding", target_id=str(n))
        for n in range(55)
    )
    client = client_for(admin_alice)
    first = client.get(reverse("findings:audit"), {"action": "finding.note"}).content.decode()
    assert 'href="?action=finding.note&amp;page=2"' in first
    second = client.get(reverse("findings:audit"), {"action": "finding.note", "page": "2"})
    assert 'href="?action=finding.note&amp;page=1"' in second.content.decode()
