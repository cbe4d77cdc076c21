"""The finding list reads well: chips, resource cells, bulk bar, pager position, URLs, export."""

import re

from django.urls import reverse

from tests.triage.conftest import make_finding


def _chips(content: bytes) -> list[str]:
    return re.findall(r'<span class="chip">([^<]*)</span>', content.decode())


def test_filter_chips_name_severity_bands_and_statuses(client_for, analyst_bob, accounts):
    make_finding()
    answer = client_for(analyst_bob).get(
        reverse("findings:list"), {"severity": ["3", "4"], "status": ["new", "false_positive"]}
    )
    assert "Severity: High, Critical" in _chips(answer.content)
    assert "Status: New, False positive" in _chips(answer.content)
