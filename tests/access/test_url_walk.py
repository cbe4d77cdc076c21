"""Every URL pattern of the project, for every persona: the status each may get, declared once.

The walk resolves all patterns from the root URLconf, fills their path parameters with rows of
a small world (tests/access/conftest.py), and asks each as each persona, GET and POST (an
empty body; each request in a transaction rolled back, so no write changes the next). RULES
below is the one table of expectations; a pattern without a rule fails the build, so a new URL
comes with its access rule. GDH_URL_WALK_SHOW=1 writes what each persona got to
/tmp/url_walk_<persona>.txt, to write a new rule from (after reading it for leaks).

Reading the table: anonymous people are sent to sign in (302; the API answers 401), a role
without the capability gets 403, and a row outside the user's scope is "not found" (404).

The world: administrators 999999999999 ("admin", in the scoped Admin hal's scope, not in any
persona's here) and 888888888888; members 111111111111 (scoped_frank's and scoped_admin_gina's
only account), 222222222222 (member_owner_dave's) and 333333333333; an operation over 111 and
222; a sync run; a finding in 111; alice's saved view and API token. Ids that name nothing
(999999) test the refusal before the lookup.
"""

import os
import re
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from guardduty_hub.api.services import token_issue
from guardduty_hub.findings.models import BulkOperation, SavedView
from tests.factories import make_finding

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "admin_alice",  # Admin: every account
    "analyst_bob",  # Analyst: every account
    "viewer_carol",  # Viewer: every account
    "member_owner_dave",  # Member owner of 222222222222
    "scoped_frank",  # Analyst scoped to 111111111111
    "scoped_admin_gina",  # Admin scoped to 111111111111
    "outsider_erin",  # signed in, no role
]
MISSING = 999999  # a primary key no row has


@dataclass(frozen=True)
class Rule:
    get: str
    post: str

    def expected(self, method: str) -> list[str]:
        codes = (self.get if method == "GET" else self.post).split()
        assert len(codes) in (1, len(PERSONAS)), f"{self}: one status per persona"
        return codes * len(PERSONAS) if len(codes) == 1 else codes


# The admin site: staff only (no persona here is staff): its sign-in page for everyone else.
ADMIN_SITE = Rule("302", "302")
ADMIN_SIGN_IN = Rule("200", "200")

