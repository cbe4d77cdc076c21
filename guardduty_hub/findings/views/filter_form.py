"""The list's filter form: Django's widget templates, except for lists of choices.

Text, number and time-range inputs render through Django's templates (findings/widgets.py adds
the date-time picker). Lists of choices do not: Django renders a template per option, and
measured on the bench's form (60 accounts) that took 6.3 ms of a 15 ms budget (2.3 ms even with
the options inlined in one template per widget) against 0.25 ms here. Their markup is what
Django's templates give (same names, ids, attributes, `checked`/`selected`), and every value is
escaped, since URL parameters come back.

An input left empty renders the same markup on every request, so Django's rendering of it is
kept per process (`_empty_input`): rendered anew on every request, the empty inputs of a default
list page cost 2.3 ms of CPU of its 15 ms budget (10.9 -> 8.6 ms a request, median of 150, on
the 1M-row bench). A filled-in input, or one with an error, is rendered by Django every time.
Lists of choices are remembered by what they show (the choices, their labels and which are
chosen): the same users, accounts and regions come back on every request, and their escaped
options were another 0.5 ms.
"""

from functools import lru_cache

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language


def _selected(value) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, list | tuple):
        return {str(v) for v in value}
    return {str(value)}


def _options(choices, chosen: set[str]) -> str:
    return _options_markup(tuple(choices), frozenset(chosen))


@lru_cache(maxsize=128)
def _options_markup(choices: tuple, chosen: frozenset[str]) -> str:
    return "".join(
        f'<option value="{escape(v)}"{" selected" if str(v) in chosen else ""}>{escape(label)}</option>'
        for v, label in choices
    )


@lru_cache(maxsize=128)
def _boxes_markup(name: str, id_: str, choices: tuple, chosen: frozenset[str]) -> str:
    return "".join(
        f'<div><label for="{id_}_{i}"><input type="checkbox" name="{name}" '
        f'value="{escape(v)}" id="{id_}_{i}"{" checked" if str(v) in chosen else ""}> '
        f"{_choice_label(v, label)}</label></div>"
        for i, (v, label) in enumerate(choices)
    )


def render_widget(bound: forms.BoundField) -> SafeString:
    widget, name, id_ = bound.field.widget, bound.html_name, bound.auto_id
    value = bound.value()
    if isinstance(widget, forms.CheckboxSelectMultiple):
        chosen = _selected(value)
        choices = list(widget.choices)
        if name == "account" and len(choices) > settings.FINDINGS_ACCOUNT_PICKER_THRESHOLD:
            return mark_safe(_account_picker(id_, choices, chosen))  # noqa: S308 (escaped)
        boxes = _boxes_markup(name, id_, tuple(choices), frozenset(chosen))
        if name in DROPDOWNS:
            markup = _dropdown(id_, bound.label, boxes, choices, chosen)
        else:
            markup = f'<div id="{id_}">{boxes}</div>'
    elif isinstance(widget, forms.Select) and not widget.allow_multiple_selected:
        # As BoundField.build_widget_attrs: help text and errors for assistive tech.
        aria = ' aria-invalid="true"' if bound.form.is_bound and bound.errors else ""
        chosen = {"" if value is None else str(value)}  # no value selects the "" option
        options = _options(widget.choices, chosen)
        markup = f'<select name="{name}"{aria} id="{id_}">{options}</select>'
    else:  # inputs and ranges: Django's own templates
        if _is_empty(value) and not (bound.form.is_bound and bound.errors):
            return _empty_input(bound, name, id_)
        return bound.as_widget()
    return mark_safe(markup)  # noqa: S308 (every value above is escaped)


def _is_empty(value) -> bool:
    """No value at all: None, "", or a range whose ends are both empty."""
    if isinstance(value, list | tuple):
        return all(_is_empty(v) for v in value)
    return value is None or value == ""


# (form class, field, id, widget class, language) -> Django's markup of the input left empty.
_EMPTY_INPUTS: dict[tuple, SafeString] = {}


