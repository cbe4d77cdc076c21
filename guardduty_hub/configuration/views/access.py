"""Who may use the configuration pages: readers (view capability), writers (manage accounts).

Member owners read only their own member accounts, never an administrator's configuration: the
account scope (accounts.selectors) already hides administrators from them.
"""

from django.contrib.auth.decorators import login_required, permission_required

READ = "core.view_findings"
WRITE = "core.manage_accounts"


def reader(view):
    return login_required(permission_required(READ, raise_exception=True)(view))


def writer(view):
    return login_required(permission_required(WRITE, raise_exception=True)(view))
