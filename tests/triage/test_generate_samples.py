"""Admins generate sample findings (CreateSampleFindings) for chosen accounts, regions, types;
after a sync they are in the hub, marked as samples and hidden from the default list."""

import pytest
from django.urls import reverse

from guardduty_hub.accounts.models import AuditEvent
from guardduty_hub.findings.models import Finding
from guardduty_hub.simulator.findings import findings_of
from guardduty_hub.sync.services import sync_region
from tests.fixtures.simulator import ADMIN_ACCOUNT

REGION = "us-east-1"
TYPES = ["Recon:EC2/PortProbeUnprotectedPort", "UnauthorizedAccess:EC2/SSHBruteForce"]


def test_admin_generates_samples_that_sync_in_hidden(client_for, admin_alice, admin_region):
    client = client_for(admin_alice)
    answer = client.post(
        reverse("findings:samples"),
        {"accounts": [ADMIN_ACCOUNT], "regions": [REGION], "types": "\n".join(TYPES)},
        follow=True,
    )
    assert "Samples created in 123456789012 / us-east-1" in answer.content.decode()
    made = findings_of(ADMIN_ACCOUNT, REGION)
    assert sorted(f["Type"] for f in made) == sorted(TYPES)
    assert all(f["Title"].startswith("[SAMPLE]") for f in made)
    event = AuditEvent.objects.get(action="findings.generate_samples")
    assert event.details["created"] == [f"{ADMIN_ACCOUNT} {REGION}"]

    sync_region(admin_region.administrator_id, REGION, full=True)
    assert Finding.objects.filter(is_sample=True).count() == 2
    listed = client.get(reverse("findings:list")).context["page"].rows
    assert listed == []
    samples = client.get(reverse("findings:list"), {"sample": "yes"}).context["page"].rows
    assert len(samples) == 2


def test_a_region_without_detector_fails_on_its_own(client_for, admin_alice, admin_region):
    answer = client_for(admin_alice).post(
        reverse("findings:samples"),
        {"accounts": [ADMIN_ACCOUNT], "regions": ["eu-west-1", REGION], "types": TYPES[0]},
        follow=True,
    )
    body = answer.content.decode()
    assert "Samples created in 123456789012 / us-east-1" in body
    assert "123456789012 / eu-west-1:" in body


@pytest.mark.parametrize("persona", ["analyst_bob", "viewer_carol"])
def test_only_admins_generate_samples(request, client_for, persona, admin_region):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("findings:samples")).status_code == 403
    answer = client.post(
        reverse("findings:samples"), {"accounts": [ADMIN_ACCOUNT], "regions": [REGION]}
    )
    assert answer.status_code == 403
    assert findings_of(ADMIN_ACCOUNT, REGION) == []


def test_form_starts_with_the_hub_regions_and_links_to_the_samples(
    client_for, admin_alice, admin_region
):
    page = client_for(admin_alice).get(reverse("findings:samples")).content.decode()
    assert f'<option value="{REGION}" selected>' in page
    assert '<option value="eu-west-1">' in page  # offered, not chosen
    assert 'href="/findings/?sample=yes&amp;archived=any"' in page


def test_many_pairs_make_one_message(client_for, admin_alice, admin_region, accounts, gd_sim):
    members = [a for a in accounts if a != ADMIN_ACCOUNT]
    for member in members:
        gd_sim.detector(member, REGION)  # each member has GuardDuty on in the region
    answer = client_for(admin_alice).post(
        reverse("findings:samples"),
        {"accounts": [ADMIN_ACCOUNT, *members], "regions": [REGION], "types": TYPES[0]},
        follow=True,
    )
    created = [m.message for m in answer.context["messages"] if m.level_tag == "success"]
    assert len(created) == 1, created
    assert created[0].count(" / ") == 4, created  # every pair named, in one message
