"""What GuardDuty holds for a definition in one region: the shape every such row shares."""

from django.db import models


class RegionState(models.Model):
    """One region's state of a hub definition, read back after every change and by beat.

    Subclasses add what GuardDuty holds, `present`, `words` (the cell's text) and `drift()`.
    """

    region = models.CharField(max_length=32)
    checked_at = models.DateTimeField(null=True, blank=True)
    # The AWS message when the region could not be read or changed, in plain words.
    error = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["region"]

    def drift(self) -> str:
        raise NotImplementedError

    @property
    def difference(self) -> str:
        """The drift to show: none while the region could not be read (its error says why)."""
        return "" if self.error else self.drift()
