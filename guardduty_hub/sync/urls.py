from django.urls import path

from guardduty_hub.sync import views

app_name = "sync"

urlpatterns = [
    path("", views.sync_overview, name="overview"),
    path("run/", views.sync_now, name="run"),
]
