"""The API tokens page lives outside /api/: it is a page for people (sign-in redirect)."""

from django.urls import path

from guardduty_hub.api.views import tokens as token_views

app_name = "api_tokens"

urlpatterns = [
    path("", token_views.token_list, name="list"),
    path("<int:pk>/revoke/", token_views.token_revoke_view, name="revoke"),
]
