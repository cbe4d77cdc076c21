"""The filter form's inputs are Django's markup; an empty one is rendered once per process."""

import re

from django import forms
from django.test import RequestFactory
from django.urls import reverse

from guardduty_hub.findings.views.filter_form import render_widgets
from guardduty_hub.findings.views.listing import filtered_findings
from tests.factories import make_finding
from tests.triage.conftest import MEMBER_IDS


def _form(user):
    """The empty list page's filter form, as the list view builds it."""
    request = RequestFactory().get(reverse("findings:list"))
    request.user = user
    filterset, _ = filtered_findings(request)
    assert filterset.is_valid()
    return filterset.form


def _django_rendered(form) -> list[str]:
    """The fields the form leaves to Django's widget templates (not lists of choices)."""
    return [
        name
        for name, field in form.fields.items()
        if not isinstance(field.widget, forms.CheckboxSelectMultiple | forms.Select)
    ]


def test_every_empty_input_is_what_django_renders(analyst_bob, accounts):
    names = _django_rendered(_form(analyst_bob))
    assert {"q", "type_prefix", "min_severity", "last_seen"} <= set(names)
    for _ in range(2):  # the second time from what the first remembered
        form = _form(analyst_bob)
        rendered = render_widgets(form)
        for name in names:
            assert rendered[name] == form[name].as_widget(), name


def test_a_filled_input_shows_its_own_value_between_empty_ones(client_for, analyst_bob, accounts):
    make_finding()
    client = client_for(analyst_bob)
    url = reverse("findings:list")
    assert 'name="q" value=' not in client.get(url).content.decode()
    filled = client.get(url, {"q": "needle", "last_seen_before": "2026-11-02T09:30"})
    content = filled.content.decode()
    assert 'name="q" value="needle"' in content
    assert 'name="last_seen_before" value="2026-11-02T09:30"' in content
    again = client.get(url).content.decode()
    assert "needle" not in again
    assert 'name="last_seen_before" value=' not in again


def test_choice_lists_show_what_is_true_now(client_for, analyst_bob, accounts):
    """Remembered lists of choices are keyed by what they show: a renamed account, another
    choice ticked, are rendered anew (and escaped)."""
    make_finding()
    client = client_for(analyst_bob)
    url = reverse("findings:list")
    member = accounts[MEMBER_IDS[0]]
    box = f'name="account" value="{member.account_id}"'
    first = client.get(url).content.decode()
    assert f"<span>{member.name} <span" in first
    assert re.search(rf'{box} id="id_account_\d+">', first)
    member.name = "Renamed <b>"
    member.save()
    ticked = client.get(url, {"account": member.account_id}).content.decode()
    assert "Renamed &lt;b&gt;" in ticked and "<span>Member 1 <span" not in ticked
    assert re.search(rf'{box} id="id_account_\d+" checked>', ticked)
    assert not re.search(rf'{box} id="id_account_\d+" checked>', client.get(url).content.decode())
