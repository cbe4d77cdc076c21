"""A finding's page links every indicator it names and lists the findings sharing them, most
shared first, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.findings.builders import raw_finding
from tests.investigations.world import (
    SCANNER_IP,
    instance_of,
    on_the_same_host,
    scanner_world,
    store,
    with_remote_ip,
)

pytestmark = pytest.mark.django_db


def detail(client, finding):
    response = client.get(reverse("findings:detail", args=[finding.pk]))
    assert response.status_code == 200
    return response


def test_every_indicator_links_to_its_page(client_for, admin_alice):
    world = scanner_world()
    finding = world[("111111111111", "us-east-1")]
    body = detail(client_for(admin_alice), finding).content.decode()
    ip_page = reverse("investigations:indicator", kwargs={"kind": "ip", "value": SCANNER_IP})
    instance_page = reverse(
        "investigations:indicator", kwargs={"kind": "instance", "value": instance_of(finding)}
    )
    assert f'href="{ip_page}"' in body  # in the indicators and on the remote party
    assert f'href="{instance_page}"' in body


def test_related_findings_are_ranked_by_shared_indicators(client_for, admin_alice):
    world = scanner_world()
    finding = world[("111111111111", "us-east-1")]
    # Shares the IP and the instance: ranks above the three that share the IP only.
    twice = on_the_same_host(finding, "Same host")
    store([with_remote_ip(raw_finding(), "192.0.2.200")], "us-east-1")  # shares nothing
    related = detail(client_for(admin_alice), finding).context["related"]
    assert [f.pk for f in related][:1] == [twice.pk]
    assert related[0].shared == 2
    assert {f.pk for f in related[1:]} == {
        f.pk for key, f in world.items() if key != ("111111111111", "us-east-1")
    }
    assert all(f.shared == 1 for f in related[1:])


def test_related_findings_respect_the_account_scope(client_for, scoped_frank):
    world = scanner_world()
    finding = world[("111111111111", "us-east-1")]
    related = detail(client_for(scoped_frank), finding).context["related"]
    assert [f.pk for f in related] == [world[("111111111111", "eu-west-1")].pk]


def test_related_findings_cost_no_query_per_finding(client_for, admin_alice):
    world = scanner_world()
    finding = world[("111111111111", "us-east-1")]
    client = client_for(admin_alice)
    detail(client, finding)
    with CaptureQueriesContext(connection) as few:
        assert len(detail(client, finding).context["related"]) == 3
    store(
        [with_remote_ip(raw_finding(instance_id=f"i-a{n:016x}"), SCANNER_IP) for n in range(20)],
        "us-west-2",
    )
    with CaptureQueriesContext(connection) as many:
        assert len(detail(client, finding).context["related"]) == 10
    assert len(many.captured_queries) == len(few.captured_queries)
