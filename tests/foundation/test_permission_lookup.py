"""A user's permissions, its own and its role groups', are read in one query (permission_lookup)
and are what Django's ModelBackend would find in two."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission

from guardduty_hub.core import roles

pytestmark = pytest.mark.django_db


def fresh(user):
    return type(user).objects.get(pk=user.pk)  # has_perm caches on the instance


def analyst_with_one_own_permission(django_user_model):
    user = django_user_model.objects.create_user("analyst")
    user.groups.add(Group.objects.get(name=roles.ANALYST))
    user.user_permissions.add(Permission.objects.get(codename="manage_settings"))
    return fresh(user)


def test_own_and_group_permissions_in_one_query(django_user_model, django_assert_num_queries):
    user = analyst_with_one_own_permission(django_user_model)
    with django_assert_num_queries(1):
        assert user.has_perm("core.triage_findings")  # from the Analyst group
        assert user.has_perm("core.manage_settings")  # granted to the user itself
        assert not user.has_perm("core.manage_accounts")
    assert user.get_all_permissions() == ModelBackend().get_all_permissions(fresh(user))


def test_nobody_inactive_and_superuser(django_user_model):
    nobody = django_user_model.objects.create_user("nobody")
    assert fresh(nobody).get_all_permissions() == set()
    inactive = analyst_with_one_own_permission(django_user_model)
    inactive.is_active = False
    inactive.save()
    assert not fresh(inactive).has_perm("core.view_findings")
    boss = django_user_model.objects.create_superuser("boss")
    assert fresh(boss).get_all_permissions() == {
        f"{p.content_type.app_label}.{p.codename}" for p in Permission.objects.all()
    }
