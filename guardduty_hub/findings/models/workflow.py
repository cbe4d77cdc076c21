"""The hub's own triage records around findings: notes, saved views, each user's time zone.

Exported by findings/models/__init__.py, like finding.py.
"""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class FindingNote(models.Model):
    """An analyst's comment on a finding. Append-only: never edited or deleted from the hub."""

    # Indexed by findings_note_finding_idx (finding, created_at), which leads with it.
    finding = models.ForeignKey(
        "findings.Finding", on_delete=models.CASCADE, related_name="notes", db_index=False
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="finding_notes",
    )
    # Kept when the author's user is deleted: a note always says who wrote it.
    author_label = models.CharField(max_length=150)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            # The detail page's notes, oldest first.
            models.Index(fields=["finding", "created_at"], name="findings_note_finding_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.author_label} on {self.finding_id}: {self.body[:40]}"


class SavedView(models.Model):
    """A named filter set (the list's query string); shared ones show for the whole team."""

    # Indexed by the (owner, name) unique constraint, which leads with it.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_views",
        db_index=False,
    )
    name = models.CharField(max_length=100)
    # The list URL's query string without paging (cursor): filters, sort and page size.
    query = models.TextField(blank=True)
    shared = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            # Saving a view under a name one already has replaces it (views.saved_view_save).
            models.UniqueConstraint(fields=["owner", "name"], name="findings_savedview_owner_name"),
        ]
        indexes = [
            # The list page's "views" menu: shared views of everybody.
            models.Index(fields=["shared", "name"], name="findings_savedview_shared_idx"),
        ]

    def __str__(self) -> str:
        return self.name


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"Unknown time zone {value!r}.")


class UserProfile(models.Model):
    """Per-user display preferences. Missing row = defaults (UTC)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hub_profile"
    )
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])

    def __str__(self) -> str:
        return f"{self.user} ({self.time_zone})"
