"""The role groups hold exactly the capabilities roles.py names, and migrate keeps them so."""

import pytest
from django.contrib.auth.models import Group, Permission

from guardduty_hub.core import roles
from guardduty_hub.core.roles import ROLE_PERMISSIONS, sync_role_groups


def group_perms(name: str) -> set[str]:
    group = Group.objects.get(name=name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def member_of(django_user_model, role: str):
    user = django_user_model.objects.create_user(f"user-{role}".replace(" ", "-"))
    user.groups.add(Group.objects.get(name=role))
    return django_user_model.objects.get(pk=user.pk)  # fresh: has_perm caches per instance


@pytest.mark.django_db
def test_migrate_creates_every_role_with_its_permissions():
    assert {roles.ADMIN, roles.ANALYST, roles.VIEWER} <= set(ROLE_PERMISSIONS)
    for role, wanted in ROLE_PERMISSIONS.items():
        assert group_perms(role) == set(wanted), role


@pytest.mark.django_db
def test_what_each_role_may_do(django_user_model):
    admin = member_of(django_user_model, roles.ADMIN)
    analyst = member_of(django_user_model, roles.ANALYST)
    viewer = member_of(django_user_model, roles.VIEWER)
    nobody = django_user_model.objects.create_user("nobody")

    assert admin.has_perms(["core.manage_accounts", "core.manage_settings", "core.triage_findings"])
    assert analyst.has_perms(["core.view_findings", "core.triage_findings"])
    assert not analyst.has_perm("core.manage_accounts")
    assert not analyst.has_perm("core.manage_settings")
    assert viewer.has_perm("core.view_findings")
    assert not viewer.has_perm("core.triage_findings")
    assert not viewer.has_perm("core.manage_accounts")
    assert not nobody.has_perm("core.view_findings")


@pytest.mark.django_db
def test_sync_repairs_drifted_groups():
    viewer = Group.objects.get(name=roles.VIEWER)
    viewer.permissions.add(Permission.objects.get(codename="manage_accounts"))
    Group.objects.get(name=roles.ANALYST).delete()

    sync_role_groups()
    sync_role_groups()  # idempotent

    assert group_perms(roles.VIEWER) == set(ROLE_PERMISSIONS[roles.VIEWER])
    assert group_perms(roles.ANALYST) == set(ROLE_PERMISSIONS[roles.ANALYST])


@pytest.mark.django_db
def test_a_role_naming_an_unknown_permission_fails_loudly(monkeypatch):
    monkeypatch.setitem(ROLE_PERMISSIONS, "Broken", ["core.no_such_capability"])
    with pytest.raises(LookupError, match=r"core\.no_such_capability"):
        sync_role_groups()
