"""Escaping for the markup the finding list builds in Python (tables.py, views/filter_form.py).

django.utils.html.escape is `html.escape(str(value))` marked safe, behind keep_lazy's check of
every argument for a lazy string: on the list page's ~900 escaped values (cells, options) that
check and the SafeString cost 1 ms. `escape` here gives the same text; the markup built from it
is marked safe once, whole, where it is built.
"""

from html import escape as _html_escape


def escape(value) -> str:
    """`value` as text for HTML content or a quoted attribute: & < > " ' escaped."""
    return _html_escape(str(value))
