from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from guardduty_hub.core import views as core_views
from guardduty_hub.core.forms import AdminSignInForm, SignInForm
from guardduty_hub.dashboard import views as dashboard_views
from guardduty_hub.sync import metrics as sync_metrics

# Both sign-in pages say when failures locked the name or address (core/sign_in_limits.py).
admin.site.login_form = AdminSignInForm

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("metrics", sync_metrics.metrics, name="metrics"),
    path("login/", auth_views.LoginView.as_view(authentication_form=SignInForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    # The landing page: the findings summary (guardduty_hub/dashboard/).
    path("", dashboard_views.dashboard, name="home"),
    path("accounts/", include("guardduty_hub.accounts.urls")),
    path("findings/", include("guardduty_hub.findings.urls")),
    path("sync/", include("guardduty_hub.sync.urls")),
    path("configuration/", include("guardduty_hub.configuration.urls")),
    path("investigate/", include("guardduty_hub.investigations.urls")),
    path("notifications/", include("guardduty_hub.notifications.urls")),
    path("api/", include("guardduty_hub.api.urls")),
    # A page for people (sign-in redirect), so outside /api/ where requests get 401.
    path("api-tokens/", include("guardduty_hub.api.token_urls")),
]
