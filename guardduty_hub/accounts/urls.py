from django.urls import path

from guardduty_hub.accounts.views import accounts

app_name = "accounts"

urlpatterns = [
    path("", accounts.account_list, name="list"),
    path("add/", accounts.account_add, name="add"),
    path("import/", accounts.account_import, name="import"),
]