# (GET, POST) statuses, one per persona in PERSONAS order, or one for all:
#   anonymous admin analyst viewer owner(222) scoped(111) scoped-Admin(111) no-role
# Notes: 502 = GuardDuty refused the write-back (the world has no detector): the request got
# through the access rule. 400 = the empty POST body was refused after the access rule.
RULES: dict[str, Rule] = {
    "healthz": Rule("200", "405"),
    "metrics": Rule("403", "403"),
    "login": Rule("200", "200"),
    "home": Rule("302 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200"),
    "accounts:list": Rule("302 200 200 200 200 200 200 403", "302 200 200 200 200 200 200 403"),
    "accounts:add": Rule("302 200 403 403 403 403 403 403", "302 200 403 403 403 403 403 403"),
    "accounts:import": Rule("302 200 403 403 403 403 403 403", "302 200 403 403 403 403 403 403"),
    "accounts:operation_new": Rule(
        "302 302 403 403 403 403 302 403", "302 302 403 403 403 403 302 403"
    ),
    "accounts:operation": Rule(
        "302 200 200 200 403 404 404 403", "302 200 200 200 403 404 404 403"
    ),
    "accounts:operation_retry": Rule(
        "302 405 403 403 403 403 405 403", "302 302 403 403 403 403 404 403"
    ),
    "accounts:administrators": Rule(
        "302 200 403 403 403 403 200 403", "302 200 403 403 403 403 200 403"
    ),
    "accounts:administrator_new": Rule(
        "302 200 403 403 403 403 403 403", "302 200 403 403 403 403 403 403"
    ),
    "accounts:administrator_refresh": Rule(
        "302 405 403 403 403 403 405 403", "302 302 403 403 403 403 404 403"
    ),
    "accounts:administrator_regions": Rule(
        "302 405 403 403 403 403 405 403", "302 302 403 403 403 403 404 403"
    ),
    "accounts:member_home": Rule(
        "302 200 403 403 302 403 200 403", "302 200 403 403 302 403 200 403"
    ),
    "accounts:member": Rule("302 200 403 403 200 403 404 403", "302 200 403 403 200 403 404 403"),
    "accounts:member_refresh": Rule(
        "302 405 405 405 405 405 405 405", "302 302 403 403 302 403 404 403"
    ),
    "accounts:member_accept": Rule(
        "302 405 405 405 405 405 405 405", "302 302 403 403 302 403 404 403"
    ),
    "accounts:member_decline": Rule(
        "302 405 405 405 405 405 405 405", "302 302 403 403 302 403 404 403"
    ),
    "accounts:member_leave": Rule(
        "302 405 405 405 405 405 405 405", "302 302 403 403 302 403 404 403"
    ),
    "findings:list": Rule("302 200 200 200 200 200 200 403", "302 200 200 200 200 200 200 403"),
    "findings:export": Rule("302 200 200 200 200 200 200 403", "302 200 200 200 200 200 200 403"),
    "findings:bulk": Rule("302 405 405 405 405 405 405 405", "302 302 302 403 403 302 302 403"),
    # A "select all matching" run: only its starter (alice) sees it; others who triage: 404.
    "findings:bulk_operation": Rule(
        "302 200 404 403 403 404 404 403", "302 405 405 405 405 405 405 405"
    ),
    # The account filter's search: whoever sees findings (scoped to their accounts).
    "findings:account_search": Rule(
        "302 200 200 200 200 200 200 403", "302 405 405 405 405 405 405 405"
    ),
    "findings:detail": Rule("302 200 200 200 404 200 200 403", "302 200 200 200 404 200 200 403"),
    "findings:full_field": Rule(
        "302 200 200 200 404 200 200 403", "302 200 200 200 404 200 200 403"
    ),
    "findings:note": Rule("302 405 405 405 405 405 405 405", "302 302 302 403 403 302 302 403"),
    "findings:view_save": Rule(
        "302 405 405 405 405 405 405 405", "302 302 302 302 302 302 302 403"
    ),
    "findings:view_delete": Rule(
        "302 405 405 405 405 405 405 405", "302 302 404 404 404 404 404 403"
    ),
    "findings:samples": Rule("302 200 403 403 403 403 200 403", "302 200 403 403 403 403 200 403"),
    "findings:audit": Rule("302 200 403 403 403 403 403 403", "302 200 403 403 403 403 403 403"),
    "findings:preferences": Rule(
        "302 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200"
    ),
    "sync:overview": Rule("302 200 200 200 403 200 200 403", "302 200 200 200 403 200 200 403"),
    "sync:run": Rule("302 405 405 405 405 405 405 405", "302 302 403 403 403 403 302 403"),
    "configuration:index": Rule(
        "302 200 200 200 200 200 200 403", "302 200 200 200 200 200 200 403"
    ),
    "configuration:settings": Rule(
        "302 200 403 403 403 403 404 403", "302 200 403 403 403 403 404 403"
    ),
    "configuration:lists": Rule(
        "302 200 200 200 404 404 404 403", "302 200 200 200 404 404 404 403"
    ),
    "configuration:list_add": Rule(
        "302 405 403 403 403 403 405 403", "302 400 403 403 403 403 404 403"
    ),
    "configuration:list_refresh": Rule(
        "302 405 403 403 403 403 405 403", "302 302 403 403 403 403 404 403"
    ),
    "configuration:list_change": Rule(
        "302 405 403 403 403 403 405 403", "302 404 403 403 403 403 404 403"
    ),
    "configuration:list_apply": Rule(
        "302 405 403 403 403 403 405 403", "302 404 403 403 403 403 404 403"
    ),
    "configuration:list_delete": Rule(
        "302 405 403 403 403 403 405 403", "302 404 403 403 403 403 404 403"
    ),
    "configuration:coverage": Rule(
        "302 200 200 200 404 404 404 403", "302 200 200 200 404 404 404 403"
    ),
    "configuration:coverage_csv": Rule(
        "302 200 200 200 404 404 404 403", "302 200 200 200 404 404 404 403"
    ),
    "configuration:coverage_refresh": Rule(
        "302 405 403 403 403 403 405 403", "302 302 403 403 403 403 404 403"
    ),
    "configuration:baseline": Rule(
        "302 405 403 403 403 403 405 403", "302 302 403 403 403 403 404 403"
    ),
    "configuration:baseline_apply": Rule(
        "302 405 403 403 403 403 405 403", "302 302 403 403 403 403 404 403"
    ),
    "configuration:member_disable": Rule(
        "302 404 403 403 403 403 404 403", "302 404 403 403 403 403 404 403"
    ),
    "configuration:organization": Rule(
        "302 200 200 200 404 404 404 403", "302 200 200 200 404 404 404 403"
    ),
    "configuration:organization_configure": Rule(
        "302 405 403 403 403 403 405 403", "302 302 403 403 403 403 404 403"
    ),
    "configuration:organization_add": Rule(
        "302 405 403 403 403 403 405 403", "302 302 403 403 403 403 404 403"
    ),
    "configuration:organization_designate": Rule(
        "302 405 403 403 403 403 405 403", "302 404 403 403 403 403 404 403"
    ),
    "configuration:rules": Rule(
        "302 200 200 200 404 404 404 403", "302 200 200 200 404 404 404 403"
    ),
    "configuration:rule_new": Rule(
        "302 200 403 403 403 403 404 403", "302 400 403 403 403 403 404 403"
    ),
    "configuration:rule_refresh": Rule(
        "302 405 403 403 403 403 405 403", "302 302 403 403 403 403 404 403"
    ),
    "configuration:rule_edit": Rule(
        "302 404 403 403 403 403 404 403", "302 404 403 403 403 403 404 403"
    ),
    "configuration:rule_apply": Rule(
        "302 405 403 403 403 403 405 403", "302 404 403 403 403 403 404 403"
    ),
    "configuration:rule_delete": Rule(
        "302 405 403 403 403 403 405 403", "302 404 403 403 403 403 404 403"
    ),
    "configuration:rule_archive_existing": Rule(
        "302 405 403 403 403 403 405 403", "302 404 403 403 403 403 404 403"
    ),
    # Notifications: seen by people who see every account, changed by Admins of every account.
    "notifications:channels": Rule(
        "302 200 200 200 403 403 403 403", "302 200 200 200 403 403 403 403"
    ),
    "notifications:channel": Rule(
        "302 404 404 404 403 403 403 403", "302 404 404 404 403 403 403 403"
    ),
    "notifications:channel_new": Rule(
        "302 200 403 403 403 403 403 403", "302 200 403 403 403 403 403 403"
    ),
    "notifications:channel_edit": Rule(
        "302 404 403 403 403 403 403 403", "302 404 403 403 403 403 403 403"
    ),
    "notifications:channel_delete": Rule(
        "302 404 403 403 403 403 403 403", "302 404 403 403 403 403 403 403"
    ),
    "notifications:channel_test": Rule(
        "302 405 403 403 403 403 403 403", "302 404 403 403 403 403 403 403"
    ),
    "notifications:rule_new": Rule(
        "302 404 403 403 403 403 403 403", "302 404 403 403 403 403 403 403"
    ),
    "notifications:rule_edit": Rule(
        "302 404 403 403 403 403 403 403", "302 404 403 403 403 403 403 403"
    ),
    "notifications:rule_delete": Rule(
        "302 405 403 403 403 403 403 403", "302 404 403 403 403 403 403 403"
    ),
    "investigations:indicator": Rule(
        "302 404 404 404 404 404 404 403", "302 404 404 404 404 404 404 403"
    ),
    "api:schema": Rule("401 200 200 200 200 200 200 403", "401 405 405 405 405 405 405 403"),
    "api:docs": Rule("401 200 200 200 200 200 200 403", "401 405 405 405 405 405 405 403"),
    "api:coverage": Rule("401 200 200 200 404 404 404 403", "401 405 403 403 403 403 405 403"),
    "api:baseline": Rule("401 404 404 404 404 404 404 403", "401 400 403 403 403 403 404 403"),
    "api:finding-list": Rule("401 200 200 200 200 200 200 403", "401 405 405 405 405 405 405 403"),
    "api:finding-bulk": Rule("401 405 405 405 405 405 405 403", "401 400 400 403 403 400 400 403"),
    # A background bulk run: only its starter (alice); others who triage: 404.
    "api:finding-bulk-operation": Rule(
        "401 200 404 403 403 404 404 403", "401 405 405 405 405 405 405 403"
    ),
    "api:finding-detail": Rule(
        "401 200 200 200 404 200 200 403", "401 405 405 405 405 405 405 403"
    ),
    "api:finding-archive": Rule(
        "401 405 405 405 405 405 405 403", "401 502 502 403 403 502 502 403"
    ),
    "api:finding-assign": Rule(
        "401 405 405 405 405 405 405 403", "401 400 400 403 403 400 400 403"
    ),
    "api:finding-feedback": Rule(
        "401 405 405 405 405 405 405 403", "401 400 400 403 403 400 400 403"
    ),
    "api:finding-notes": Rule("401 200 200 200 404 200 200 403", "401 400 400 403 404 400 400 403"),
    "api:finding-status": Rule(
        "401 405 405 405 405 405 405 403", "401 400 400 403 403 400 400 403"
    ),
    "api:finding-unarchive": Rule(
        "401 405 405 405 405 405 405 403", "401 502 502 403 403 502 502 403"
    ),
    "api:account-list": Rule("401 200 200 200 200 200 200 403", "401 405 405 405 405 405 405 403"),
    "api:account-detail": Rule(
        "401 200 200 200 200 404 404 403", "401 405 405 405 405 405 405 403"
    ),
    "api:membership-list": Rule(
        "401 200 200 200 200 200 200 403", "401 405 405 405 405 405 405 403"
    ),
    "api:membership-detail": Rule(
        "401 404 404 404 404 404 404 403", "401 405 405 405 405 405 405 403"
    ),
    "api:membership-operation-list": Rule(
        "401 200 200 200 403 200 200 403", "401 400 403 403 403 403 400 403"
    ),
    "api:membership-operation-detail": Rule(
        "401 200 200 200 403 404 404 403", "401 405 405 405 403 405 405 403"
    ),
    "api:membership-operation-retry": Rule(
        "401 405 405 405 403 405 405 403", "401 202 403 403 403 403 404 403"
    ),
    "api:sync-run-list": Rule("401 200 200 200 403 200 200 403", "401 405 405 405 403 405 405 403"),
    "api:sync-run-detail": Rule(
        "401 200 200 200 403 404 404 403", "401 405 405 405 403 405 405 403"
    ),
    "api:intel-list-list": Rule(
        "401 200 200 200 200 200 200 403", "401 400 403 403 403 403 400 403"
    ),
    "api:intel-list-detail": Rule(
        "401 404 404 404 404 404 404 403", "401 405 405 405 405 405 405 403"
    ),
    "api:intel-list-apply": Rule(
        "401 405 405 405 405 405 405 403", "401 404 403 403 403 403 404 403"
    ),
    "api:suppression-rule-list": Rule(
        "401 200 200 200 200 200 200 403", "401 400 403 403 403 403 400 403"
    ),
    "api:suppression-rule-backtest": Rule(
        "401 400 400 400 400 400 400 403", "401 405 405 405 405 405 405 403"
    ),
    "api:suppression-rule-detail": Rule(
        "401 404 404 404 404 404 404 403", "401 405 405 405 405 405 405 403"
    ),
    "api:suppression-rule-apply": Rule(
        "401 405 405 405 405 405 405 403", "401 404 403 403 403 403 404 403"
    ),
    "api:member-account-list": Rule(
        "401 200 403 403 200 403 200 403", "401 405 403 403 405 403 405 403"
    ),
    "api:member-account-detail": Rule(
        "401 200 403 403 200 403 404 403", "401 405 403 403 405 403 405 403"
    ),
    "api:member-account-accept": Rule(
        "401 405 403 403 405 403 405 403", "401 400 403 403 400 403 404 403"
    ),
    "api:member-account-decline": Rule(
        "401 405 403 403 405 403 405 403", "401 400 403 403 400 403 404 403"
    ),
    "api:member-account-leave": Rule(
        "401 405 403 403 405 403 405 403", "401 400 403 403 400 403 404 403"
    ),
    "api:member-account-refresh": Rule(
        "401 405 403 403 405 403 405 403", "401 200 403 403 200 403 404 403"
    ),
    "api_tokens:list": Rule("302 200 200 200 200 200 200 403", "302 200 200 200 200 200 200 403"),
    "api_tokens:revoke": Rule("302 405 405 405 405 405 405 403", "302 302 404 404 404 404 404 403"),
    "logout": Rule("302 405 405 405 405 405 405 405", "302"),
}


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            full = ":".join(n for n in (namespace, inner) if n) if inner else namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), full)
        elif isinstance(pattern, URLPattern):
            # An unnamed pattern is known by its route (the admin site's catch-all).
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name or prefix + str(pattern.pattern), pattern


