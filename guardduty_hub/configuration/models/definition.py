"""What every definition the hub applies to all regions (a list, a rule) records about itself."""

from django.conf import settings
from django.db import models


class Definition(models.Model):
    """Who wrote it and when, and whether its deletion is under way.

    Subclasses add the administrator (their own reverse name), what GuardDuty gets, and a
    RegionState subclass per region.
    """

    # Set when a delete has started: the row goes once every region's copy is gone.
    deleting = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def save_by(self, actor) -> None:
        """Save; a new definition records `actor` as its author (none for the system)."""
        if self._state.adding and getattr(actor, "is_authenticated", False):
            self.created_by = actor
        self.save()
