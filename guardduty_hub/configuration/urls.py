"""The configuration pages: every page but the index belongs to one administrator and lives
under its account id. One row per page: its URL name, then (the route below the administrator,
the view)."""

from django.urls import path

from guardduty_hub.configuration.views import coverage, intel_lists, organization, overview, rules

app_name = "configuration"

PAGES = {
    "settings": ("settings/", overview.administrator_settings),
    "lists": ("lists/", intel_lists.intel_list_page),
    "list_add": ("lists/add/", intel_lists.intel_list_add),
    "list_refresh": ("lists/refresh/", intel_lists.intel_list_refresh),
    "list_change": ("lists/<int:pk>/change/", intel_lists.intel_list_change),
    "list_apply": ("lists/<int:pk>/apply/", intel_lists.intel_list_apply),
    "list_delete": ("lists/<int:pk>/delete/", intel_lists.intel_list_delete),
    "coverage": ("coverage/", coverage.coverage_page),
    "coverage_csv": ("coverage.csv", coverage.coverage_csv),
    "coverage_refresh": ("coverage/refresh/", coverage.coverage_refresh_view),
    "baseline": ("baseline/", coverage.baseline_save),
    "baseline_apply": ("baseline/apply/", coverage.baseline_apply),
    "member_disable": ("members/<str:member_id>/disable/", coverage.member_disable),
    "organization": ("organization/", organization.organization_page),
    "organization_configure": ("organization/auto-enable/", organization.organization_configure),
    "organization_add": ("organization/add/", organization.organization_add),
    "organization_designate": ("organization/designate/", organization.organization_designate),
    "rules": ("rules/", rules.rule_page),
    "rule_new": ("rules/new/", rules.rule_edit),
    "rule_refresh": ("rules/refresh/", rules.rule_refresh),
    "rule_edit": ("rules/<int:pk>/", rules.rule_edit),
    "rule_apply": ("rules/<int:pk>/apply/", rules.rule_apply),
    "rule_delete": ("rules/<int:pk>/delete/", rules.rule_delete),
    "rule_archive_existing": ("rules/<int:pk>/archive-existing/", rules.rule_archive_existing),
}
urlpatterns = [path("", overview.configuration_index, name="index")] + [
    path(f"<str:account_id>/{route}", view, name=name) for name, (route, view) in PAGES.items()
]
