"""The hub's capabilities: permission names, declared once.

core/models.py declares the permissions, roles.py groups them into roles; everything else names
them through these constants (and asks accounts/scope.py which accounts a capability reaches).
"""

VIEW_FINDINGS = "core.view_findings"
TRIAGE_FINDINGS = "core.triage_findings"
MANAGE_ACCOUNTS = "core.manage_accounts"
MANAGE_SETTINGS = "core.manage_settings"
GENERATE_SAMPLES = "core.generate_samples"
VIEW_AUDIT = "core.view_audit"
RESPOND_INVITATIONS = "core.respond_invitations"
