from django.urls import NoReverseMatch, reverse

# (label, URL name, permission needed or None). Order is the navigation's order.
NAVIGATION = [
    ("Findings", "findings:list", "core.view_findings"),
    ("Accounts", "accounts:list", "core.view_findings"),
    ("Administrators", "accounts:administrators", "core.manage_accounts"),
    ("My invitations", "accounts:member_home", "core.respond_invitations"),
    ("Sync", "sync:overview", "core.view_findings"),
    ("Audit log", "findings:audit", "core.view_audit"),
    ("API", "api:docs", None),
]


def _nav_items(request, user) -> list[dict]:
    items = []
    path = request.path
    for label, url_name, perm in NAVIGATION:
        if perm and not user.has_perm(perm):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            # A page another part of the hub has not mounted (yet): no dead link.
            continue
        items.append({"label": label, "url": url, "active": path.startswith(url)})
    # Only the deepest matching link is active (Accounts vs My invitations share /accounts/).
    active = [i for i in items if i["active"]]
    if len(active) > 1:
        deepest = max(active, key=lambda i: len(i["url"]))
        for item in active:
            item["active"] = item is deepest
    return items


def navigation(request):
    """What the base template's navigation needs to decide which links a user sees."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_items": _nav_items(request, user),
        "can_manage_accounts": user.has_perm("core.manage_accounts"),
        "can_triage": user.has_perm("core.triage_findings"),
        "can_view_audit": user.has_perm("core.view_audit"),
        "can_respond_invitations": user.has_perm("core.respond_invitations"),
    }
