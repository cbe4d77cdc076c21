from django.urls import path

from guardduty_hub.configuration.views import intel_lists, overview

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
]
