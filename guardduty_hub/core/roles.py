"""The hub's roles: Django groups and the capabilities each holds.

`sync_role_groups` keeps the groups in step with this table after every migrate (permission rows
do not exist yet inside a data migration, so a post_migrate handler does it). Later features add
their permissions to ROLE_PERMISSIONS; nothing else needs to change.
"""

from django.apps import apps as global_apps

from guardduty_hub.core import capabilities as cap

ADMIN = "Admin"
ANALYST = "Analyst"
VIEWER = "Viewer"
MEMBER_OWNER = "Member owner"

_VIEW = [cap.VIEW_FINDINGS]
_TRIAGE = [*_VIEW, cap.TRIAGE_FINDINGS]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    ADMIN: [
        *_TRIAGE,
        cap.MANAGE_ACCOUNTS,
        cap.MANAGE_SETTINGS,
        cap.GENERATE_SAMPLES,
        cap.VIEW_AUDIT,
        # Django admin: issue and revoke anyone's API tokens (api/admin.py).
        "api.view_apitoken",
        "api.add_apitoken",
        "api.change_apitoken",
    ],
    ANALYST: _TRIAGE,
    VIEWER: _VIEW,
    # Member owners are always limited to their own accounts by the account scope.
    MEMBER_OWNER: [*_VIEW, cap.RESPOND_INVITATIONS],
}


def sync_role_groups(apps=global_apps, **kwargs) -> None:
    from django.contrib.auth.management import create_permissions

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # post_migrate is sent app by app; create every app's permissions now so the groups can
    # reference permissions of apps whose signal has not been sent yet.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, apps=global_apps)

    for role, perm_names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = []
        for name in perm_names:
            app_label, codename = name.split(".", 1)
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is None:
                raise LookupError(f"Role {role!r} names unknown permission {name!r}.")
            wanted.append(perm)
        group.permissions.set(wanted)
