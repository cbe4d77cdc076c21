"""Every finding type the simulator knows, synced through boto3 like the demo's findings, gets
its indicators and a finding page with its guidance and indicator links."""

import pytest
from django.urls import reverse

from guardduty_hub.findings.models import Finding
from guardduty_hub.investigations.extract import indicators_of
from guardduty_hub.simulator.findings import templates
from guardduty_hub.simulator.findings.api import create_sample_findings
from guardduty_hub.sync.services import sync_region
from tests.fixtures.simulator import ADMIN_ACCOUNT
from tests.fixtures.sync_world import REGION

pytestmark = pytest.mark.django_db


def test_each_catalogue_type_page_shows_guidance_and_links_its_indicators(
    sync_world, client_for, viewer_carol
):
    create_sample_findings(ADMIN_ACCOUNT, REGION, publish=False)
    assert sync_region(sync_world.admin.pk, REGION, full=True).status == "succeeded"
    findings = list(Finding.objects.all())
    assert {f.type for f in findings} == {t.name for t in templates.TYPES}

    client = client_for(viewer_carol)
    for finding in findings:
        page = client.get(reverse("findings:detail", args=[finding.pk]))
        assert page.status_code == 200, finding.type
        body = page.content.decode()
        assert 'id="guidance"' in body, finding.type
        assert 'data-guidance="any-finding"' not in body, finding.type
        for found in indicators_of(finding.raw):
            url = reverse(
                "investigations:indicator", kwargs={"kind": found.kind, "value": found.value}
            )
            assert f'href="{url}"' in body, (finding.type, found)
