from django import forms

from guardduty_hub.configuration.models import ListFormat, ListKind, RuleAction
from guardduty_hub.configuration.plans import FREQUENCIES, PLANS
from guardduty_hub.configuration.protection import DISABLE_MODES


class IntelListForm(forms.Form):
    kind = forms.ChoiceField(choices=ListKind.choices, label="Kind")
    name = forms.CharField(max_length=300, label="Name")
    format = forms.ChoiceField(choices=ListFormat.choices, initial=ListFormat.TXT)
    file = forms.FileField(required=False, label="Upload a file")
    location = forms.CharField(
        max_length=300,
        required=False,
        label="Or an existing location",
        help_text="s3://bucket/key or https://…",
    )
    active = forms.BooleanField(required=False, initial=True, label="Active")

    def clean(self):
        data = super().clean()
        if bool(data.get("file")) == bool((data.get("location") or "").strip()):
            raise forms.ValidationError("Upload a file or give a location (one of the two).")
        return data


class IntelListChangeForm(forms.Form):
    file = forms.FileField(required=False, label="Upload a new file")
    location = forms.CharField(max_length=300, required=False, label="Or a new location")
    active = forms.BooleanField(required=False, label="Active")


class AdministratorSettingsForm(forms.Form):
    list_bucket = forms.CharField(
        max_length=63,
        required=False,
        label="S3 bucket for list files",
        help_text="In the administrator's account; GuardDuty must be able to read it.",
    )
    list_prefix = forms.CharField(max_length=256, required=False, label="Key prefix")
    list_bucket_region = forms.CharField(max_length=32, required=False, label="Bucket region")


class SuppressionRuleForm(forms.Form):
    name = forms.CharField(
        max_length=64, help_text="GuardDuty's filter name: 3 to 64 letters, digits, . _ or -."
    )
    description = forms.CharField(max_length=512, required=False)
    action = forms.ChoiceField(choices=RuleAction.choices, initial=RuleAction.ARCHIVE)
    rank = forms.IntegerField(min_value=1, max_value=100, initial=1)
    confirmed_severe = forms.BooleanField(
        required=False, label="Yes, archive High and Critical findings like these too"
    )


class BaselineForm(forms.Form):
    finding_publishing_frequency = forms.ChoiceField(
        choices=FREQUENCIES, label="Publish findings (EventBridge, S3 export)"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for plan in PLANS:
            self.fields[plan.key] = forms.BooleanField(required=False, label=plan.label)

    def plans(self) -> dict[str, bool]:
        return {plan.key: self.cleaned_data[plan.key] for plan in PLANS}


class DisableForm(forms.Form):
    regions = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, label="Regions")
    mode = forms.ChoiceField(choices=list(DISABLE_MODES.items()), widget=forms.RadioSelect)
    understood = forms.BooleanField(label="I understand what stops")

    def __init__(self, *args, regions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regions"].choices = [(r, r) for r in regions]
