"""Forms of the triage pages that are not the list's filters."""

import zoneinfo

from django import forms

from guardduty_hub.findings.filters import ACCOUNT_RE, REGION_RE

COMMON_ZONES = ["UTC", "Europe/London", "Europe/Berlin", "America/New_York", "Asia/Tokyo"]


def _zone_choices():
    rest = sorted(zoneinfo.available_timezones() - set(COMMON_ZONES))
    return [(z, z) for z in COMMON_ZONES + rest]


class PreferencesForm(forms.Form):
    time_zone = forms.ChoiceField(choices=_zone_choices, label="Time zone")


class SampleFindingsForm(forms.Form):
    accounts = forms.MultipleChoiceField(label="Accounts", widget=forms.CheckboxSelectMultiple)
    regions = forms.MultipleChoiceField(
        label="Regions", widget=forms.SelectMultiple(attrs={"size": 8})
    )
    types = forms.CharField(
        label="Finding types",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One per line; empty = one sample of every type GuardDuty supports.",
    )

    def __init__(self, *args, accounts=(), regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accounts"].choices = [
            (a.account_id, str(a)) for a in accounts if ACCOUNT_RE.match(a.account_id)
        ]
        self.fields["regions"].choices = [(r, r) for r in regions if REGION_RE.match(r)]

    def clean_types(self) -> list[str]:
        types = [t.strip() for t in self.cleaned_data["types"].splitlines() if t.strip()]
        if len(types) > 50:
            raise forms.ValidationError("At most 50 types at a time.")
        if any(len(t) > 100 for t in types):
            raise forms.ValidationError("A finding type is at most 100 characters.")
        return types
