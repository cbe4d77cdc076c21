"""One generic audit trail: who did what to which object, when (the triage app reuses it)."""

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    # Null for the system (beat refresh, background tasks); actor_label keeps the name when the
    # user is later deleted.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    actor_label = models.CharField(max_length=150, blank=True)
    # Dotted verb, e.g. "membership.invite", "invitation.accept", "finding.archive".
    action = models.CharField(max_length=64)
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=128)
    target_label = models.CharField(max_length=255, blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # An object's history (account page, finding page), newest first.
            models.Index(
                fields=["target_type", "target_id", "-created_at"], name="audit_target_idx"
            ),
            # Audit log filtered by action.
            models.Index(fields=["action", "-created_at"], name="audit_action_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label or 'system'} {self.action}"
