from django.urls import path

from guardduty_hub.accounts.views import accounts, administrators, operations, portal

app_name = "accounts"

urlpatterns = [
    # The administrator accounts the hub works through.
    path("administrators/", administrators.administrator_list, name="administrators"),
    path("administrators/new/", administrators.administrator_new, name="administrator_new"),
    path(
        "administrators/<str:account_id>/refresh/",
        administrators.administrator_refresh,
        name="administrator_refresh",
    ),
    path(
        "administrators/<str:account_id>/regions/",
        administrators.administrator_regions,
        name="administrator_regions",
    ),
    # Member accounts, and the operations that invite, suspend or remove them.
    path("", accounts.account_list, name="list"),
    path("add/", accounts.account_add, name="add"),
    path("import/", accounts.account_import, name="import"),
    path("operations/new/", operations.operation_new, name="operation_new"),
    path("operations/<int:pk>/", operations.operation_detail, name="operation"),
    path("operations/<int:pk>/retry/", operations.operation_retry_view, name="operation_retry"),
    # The portal of a member account: its invitations, and leaving its administrator.
    path("member/", portal.member_home, name="member_home"),
    path("member/<str:account_id>/", portal.member_account, name="member"),
    path("member/<str:account_id>/refresh/", portal.member_refresh, name="member_refresh"),
    path("member/<str:account_id>/accept/", portal.member_accept, name="member_accept"),
    path("member/<str:account_id>/decline/", portal.member_decline, name="member_decline"),
    path("member/<str:account_id>/leave/", portal.member_leave, name="member_leave"),
]
