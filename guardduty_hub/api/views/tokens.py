"""The API tokens page: a signed-in person issues and revokes their own tokens."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from guardduty_hub.api.models import ApiToken
from guardduty_hub.api.services import token_issue, token_revoke
from guardduty_hub.core import capabilities as cap


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100, help_text="What uses it, e.g. “SIEM export” or “my laptop”."
    )


@never_cache  # the response can carry a freshly issued key
@permission_required(cap.VIEW_FINDINGS, raise_exception=True)
@require_http_methods(["GET", "POST"])
def token_list(request):
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        # Rendered in this response, never redirected to: the key is shown exactly once.
        _, new_key = token_issue(request.user, request.user, form.cleaned_data["name"])
        form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user).order_by("revoked_at", "-created_at")
    return render(request, "api/tokens.html", {"form": form, "tokens": tokens, "new_key": new_key})


@permission_required(cap.VIEW_FINDINGS, raise_exception=True)
@require_POST
def token_revoke_view(request, pk: int):
    # Another user's token is a 404, like any object outside the user's reach.
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if token_revoke(request.user, token):
        messages.success(request, f"Revoked “{token.name}”. Clients using it now get 401.")
    return redirect("api_tokens:list")
