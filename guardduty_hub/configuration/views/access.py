"""Who may use the configuration pages: readers (view capability), writers (manage accounts).

Member owners read only their own member accounts, never an administrator's configuration: the
account scope (accounts.scope) already hides administrators from them.
"""

from django.contrib.auth.decorators import login_required, permission_required

from guardduty_hub.core import capabilities as cap

READ = cap.VIEW_FINDINGS
WRITE = cap.MANAGE_ACCOUNTS


def reader(view):
    return login_required(permission_required(READ, raise_exception=True)(view))


def writer(view):
    return login_required(permission_required(WRITE, raise_exception=True)(view))