def every_pattern() -> list[tuple[str, URLPattern]]:
    return list(_walk(get_resolver().url_patterns))


def rule_for(name: str) -> Rule | None:
    if name == "admin:login":
        return ADMIN_SIGN_IN
    if name.startswith(("admin:", "admin/")):
        return ADMIN_SITE
    return RULES.get(name)


def _parameters(pattern: URLPattern) -> list[str]:
    return list(re.compile(pattern.pattern.regex.pattern).groupindex)


def test_every_url_has_a_rule():
    missing = sorted(name for name, _ in every_pattern() if rule_for(name) is None)
    assert not missing, f"URLs without an access rule in tests/access/test_url_walk.py: {missing}"


@pytest.fixture
def walk_world(world, admin_alice):
    """The world's rows each path parameter names (see the module's docstring)."""
    finding = make_finding(account_id="111111111111")
    view = SavedView.objects.create(owner=admin_alice, name="Walk", query="")
    token, _ = token_issue(admin_alice, admin_alice, "walk")
    run = BulkOperation.objects.create(user=admin_alice, action="status", argument="resolved")
    pk = {
        "accounts:operation": world.wide_operation.pk,
        "accounts:operation_retry": world.wide_operation.pk,
        "findings:view_delete": view.pk,
        "findings:bulk_operation": run.pk,
        "api:finding-bulk-operation": run.pk,
        "api:membership-operation-detail": world.wide_operation.pk,
        "api:membership-operation-retry": world.wide_operation.pk,
        "api:sync-run-detail": world.run.pk,
        "api_tokens:revoke": token.pk,
    }
    return {"world": world, "finding": finding.pk, "pk": pk}


