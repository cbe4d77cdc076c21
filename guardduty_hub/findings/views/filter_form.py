"""The list's filter form widgets, rendered in Python.

Django renders each widget through its template engine (a template per widget and one per
option: the account and region selects alone are ~100 option templates); that was the biggest
share of the list page's Python time. The markup here is what Django's default widget templates
give (same names, ids, attributes and `checked`/`selected` states), so the no-JS form, HTMX and
the tests see the same form. Every value is escaped (`_esc`), since URL parameters come back.
"""

from django import forms
from django.forms.widgets import Input
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.safestring import SafeString, mark_safe

from guardduty_hub.findings.tables import esc


def _attrs(attrs: dict) -> str:
    parts = []
    for key, value in attrs.items():
        if value is True:
            parts.append(f" {key}")
        elif value is not False and value is not None:
            parts.append(f' {key}="{esc(value)}"')
    return "".join(parts)


def _selected(value) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, list | tuple):
        return {str(v) for v in value}
    return {str(value)}


def _input(widget: Input, name: str, id_: str, value, extra: dict) -> str:
    shown = widget.format_value(value)
    attrs = {"type": widget.input_type, "name": name}
    if shown not in (None, ""):
        attrs["value"] = shown
    return f"<input{_attrs({**attrs, **widget.attrs, **extra, 'id': id_})}>"


def _range_input(
    widget: Input, name: str, id_: str, value, extra: dict, index: int, times: bool
) -> str:
    """One end of a from/to range. Times get the browser's date and time picker
    (datetime-local: "2025-01-31T14:05", which the form reads in the user's time zone); a value
    typed into the URL in another ISO form is shown in the picker's form when it parses."""
    extra = {**extra, "aria-label": "from" if index == 0 else "to"}
    if not times:
        return _input(widget, name, id_, value, extra)
    if isinstance(value, str) and value:
        moment = parse_datetime(value.strip().replace(" ", "T", 1))
        if moment is not None:
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            value = moment.strftime("%Y-%m-%dT%H:%M")
    attrs = {"type": "datetime-local", "name": name}
    if value:
        attrs["value"] = value
    return f"<input{_attrs({**attrs, **extra, 'id': id_})}>"


def _options(choices, chosen: set[str]) -> str:
    return "".join(
        f'<option value="{esc(v)}"{" selected" if str(v) in chosen else ""}>{esc(label)}</option>'
        for v, label in choices
    )


def render_widget(bound: forms.BoundField) -> SafeString:
    widget, name, id_ = bound.field.widget, bound.html_name, bound.auto_id
    value = bound.value()
    # As Django's BoundField.build_widget_attrs: help text and errors for assistive tech.
    extra = {}
    if bound.help_text:
        extra["aria-describedby"] = f"{id_}_helptext"
    if bound.form.is_bound and bound.errors:
        extra["aria-invalid"] = "true"
    aria = _attrs(extra)
    if isinstance(widget, forms.CheckboxSelectMultiple):
        chosen = _selected(value)
        choices = list(widget.choices)
        boxes = "".join(
            f'<div><label for="{id_}_{i}"><input type="checkbox" name="{name}" '
            f'value="{esc(v)}" id="{id_}_{i}"{" checked" if str(v) in chosen else ""}> '
            f"{_choice_label(v, label)}</label></div>"
            for i, (v, label) in enumerate(choices)
        )
        if name in DROPDOWNS:
            markup = _dropdown(id_, bound.label, boxes, choices, chosen)
        else:
            markup = f'<div id="{id_}">{boxes}</div>'
    elif isinstance(widget, forms.Select):  # SelectMultiple is one too
        if widget.allow_multiple_selected:
            multiple, chosen = " multiple", _selected(value)
        else:  # a single select with no value selects its "" (empty) option
            multiple, chosen = "", {"" if value is None else str(value)}
        options = _options(widget.choices, chosen)
        markup = f'<select name="{name}"{aria} id="{id_}"{multiple}>{options}</select>'
    elif isinstance(widget, forms.MultiWidget):  # django-filter's from/to ranges
        values = value if isinstance(value, list | tuple) else [None] * len(widget.widgets)
        times = isinstance(bound.field, forms.MultiValueField) and all(
            isinstance(part, forms.DateTimeField) for part in bound.field.fields
        )
        markup = '<span class="range-sep">to</span>'.join(
            _range_input(sub, f"{name}_{widget.suffixes[i]}", f"{id_}_{i}", v, extra, i, times)
            for i, (sub, v) in enumerate(zip(widget.widgets, values, strict=False))
        )
    elif isinstance(widget, Input):
        markup = _input(widget, name, id_, value, extra)
    else:  # anything else: Django's own rendering
        return bound.as_widget()
    return mark_safe(markup)  # noqa: S308 (every value above is escaped)


# Multiple-choice filters shown as a checkbox list in a dropdown (<details>): long lists that
# a row of checkboxes would make too tall, and that a Ctrl-click <select multiple> hides.
DROPDOWNS = {"account", "region", "status"}


def _short_label(value, label) -> str:
    """The label without an account's id suffix: what a dropdown's summary lists."""
    text, suffix = str(label), f" ({value})"
    return text[: -len(suffix)] if text.endswith(suffix) and len(text) > len(suffix) else text


def _choice_label(value, label) -> str:
    """An account's "Name (123456789012)" as the name and, muted, its id: both readable."""
    text = str(label)
    suffix = f" ({value})"
    if text.endswith(suffix) and len(text) > len(suffix):
        return f'<span>{esc(text[: -len(suffix)])} <span class="muted">{esc(value)}</span></span>'
    return f"<span>{esc(text)}</span>"


def _dropdown(id_: str, label, boxes: str, choices, chosen: set[str]) -> str:
    """<details> whose summary says what is chosen ("Any", or the choices' labels)."""
    picked = [_short_label(v, text) for v, text in choices if str(v) in chosen]
    picked += sorted(chosen - {str(v) for v, _ in choices})  # from the URL, not offered
    summary = ", ".join(picked) if picked else "Any"
    count = f'<span class="count">{len(picked)}</span>' if picked else ""
    return (
        f'<details class="multi" id="{id_}"><summary>'
        f'<span class="visually-hidden">{esc(label)}: </span>'
        f'<span class="picked">{esc(summary)}</span>{count}</summary>'
        f'<div class="multi-options" role="group" aria-label="{esc(label)}">{boxes}</div></details>'
    )


def select_options(choices, selected=None) -> SafeString:
    """<option>s of a select the template writes itself (sort, page size, bulk status and
    assignee): a template loop over fifty assignees cost more than the rest of the page."""
    chosen = set() if selected is None else {str(selected)}
    return mark_safe(_options(choices, chosen))  # noqa: S308 (_options escapes)


def render_widgets(form: forms.Form) -> dict[str, SafeString]:
    """name -> widget markup for every field of `form`."""
    return {name: render_widget(form[name]) for name in form.fields}
