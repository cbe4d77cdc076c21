"""Trusted IP lists and threat lists, defined once and held per region."""

from django.db import models

from guardduty_hub.accounts.models import AwsAccount
from guardduty_hub.configuration.models.definition import Definition
from guardduty_hub.configuration.models.region_state import RegionState


class ListKind(models.TextChoices):
    TRUSTED = "trusted", "Trusted IP list"
    THREAT = "threat", "Threat list"


# The formats GuardDuty reads a list in, and how the pages name them.
ListFormat = models.TextChoices(
    "ListFormat",
    [
        (value, (value, label))
        for value, label in {
            "TXT": "Plain text (TXT)",
            "STIX": "STIX",
            "OTX_CSV": "Open Threat Exchange CSV",
            "ALIEN_VAULT": "AlienVault",
            "FIRE_EYE": "FireEye",
            "PROOF_POINT": "Proofpoint",
        }.items()
    ],
)


# GuardDuty's quotas per account and Region (not raisable).
LIST_LIMITS = {ListKind.TRUSTED: 1, ListKind.THREAT: 6}


class IntelList(Definition):
    """A trusted IP list or threat list as the hub defines it, for every region."""

    administrator = models.ForeignKey(
        AwsAccount, on_delete=models.CASCADE, related_name="intel_lists"
    )
    kind = models.CharField(max_length=16, choices=ListKind.choices)
    name = models.CharField(max_length=300)
    format = models.CharField(max_length=16, choices=ListFormat.choices, default=ListFormat.TXT)
    location = models.CharField(max_length=300)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["administrator_id", "kind", "name"]
        constraints = [
            # GuardDuty names are free text; the hub keeps them unique to tell lists apart.
            models.UniqueConstraint(
                fields=["administrator", "kind", "name"], name="configuration_intellist_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} “{self.name}”"


class IntelListRegion(RegionState):
    """What GuardDuty holds for one list in one region (empty guardduty_id: not there)."""

    intel_list = models.ForeignKey(IntelList, on_delete=models.CASCADE, related_name="regions")
    guardduty_id = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=32, blank=True)  # GuardDuty's ACTIVE, ERROR, ...
    name = models.CharField(max_length=300, blank=True)
    location = models.CharField(max_length=300, blank=True)

    class Meta(RegionState.Meta):
        constraints = [
            # One state per list and region; the steps and the refresh upsert on it.
            models.UniqueConstraint(
                fields=["intel_list", "region"], name="configuration_listregion_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intel_list} in {self.region}: {self.status or 'absent'}"

    @property
    def present(self) -> bool:
        return bool(self.guardduty_id)

    @property
    def words(self) -> str:
        return self.status.capitalize() or "Unknown"

    def drift(self) -> str:
        """Why this region differs from the hub's definition, in words ("" when it agrees)."""
        wanted = self.intel_list
        if not self.present:
            return "missing in this region"
        problems = []
        if self.name != wanted.name:
            problems.append(f"named “{self.name}”")
        if self.location != wanted.location:
            problems.append("reads another file")
        if (self.status != "INACTIVE") != wanted.active:
            problems.append("active" if self.status != "INACTIVE" else "inactive")
        return ", ".join(problems)
