"""What the hub read in one region, and what a definition holds there: the shapes per-region rows share."""

from django.db import models


class RegionRead(models.Model):
    """When the hub last read (or changed) something in one region, and the AWS message when
    it could not."""

    region = models.CharField(max_length=32)
    checked_at = models.DateTimeField(null=True, blank=True)
    # The AWS message when the region could not be read or changed, in plain words.
    error = models.TextField(blank=True)

    class Meta:
        abstract = True


class RegionState(RegionRead):
    """One region's state of a hub definition, read back after every change and by beat.

    Subclasses add what GuardDuty holds, `present`, `words` (the cell's text) and `drift()`.
    """

    class Meta:
        abstract = True
        ordering = ["region"]

    def drift(self) -> str:
        raise NotImplementedError

    @property
    def difference(self) -> str:
        """The drift to show: none while the region could not be read (its error says why)."""
        return "" if self.error else self.drift()