def _empty_input(bound: forms.BoundField, name: str, id_: str) -> SafeString:
    key = (type(bound.form).__name__, name, id_, type(bound.field.widget), get_language())
    markup = _EMPTY_INPUTS.get(key)
    if markup is None:
        markup = _EMPTY_INPUTS[key] = bound.as_widget()
    return markup


# Multiple-choice filters shown as a checkbox list in a dropdown (<details>): long lists that
# a row of checkboxes would make too tall, and that a Ctrl-click <select multiple> hides.
DROPDOWNS = {"account", "administrator", "region", "status"}


def _short_label(value, label) -> str:
    """The label without an account's id suffix: what a dropdown's summary lists."""
    text, suffix = str(label), f" ({value})"
    return text[: -len(suffix)] if text.endswith(suffix) and len(text) > len(suffix) else text


def _choice_label(value, label) -> str:
    """An account's "Name (123456789012)" as the name and, muted, its id: both readable."""
    text = str(label)
    suffix = f" ({value})"
    if text.endswith(suffix) and len(text) > len(suffix):
        return f'<span>{escape(text[: -len(suffix)])} <span class="muted">{escape(value)}</span></span>'
    return f"<span>{escape(text)}</span>"


def _dropdown(id_: str, label, boxes: str, choices, chosen: set[str]) -> str:
    """<details> whose summary says what is chosen ("Any", or the choices' labels)."""
    picked = [_short_label(v, text) for v, text in choices if str(v) in chosen]
    picked += sorted(chosen - {str(v) for v, _ in choices})  # from the URL, not offered
    summary = ", ".join(picked) if picked else "Any"
    count = f'<span class="count">{len(picked)}</span>' if picked else ""
    return (
        f'<details class="multi" id="{id_}"><summary>'
        f'<span class="visually-hidden">{escape(label)}: </span>'
        f'<span class="picked">{escape(summary)}</span>{count}</summary>'
        f'<div class="multi-options" role="group" aria-label="{escape(label)}">{boxes}</div></details>'
    )


def _account_picker(id_: str, choices, chosen: set[str]) -> str:
    """Many accounts (above FINDINGS_ACCOUNT_PICKER_THRESHOLD): the chosen ones as checked
    boxes (chips; unticking one removes it, with or without JavaScript) and a search box that
    finding-list.js answers from findings:account_search. Thousands of checkboxes made the
    page megabytes long."""
    labels = dict(choices)
    chips = "".join(
        f'<label class="chip"><input type="checkbox" name="account" value="{escape(v)}" '
        f"checked> {_choice_label(v, labels.get(v, v))}</label>"
        for v in sorted(chosen)
    )
    return (
        f'<div class="account-picker" id="{id_}" data-search-url="{reverse("findings:account_search")}">'
        f'<div class="chips picked-accounts" id="{id_}_chosen">{chips}</div>'
        f'<input type="search" id="{id_}_search" autocomplete="off" '
        f'aria-labelledby="{id_}_label" aria-describedby="{id_}_help" '
        f'aria-controls="{id_}_results" placeholder="Account id or name">'
        f'<ul class="account-results" id="{id_}_results" role="listbox" '
        f'aria-label="Matching accounts" hidden></ul>'
        f'<span class="helptext" id="{id_}_help">{len(choices):,} accounts: type the start '
        f"of an id or part of a name.</span></div>"
    )


def select_options(choices, selected=None) -> SafeString:
    """<option>s of a select the template writes itself (sort, page size, bulk status and
    assignee): a template loop over fifty assignees cost more than the rest of the page."""
    chosen = set() if selected is None else {str(selected)}
    return mark_safe(_options(choices, chosen))  # noqa: S308 (_options escapes)


def render_widgets(form: forms.Form) -> dict[str, SafeString]:
    """name -> widget markup for every field of `form`."""
    return {name: render_widget(form[name]) for name in form.fields}