def _kwargs(name: str, pattern: URLPattern, rows: dict) -> dict:
    found = {}
    for param in _parameters(pattern):
        if param == "pk":
            default = rows["finding"] if "finding" in name else MISSING
            found[param] = rows["pk"].get(name, default)
        elif param == "account_id":
            member = name.startswith(("accounts:member", "api:member-account", "api:account"))
            found[param] = "222222222222" if member else "999999999999"
        elif param == "operation_id":
            found[param] = rows["pk"].get(name, MISSING)
        elif param == "member_id":
            found[param] = "111111111111"
        else:
            found[param] = FILL[param]
    return found


def _url(name: str, pattern: URLPattern, rows: dict) -> str:
    if pattern.name:
        return reverse(name, kwargs=_kwargs(name, pattern, rows))
    # Unnamed: the admin site's catch-all, "admin/" + any path.
    assert name.startswith("admin/"), f"unnamed URL pattern {name}: give it a name"
    return "/admin/nothing-here/"


# Parameters of the admin site and the pages that are not about a row of the world.
FILL = {
    "field": "description",
    "kind": "ip",
    "value": "198.51.100.7",
    "app_label": "accounts",
    "object_id": "1",
    "content_type_id": "1",
    "url": "nothing-here",
    "id": "1",
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_url_walk(request, persona, walk_world):
    client = Client(raise_request_exception=False)
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    column = PERSONAS.index(persona)
    wrong, seen = [], []
    # Signing out ends the walk's session: last.
    for name, pattern in sorted(every_pattern(), key=lambda found: found[0] == "logout"):
        # Without a rule (test_every_url_has_a_rule fails) the walk still shows what it got.
        rule = rule_for(name) or Rule(get="?", post="?")
        url = _url(name, pattern, walk_world)
        for method in ("GET", "POST"):
            want = rule.expected(method)[column]
            # Each request in a transaction rolled back: a write cannot change the next one.
            with transaction.atomic():
                response = client.get(url) if method == "GET" else client.post(url)
                transaction.set_rollback(True)
            got = str(response.status_code)
            seen.append(f"{name} {method} {got}")
            if want not in ("?", got):
                wrong.append(f"{method} {url} ({name}): {got}, expected {want}")
    if SHOW:
        with open(f"/tmp/url_walk_{persona}.txt", "w") as out:
            out.write("\n".join(seen))
    assert not wrong, "\n".join(wrong)


SHOW = bool(os.environ.get("GDH_URL_WALK_SHOW"))
