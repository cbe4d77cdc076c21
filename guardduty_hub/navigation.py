"""The site's navigation (a template context processor): the links each person may follow.

It lives beside urls.py, above the apps, because it reads from them (accounts' owner rows).
"""

from functools import cache, lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, reverse

from guardduty_hub.accounts.scope import Verb, activity_visible, can, owns_member_accounts
from guardduty_hub.core import capabilities as cap

# One name for the member portal, in the top bar, its sub-menu and its heading.
MEMBER_PAGE = "My member accounts"
# (label, URL name, permission needed, or a test of the user, or None). Order is the
# navigation's order.
NAVIGATION = [
    ("Findings", "findings:list", cap.VIEW_FINDINGS),
    ("Accounts", "accounts:list", cap.VIEW_FINDINGS),
    ("Administrators", "accounts:administrators", cap.MANAGE_ACCOUNTS),
    ("Configuration", "configuration:index", cap.VIEW_FINDINGS),
    # Shown only to people who own member accounts (see _owns_member_accounts).
    (MEMBER_PAGE, "accounts:member_home", cap.RESPOND_INVITATIONS),
    # Hub activity: the page refuses member owners (accounts.scope.activity_visible).
    ("Sync", "sync:overview", activity_visible),
    # Channels and rules: Admins of every account (the pages' rule for changing them).
    ("Notifications", "notifications:channels", lambda user: can(user, Verb.SYNC)),
    # Events name every account: for those who see them all (the page's rule).
    (
        "Audit log",
        "findings:audit",
        lambda user: user.has_perm(cap.VIEW_AUDIT) and can(user, Verb.VIEW),
    ),
]
# The user menu: pages about the person, not the hub. Their URLs may sit under a main
# section's (Preferences is /findings/preferences/): on them no main link is active.
USER_MENU = [
    ("Preferences", "findings:preferences", None),
    ("API tokens", "api_tokens:list", cap.VIEW_FINDINGS),
    ("API docs", "api:docs", None),
]


def _owns_member_accounts(user) -> bool:
    # The same per-request scope rows the access rule reads (no query of its own on a page
    # that shows findings).
    return owns_member_accounts(user)


def _allowed(user, perm) -> bool:
    if perm is None:
        return True
    return perm(user) if callable(perm) else user.has_perm(perm)


@lru_cache(maxsize=64)
def _url(url_name: str, script_prefix: str) -> str | None:
    """The link's URL, or None for a page another part of the hub has not mounted (yet): no
    dead link. Remembered per process: eleven reverse() calls were a millisecond of every
    page, and a URL only changes with the URLconf or the prefix the site is served under."""
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


@receiver(setting_changed)
def _forget_urls(*, setting, **kwargs) -> None:
    if setting == "ROOT_URLCONF":  # a test's URLconf
        _url.cache_clear()


def _links(user, entries) -> list[dict]:
    items = []
    prefix = get_script_prefix()
    for label, url_name, perm in entries:
        if not _allowed(user, perm):
            continue
        url = _url(url_name, prefix)
        if url is not None:
            items.append({"label": label, "url": url, "active": False})
    return items


def _mark_active(items: list[dict], path: str) -> None:
    """Only the deepest link whose URL starts the path is active (Accounts vs My member
    accounts share /accounts/)."""
    matching = [i for i in items if path.startswith(i["url"])]
    if matching:
        max(matching, key=lambda i: len(i["url"]))["active"] = True


def _menus(request, user) -> tuple[list[dict], list[dict]]:
    """(main navigation, user menu), the active link marked in one of them."""
    menu = _links(user, USER_MENU)
    _mark_active(menu, request.path)
    nav = _links(user, NAVIGATION)
    # Admins (superusers) hold every permission but usually own no member account: the page
    # would be empty for them, so it is listed only for owners.
    if any(i["label"] == MEMBER_PAGE for i in nav) and not _owns_member_accounts(user):
        nav = [i for i in nav if i["label"] != MEMBER_PAGE]
    if not any(i["active"] for i in menu):
        _mark_active(nav, request.path)
    return nav, menu


def navigation(request):
    """What the base template's navigation needs to decide which links a user sees."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    menus = cache(lambda: _menus(request, user))
    return {
        # Callables, resolved only when a template shows them: an HTMX fragment never runs
        # the owner query.
        "nav_items": lambda: menus()[0],
        "user_menu": lambda: menus()[1],
        # The member page lists the accounts a person owns: for nobody else is it a link.
        "owns_member_accounts": lambda: _owns_member_accounts(user),
        "can_manage_accounts": user.has_perm(cap.MANAGE_ACCOUNTS),
        "can_triage": user.has_perm(cap.TRIAGE_FINDINGS),
        "can_view_audit": user.has_perm(cap.VIEW_AUDIT),
        "can_respond_invitations": user.has_perm(cap.RESPOND_INVITATIONS),
    }
