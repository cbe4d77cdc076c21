from django.db import models


class Capability(models.Model):
    """Holds the hub's own permissions; no table, the rows live in auth_permission.

    Roles are groups of these capabilities (see roles.py). Model permissions of later apps are
    added to roles there too.
    """

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_findings", "Can view findings, accounts and sync status"),
            ("triage_findings", "Can archive, give feedback, set status, assign and comment"),
            ("manage_accounts", "Can onboard administrators, add, invite and remove members"),
            ("manage_settings", "Can change hub settings and run syncs"),
            ("generate_samples", "Can generate GuardDuty sample findings"),
            ("view_audit", "Can read the audit log"),
            ("respond_invitations", "Can accept or decline invitations for own member accounts"),
        ]

    def __str__(self) -> str:
        return "capability"
