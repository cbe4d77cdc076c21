"""Signals of the accounts services, for the modules above them (tasks), connected in
AccountsConfig.ready: the services announce work to run and never import the task that runs it.
"""

from django.dispatch import Signal

# A membership operation has pending items to work through once the caller's transaction
# commits. Arguments: operation (a MembershipOperation).
operation_queued = Signal()

# A member account became Enabled under an administrator in a region (it accepted, or a
# refresh saw it so): its findings are now the administrator's to sync. Arguments:
# administrator_id (AwsAccount pk), region. Sent inside the write's transaction.
membership_enabled = Signal()
