"""Widgets of the list's filter form that Django does not have (rendered by Django's widget
templates, like every widget that is not a list of choices: see views/filter_form.py)."""

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django_filters.widgets import DateRangeWidget

PICKER_FORMAT = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> shows and sends


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's date and time picker. The form reads its value in the user's time zone; a
    value typed into the URL in another ISO form is shown in the picker's form when it parses."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=PICKER_FORMAT)

    def format_value(self, value):
        typed = value
        try:
            if isinstance(value, str) and value:
                moment = parse_datetime(value.strip().replace(" ", "T", 1))
                if moment is None:
                    return value
                value = moment
            if hasattr(value, "tzinfo") and timezone.is_aware(value):
                value = timezone.localtime(value)
        except (ValueError, OverflowError):
            # A day that does not exist, or a time with no equivalent here: the form says so;
            # the picker keeps what was typed.
            return typed
        return super().format_value(value)


class TimeRangeWidget(DateRangeWidget):
    """From/to pickers (`<name>_after`, `<name>_before`), "to" between them."""

    template_name = "findings/widgets/time_range.html"

    def __init__(self, attrs=None):
        forms.MultiWidget.__init__(
            self,
            (DateTimeLocalInput({"aria-label": "from"}), DateTimeLocalInput({"aria-label": "to"})),
            attrs,
        )
