"""Capabilities (core/roles.py) as DRF permissions, one class per capability."""

from rest_framework.permissions import BasePermission

from guardduty_hub.accounts.selectors import is_member_owner


class _Capability(BasePermission):
    capability = ""

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.has_perm(self.capability))


class CanViewFindings(_Capability):
    capability = "core.view_findings"


class CanTriageFindings(_Capability):
    capability = "core.triage_findings"


class CanManageAccounts(_Capability):
    capability = "core.manage_accounts"


class NotMemberOwner(BasePermission):
    """Hub-wide data (sync runs, membership operations) spans accounts a member owner may not
    see; the pages refuse them too."""

    def has_permission(self, request, view) -> bool:
        return not is_member_owner(request.user)


class CanAnswerInvitations(BasePermission):
    """The member side: member owners for their own accounts, Admins on a member's behalf
    (the member portal's rule, accounts/views/portal.py)."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(
            user
            and (user.has_perm("core.respond_invitations") or user.has_perm("core.manage_accounts"))
        )
