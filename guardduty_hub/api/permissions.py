"""Capabilities (core/capabilities.py) as DRF permissions, one class per capability.

Which accounts a permitted caller reaches is decided by accounts/scope.py, in each view's
queryset: outside it, a row is "not found".
"""

from rest_framework.permissions import BasePermission

from guardduty_hub.accounts.scope import activity_visible, answers_invitations
from guardduty_hub.core import capabilities as cap


class _Capability(BasePermission):
    capability = ""

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.has_perm(self.capability))


class CanViewFindings(_Capability):
    capability = cap.VIEW_FINDINGS


class CanTriageFindings(_Capability):
    capability = cap.TRIAGE_FINDINGS


class CanManageAccounts(_Capability):
    capability = cap.MANAGE_ACCOUNTS


class CanSeeActivity(BasePermission):
    """Hub activity (sync runs, membership operations): scope.activity_visible, as the pages."""

    def has_permission(self, request, view) -> bool:
        return activity_visible(request.user)


class CanAnswerInvitations(BasePermission):
    """The member side (scope.Verb.ANSWER), as the member portal."""

    def has_permission(self, request, view) -> bool:
        return answers_invitations(request.user)
