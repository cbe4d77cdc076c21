from django.urls import path

from guardduty_hub.findings.views import (
    account_search,
    actions,
    audit,
    bulk_operations,
    detail,
    export,
    full_field,
    listing,
    preferences,
    samples,
    saved_views,
)

app_name = "findings"

urlpatterns = [
    path("", listing.finding_list, name="list"),
    path("export.csv", export.finding_export, name="export"),
    path("actions/", actions.finding_bulk, name="bulk"),
    path("actions/<int:pk>/", bulk_operations.bulk_operation_detail, name="bulk_operation"),
    path("accounts/", account_search.account_search, name="account_search"),
    path("<int:pk>/", detail.finding_detail, name="detail"),
    path("<int:pk>/full/<slug:field>/", full_field.finding_full_field, name="full_field"),
    path("<int:pk>/notes/", actions.finding_note, name="note"),
    path("views/", saved_views.view_save, name="view_save"),
    path("views/<int:pk>/delete/", saved_views.view_delete, name="view_delete"),
    path("samples/", samples.finding_samples, name="samples"),
    path("audit/", audit.audit_log, name="audit"),
    path("preferences/", preferences.preferences, name="preferences"),
]
