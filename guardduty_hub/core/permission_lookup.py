"""A signed-in user's permissions in one query, for every page that asks has_perm.

Django's ModelBackend reads a user's own permissions and its groups' permissions in two
queries, the first time a request asks. Every page of the hub asks (the navigation shows what
the user's role may do), so that was two of a list page's eight queries. The hub grants
permissions through role groups (core/roles.py) and rarely to a user directly; one UNION
reads both, and fills the same per-request caches ModelBackend keeps.
"""

from django.contrib.auth.models import Permission


class OnePermissionQuery:
    """Mixed in before ModelBackend: get_all_permissions (and so has_perm) reads once."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if hasattr(user_obj, "_perm_cache") or user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj)
        # order_by(): Permission's default order is not allowed inside a UNION (SQLite).
        fields = ("content_type__app_label", "codename")
        own = Permission.objects.filter(user=user_obj).values_list(*fields).order_by()
        granted = Permission.objects.filter(group__user=user_obj).values_list(*fields).order_by()
        user_obj._perm_cache = {f"{app}.{codename}" for app, codename in own.union(granted)}
        return user_obj._perm_cache
