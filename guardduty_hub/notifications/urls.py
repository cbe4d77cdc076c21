from django.urls import path

from guardduty_hub.notifications.views import (
    channel_delete,
    channel_detail,
    channel_edit,
    channel_list,
    channel_new,
    channel_test,
    rule_delete,
    rule_edit,
    rule_new,
)

app_name = "notifications"

urlpatterns = [
    path("", channel_list, name="channels"),
    path("new/", channel_new, name="channel_new"),
    path("<int:pk>/", channel_detail, name="channel"),
    path("<int:pk>/edit/", channel_edit, name="channel_edit"),
    path("<int:pk>/test/", channel_test, name="channel_test"),
    path("<int:pk>/delete/", channel_delete, name="channel_delete"),
    path("<int:pk>/rules/new/", rule_new, name="rule_new"),
    path("rules/<int:pk>/edit/", rule_edit, name="rule_edit"),
    path("rules/<int:pk>/delete/", rule_delete, name="rule_delete"),
]
