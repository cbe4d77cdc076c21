"""The member portal: invitations of a member account, accept, decline, leave.

Who may open which member account is accounts.scope's Verb.ANSWER, the rule the API's
/api/member-accounts/ uses: member owners act for their own accounts, Admins for the member
accounts they may manage, on their behalf (the audit trail records which it was).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from guardduty_hub.accounts.invitations import (
    MemberActionError,
    administrator_leave,
    invitation_accept,
    invitation_decline,
    invitations_blocked,
    invitations_pending,
    invitations_refresh,
    member_states,
)
from guardduty_hub.accounts.models import AwsAccount, Invitation
from guardduty_hub.accounts.scope import (
    Verb,
    account_for,
    answers_invitations,
    owned_member_accounts,
)
from guardduty_hub.core import capabilities as cap


def _member_for(user, account_id: str) -> AwsAccount:
    if not answers_invitations(user):
        raise PermissionDenied
    return account_for(user, Verb.ANSWER, account_id)


def member_home(request):
    if not answers_invitations(request.user):
        raise PermissionDenied
    owned = list(owned_member_accounts(request.user))
    if len(owned) == 1:
        return redirect("accounts:member", account_id=owned[0].account_id)
    return render(request, "accounts/member_home.html", {"accounts": owned})


def member_account(request, account_id: str):
    """What the last refresh stored (a read never calls AWS): "Refresh invitations" asks."""
    member = _member_for(request.user, account_id)
    states, checked_at = member_states(member)
    pending = invitations_pending(member, states)
    blocked = invitations_blocked(pending, states)
    by_admin: dict[str, list[Invitation]] = {}
    for invitation in pending:
        invitation.blocked = blocked.get(invitation.pk, "")
        by_admin.setdefault(invitation.administrator_account_id, []).append(invitation)
    return render(
        request,
        "accounts/member_account.html",
        {
            "member": member,
            "states": states,
            "checked_at": checked_at,
            "invitations_by_admin": [
                (admin_id, invitations, [i for i in invitations if not i.blocked])
                for admin_id, invitations in sorted(by_admin.items())
            ],
            "on_behalf": not owned_member_accounts(request.user).filter(pk=member.pk).exists(),
            "has_administrator": any(s.administrator_id for s in states),
            "can_see_findings": request.user.has_perm(cap.VIEW_FINDINGS),
        },
    )


def _report(request, verb: str, outcome: dict[str, str]) -> None:
    done = [r for r, e in outcome.items() if not e]
    if done:
        messages.success(request, f"{verb} in {', '.join(done)}.")
    for region, error in outcome.items():
        if error:
            messages.error(request, f"{region}: {error}")


def _regions(request) -> list[str] | None:
    regions = request.POST.getlist("region")
    return regions or None


@require_POST
def member_refresh(request, account_id: str):
    """Read the member's invitations and administrators from GuardDuty now."""
    member = _member_for(request.user, account_id)
    states = invitations_refresh(member)
    problems = [s for s in states if s.error]
    if problems:
        messages.warning(
            request,
            ngettext(
                "Read from GuardDuty, except in %(n)d region.",
                "Read from GuardDuty, except in %(n)d regions.",
                len(problems),
            )
            % {"n": len(problems)},
        )
    else:
        messages.success(request, "Invitations read from GuardDuty.")
    return redirect("accounts:member", account_id=account_id)


@require_POST
def member_accept(request, account_id: str):
    return _answer(request, account_id, invitation_accept, "Accepted")


@require_POST
def member_decline(request, account_id: str):
    return _answer(request, account_id, invitation_decline, "Declined")


def _answer(request, account_id: str, service, done: str):
    """Accept or decline (`service` from accounts/invitations.py) the posted invitations."""
    member = _member_for(request.user, account_id)
    try:
        outcome = service(
            request.user, member, request.POST.get("administrator", ""), _regions(request)
        )
    except MemberActionError as exc:
        messages.error(request, exc.message)
    else:
        _report(request, done, outcome)
        invitations_refresh(member)  # the page then shows the state the answer left
    return redirect("accounts:member", account_id=account_id)


@require_POST
def member_leave(request, account_id: str):
    member = _member_for(request.user, account_id)
    regions = request.POST.getlist("region")
    if not regions:
        messages.warning(request, "Select the regions to leave the administrator in.")
        return redirect("accounts:member", account_id=account_id)
    outcome = administrator_leave(request.user, member, regions)
    _report(request, "Left the administrator", outcome)
    invitations_refresh(member)
    return redirect("accounts:member", account_id=account_id)
