from django.urls import path

from guardduty_hub.configuration.views import coverage, intel_lists, organization, overview, rules

app_name = "configuration"

urlpatterns = [
    path("", overview.configuration_index, name="index"),
    path("<str:account_id>/settings/", overview.administrator_settings, name="settings"),
    path("<str:account_id>/lists/", intel_lists.intel_list_page, name="lists"),
    path("<str:account_id>/lists/add/", intel_lists.intel_list_add, name="list_add"),
    path("<str:account_id>/lists/refresh/", intel_lists.intel_list_refresh, name="list_refresh"),
    path(
        "<str:account_id>/lists/<int:pk>/change/",
        intel_lists.intel_list_change,
        name="list_change",
    ),
    path("<str:account_id>/lists/<int:pk>/apply/", intel_lists.intel_list_apply, name="list_apply"),
    path(
        "<str:account_id>/lists/<int:pk>/delete/",
        intel_lists.intel_list_delete,
        name="list_delete",
    ),
    path("<str:account_id>/coverage/", coverage.coverage_page, name="coverage"),
    path("<str:account_id>/coverage.csv", coverage.coverage_csv, name="coverage_csv"),
    path(
        "<str:account_id>/coverage/refresh/",
        coverage.coverage_refresh_view,
        name="coverage_refresh",
    ),
    path("<str:account_id>/baseline/", coverage.baseline_save, name="baseline"),
    path("<str:account_id>/baseline/apply/", coverage.baseline_apply, name="baseline_apply"),
    path(
        "<str:account_id>/members/<str:member_id>/disable/",
        coverage.member_disable,
        name="member_disable",
    ),
    path("<str:account_id>/organization/", organization.organization_page, name="organization"),
    path(
        "<str:account_id>/organization/auto-enable/",
        organization.organization_configure,
        name="organization_configure",
    ),
    path(
        "<str:account_id>/organization/add/",
        organization.organization_add,
        name="organization_add",
    ),
    path(
        "<str:account_id>/organization/designate/",
        organization.organization_designate,
        name="organization_designate",
    ),
    path("<str:account_id>/rules/", rules.rule_page, name="rules"),
    path("<str:account_id>/rules/new/", rules.rule_edit, name="rule_new"),
    path("<str:account_id>/rules/refresh/", rules.rule_refresh, name="rule_refresh"),
    path("<str:account_id>/rules/<int:pk>/", rules.rule_edit, name="rule_edit"),
    path("<str:account_id>/rules/<int:pk>/apply/", rules.rule_apply, name="rule_apply"),
    path("<str:account_id>/rules/<int:pk>/delete/", rules.rule_delete, name="rule_delete"),
    path(
        "<str:account_id>/rules/<int:pk>/archive-existing/",
        rules.rule_archive_existing,
        name="rule_archive_existing",
    ),
]
