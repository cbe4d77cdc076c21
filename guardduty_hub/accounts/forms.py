"""Forms of the accounts pages: add by form, CSV upload, the table's filters."""

from django import forms
from django.core.exceptions import ValidationError

from guardduty_hub.accounts.csv_import import account_id_problem, email_problem
from guardduty_hub.aws import gateway

# An upload of 50,000 rows is about 2.5 MB; anything much larger is not an accounts file.
MAX_CSV_BYTES = 5 * 1024 * 1024


class AccountRowForm(forms.Form):
    account_id = forms.CharField(label="Account ID", max_length=32, required=False)
    email = forms.CharField(label="Root user email", max_length=256, required=False)
    name = forms.CharField(label="Name (optional)", max_length=128, required=False)

    def clean(self):
        data = super().clean()
        account_id = (data.get("account_id") or "").strip()
        email = (data.get("email") or "").strip()
        if not account_id and not email:
            return data  # an unused row of the formset
        if problem := account_id_problem(account_id):
            self.add_error("account_id", problem)
        if problem := email_problem(email):
            self.add_error("email", problem[:1].upper() + problem[1:])
        data["account_id"], data["email"] = account_id, email
        return data

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("account_id") and not data.get("email")


class BaseAccountRowFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen: dict[str, int] = {}
        filled = 0
        for index, form in enumerate(self.forms, start=1):
            if form.is_blank:
                continue
            filled += 1
            account_id = form.cleaned_data["account_id"]
            if account_id in seen:
                raise ValidationError(
                    f"Account {account_id} is on rows {seen[account_id]} and {index}."
                )
            seen[account_id] = index
        if not filled:
            raise ValidationError("Enter at least one account ID and email.")


AccountRowFormSet = forms.formset_factory(
    AccountRowForm, formset=BaseAccountRowFormSet, extra=3, max_num=200, absolute_max=200
)


class CsvUploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Header “Account ID,Email” (the console's format) or plain “id,email” lines.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise ValidationError("The file is larger than 5 MB; split it and upload the parts.")
        return upload


class OperationForm(forms.Form):
    """Confirm a membership operation: which administrator, which regions, invite options."""

    administrator = forms.ModelChoiceField(queryset=None, empty_label=None)
    regions = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple)
    message = forms.CharField(
        label="Personal message (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    email_root_user = forms.BooleanField(
        label="Also send an email notification to the root user of each account",
        required=False,
        initial=True,
    )

    def __init__(self, *args, administrators, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["administrator"].queryset = administrators
        self.fields["regions"].choices = [(r, r) for r in regions]


class AdministratorForm(forms.Form):
    account_id = forms.CharField(label="Account ID", max_length=12)
    name = forms.CharField(max_length=128, required=False)
    use_hub_credentials = forms.BooleanField(
        label="This is the hub's own account: use the hub's credentials", required=False
    )
    role_arn = forms.CharField(
        label="Role ARN",
        max_length=2048,
        required=False,
        help_text="Empty: the configured default role name in this account.",
    )
    external_id = forms.CharField(label="External ID", max_length=1224, required=False)

    def clean_account_id(self):
        value = self.cleaned_data["account_id"].strip()
        if problem := account_id_problem(value):
            raise ValidationError(problem)
        return value

    def clean_role_arn(self):
        value = self.cleaned_data["role_arn"].strip()
        if value and not (gateway.partition_of(value) and ":iam::" in value and ":role/" in value):
            raise ValidationError(
                "A role ARN looks like arn:aws:iam::111122223333:role/Name (arn:aws-us-gov:... "
                "in GovCloud, arn:aws-cn:... in China)."
            )
        return value
