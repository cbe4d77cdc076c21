def navigation(request):
    """What the base template's navigation needs to decide which links a user sees."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "can_manage_accounts": user.has_perm("core.manage_accounts"),
        "can_triage": user.has_perm("core.triage_findings"),
        "can_view_audit": user.has_perm("core.view_audit"),
        "can_respond_invitations": user.has_perm("core.respond_invitations"),
    }
