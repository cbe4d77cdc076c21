"""API tokens in Django admin: Admins issue tokens for anyone and revoke them.

The key is generated on save and shown once in the confirmation message; only its digest is
stored. Tokens are revoked, never edited.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import ngettext

from guardduty_hub.api.models import ApiToken
from guardduty_hub.api.services import token_issue, token_revoke


class ApiTokenAddForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["user", "name"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "user__username", "prefix"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    actions = ["revoke_selected"]
    readonly_fields = [
        "user",
        "name",
        "prefix",
        "created_at",
        "created_by",
        "last_used_at",
        "revoked_at",
    ]
    exclude = ["digest"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ApiTokenAddForm
            kwargs["fields"] = ["user", "name"]
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            return  # nothing about a token is editable
        token, key = token_issue(request.user, form.cleaned_data["user"], obj.name)
        # The admin goes on with `obj` (log entry, redirect): make it the saved row.
        obj.pk, obj.prefix, obj.created_at = token.pk, token.prefix, token.created_at
        obj._state.adding = False
        messages.warning(
            request,
            f"Token for {token.user}: {key} — copy it now, it is not shown again.",
        )

    def has_change_permission(self, request, obj=None):
        # The change page is read-only; revoking is the action.
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # revoked tokens stay as the record of what existed

    @admin.action(description="Revoke selected tokens", permissions=["change"])
    def revoke_selected(self, request, queryset):
        revoked = sum(token_revoke(request.user, token) for token in queryset)
        self.message_user(
            request,
            ngettext("Revoked %(n)d token.", "Revoked %(n)d tokens.", revoked) % {"n": revoked},
            messages.SUCCESS,
        )
