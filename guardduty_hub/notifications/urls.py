from django.urls import path

from guardduty_hub.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.channel_list, name="channels"),
    path("new/", views.channel_new, name="channel_new"),
    path("<int:pk>/", views.channel_detail, name="channel"),
    path("<int:pk>/edit/", views.channel_edit, name="channel_edit"),
    path("<int:pk>/test/", views.channel_test, name="channel_test"),
    path("<int:pk>/delete/", views.channel_delete, name="channel_delete"),
    path("<int:pk>/rules/new/", views.rule_new, name="rule_new"),
    path("rules/<int:pk>/edit/", views.rule_edit, name="rule_edit"),
    path("rules/<int:pk>/delete/", views.rule_delete, name="rule_delete"),
]
