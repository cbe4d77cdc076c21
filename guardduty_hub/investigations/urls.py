from django.urls import path

from guardduty_hub.investigations import views

app_name = "investigations"

urlpatterns = [
    # `path`: ARNs (EKS clusters) hold slashes.
    path("<str:kind>/<path:value>/", views.indicator_page, name="indicator"),
]
