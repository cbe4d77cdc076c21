"""The finding list's world: the simulator's administrator (moto's default account) with its
detector in us-east-1, and findings put both in GuardDuty and in the hub (the hub's own upsert,
as the sync stores them). Personas and `member_accounts` come from tests/fixtures/personas.py.
"""

import uuid

import pytest
from django.db import transaction
from django.utils import timezone

from guardduty_hub.findings.mapping import finding_from_guardduty
from guardduty_hub.findings.models import Finding
from guardduty_hub.findings.upsert import finding_upsert_page
from guardduty_hub.simulator.findings import findings_of, load_findings
from tests.findings.builders import raw_finding
from tests.fixtures.simulator import ADMIN_ACCOUNT
from tests.fixtures.sync_world import hub_administrator

REGION = "us-east-1"
SCREENSHOTS = "screenshots"  # under tests/list_ui/, gitignored


@pytest.fixture
def gd_world(gd_sim, settings, member_accounts):
    """The administrator the findings come through (the hub's own credentials)."""
    settings.AWS_MAX_ATTEMPTS = 1
    admin, _ = hub_administrator(gd_sim, (REGION,), "Security")
    return admin


def put_findings(admin, count: int, *, account=ADMIN_ACCOUNT, title="Port probe", **raw):
    """`count` findings of `account`: in GuardDuty when it is the administrator's own account
    (archive and feedback reach them), and in the hub. Returned in id order."""
    raws = [
        raw_finding(finding_id=uuid.uuid4().hex, account_id=account, title=f"{title} {n}", **raw)
        for n in range(1, count + 1)
    ]
    if account == ADMIN_ACCOUNT:
        load_findings(account, REGION, raws)
    with transaction.atomic():
        finding_upsert_page(
            [finding_from_guardduty(r) for r in raws],
            administrator_id=admin.pk,
            api_region=REGION,
            now=timezone.now(),
        )
    return list(Finding.objects.filter(guardduty_id__in=[r["Id"] for r in raws]).order_by("pk"))


def archived_in_guardduty(findings) -> dict[str, bool]:
    """GuardDuty's own Archived flag of each finding (by GuardDuty id)."""
    wanted = {f.guardduty_id for f in findings}
    return {
        f["Id"]: f["Service"]["Archived"]
        for f in findings_of(ADMIN_ACCOUNT, REGION)
        if f["Id"] in wanted
    }
