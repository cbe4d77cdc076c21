"""Channel and rule forms. Secrets are write-only: the form shows whether one is set and takes
a replacement, never the value (sealed.py)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from guardduty_hub.findings.choices import SeverityBand
from guardduty_hub.notifications import sealed, transports
from guardduty_hub.notifications.choices import ChannelKind
from guardduty_hub.notifications.models import Channel, Rule

ACCOUNT_ID = re.compile(r"^\d{12}$")
REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d$")


def _secret_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )


class ChannelForm(forms.ModelForm):
    new_url = _secret_field("Webhook URL")
    new_signing_secret = _secret_field("Signing secret")

    class Meta:
        model = Channel
        fields = ["name", "kind", "enabled", "recipients"]
        widgets = {"recipients": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"recipients": "Email channels: one address per line."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.instance
        for name, current in (
            ("new_url", stored.url),
            ("new_signing_secret", stored.signing_secret),
        ):
            if current:
                # Never the value again: only that one is set, and how.
                self.fields[name].help_text = f"{sealed.describe(current)} — replace?"
            else:
                self.fields[name].help_text = "Or env:NOTIFY_NAME to read it from the environment."

    def clean_new_url(self):
        value = self.cleaned_data["new_url"]
        if value and not sealed.is_env_reference(value):
            try:
                transports.check_url(value)
            except transports.DeliveryError as exc:
                raise ValidationError(str(exc)) from None
        return self._sealable(value)

    def clean_new_signing_secret(self):
        return self._sealable(self.cleaned_data["new_signing_secret"])

    @staticmethod
    def _sealable(value: str) -> str:
        if value and sealed.is_env_reference(value) and not sealed.valid_env_reference(value):
            raise ValidationError("An environment reference is env:NOTIFY_<NAME>.")
        return value

    def clean_recipients(self):
        addresses = [a.strip() for a in self.cleaned_data["recipients"].splitlines() if a.strip()]
        for address in addresses:
            validate_email(address)
        return "\n".join(addresses)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        needs_url = kind in (ChannelKind.WEBHOOK, ChannelKind.SLACK)
        if needs_url and not data.get("new_url") and not self.instance.url:
            self.add_error("new_url", "This channel needs its URL.")
        if kind == ChannelKind.EMAIL and not data.get("recipients"):
            self.add_error("recipients", "An email channel needs at least one address.")
        return data

    def save(self, commit=True):
        channel = super().save(commit=False)
        if self.cleaned_data.get("new_url"):
            channel.url = sealed.seal(self.cleaned_data["new_url"])
        if self.cleaned_data.get("new_signing_secret"):
            channel.signing_secret = sealed.seal(self.cleaned_data["new_signing_secret"])
        if commit:
            channel.save()
        return channel


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,]+", text) if w]


class RuleForm(forms.ModelForm):
    bands = forms.TypedMultipleChoiceField(
        choices=SeverityBand.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: every severity.",
    )
    account_ids = forms.CharField(
        label="Accounts",
        required=False,
        help_text="12-digit account ids, separated by spaces or commas; empty: every account.",
    )
    regions = forms.CharField(
        required=False, help_text="e.g. us-east-1 eu-west-1; empty: every region."
    )

    class Meta:
        model = Rule
        fields = ["name", "enabled", "bands", "type_prefix", "account_ids", "regions"]
        fields += ["on_new", "on_updated", "notify_overdue"]
        labels = {"type_prefix": "Finding type starts with"}
        help_texts = {"type_prefix": "e.g. UnauthorizedAccess: or Backdoor:EC2/; empty: any type."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["account_ids"] = " ".join(self.instance.account_ids)
            self.initial["regions"] = " ".join(self.instance.regions)

    def clean_account_ids(self):
        ids = _words(self.cleaned_data["account_ids"])
        wrong = [i for i in ids if not ACCOUNT_ID.match(i)]
        if wrong:
            raise ValidationError(f"Not 12-digit account ids: {', '.join(wrong)}")
        return sorted(set(ids))

    def clean_regions(self):
        regions = _words(self.cleaned_data["regions"].lower())
        wrong = [r for r in regions if not REGION.match(r)]
        if wrong:
            raise ValidationError(f"Not region names: {', '.join(wrong)}")
        return sorted(set(regions))

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in ("on_new", "on_updated", "notify_overdue")):
            raise ValidationError("Tick new findings, updated findings, overdue ones, or several.")
        return data
