"""The list's filter form: Django's widget templates, except for lists of choices.

Text, number and time-range inputs render through Django's templates (findings/widgets.py adds
the date-time picker). Lists of choices do not: Django renders a template per option, and
measured on the bench's form (60 accounts) that took 6.3 ms of a 15 ms budget (2.3 ms even with
the options inlined in one template per widget) against 0.25 ms here. Their markup is what
Django's templates give (same names, ids, attributes, `checked`/`selected`), and every value is
escaped, since URL parameters come back.
"""

from django import forms
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def _selected(value) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, list | tuple):
        return {str(v) for v in value}
    return {str(value)}


def _options(choices, chosen: set[str]) -> str:
    return "".join(
        f'<option value="{escape(v)}"{" selected" if str(v) in chosen else ""}>{escape(label)}</option>'
        for v, label in choices
    )


def render_widget(bound: forms.BoundField) -> SafeString:
    widget, name, id_ = bound.field.widget, bound.html_name, bound.auto_id
    value = bound.value()
    if isinstance(widget, forms.CheckboxSelectMultiple):
        chosen = _selected(value)
        choices = list(widget.choices)
        boxes = "".join(
            f'<div><label for="{id_}_{i}"><input type="checkbox" name="{name}" '
            f'value="{escape(v)}" id="{id_}_{i}"{" checked" if str(v) in chosen else ""}> '
            f"{_choice_label(v, label)}</label></div>"
            for i, (v, label) in enumerate(choices)
        )
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
        return bound.as_widget()
    return mark_safe(markup)  # noqa: S308 (every value above is escaped)


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


def select_options(choices, selected=None) -> SafeString:
    """<option>s of a select the template writes itself (sort, page size, bulk status and
    assignee): a template loop over fifty assignees cost more than the rest of the page."""
    chosen = set() if selected is None else {str(selected)}
    return mark_safe(_options(choices, chosen))  # noqa: S308 (_options escapes)


def render_widgets(form: forms.Form) -> dict[str, SafeString]:
    """name -> widget markup for every field of `form`."""
    return {name: render_widget(form[name]) for name in form.fields}
