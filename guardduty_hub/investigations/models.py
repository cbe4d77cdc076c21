from django.db import models
from django.urls import reverse

from guardduty_hub.investigations.choices import IndicatorKind
from guardduty_hub.investigations.extract import DETAIL_LENGTHS, MAX_VALUE_LENGTH


class Indicator(models.Model):
    """Something findings mention that an analyst follows across accounts and regions: a remote
    IP, an access key, a principal, an instance, a bucket, an EKS cluster, a domain.

    Written only by the sync's indicator writer (store.py) from `extract.indicators_of`. The
    details are what GuardDuty reported with the first mention that had them (an IP's ASN,
    organisation and place; a principal's type and name).
    """

    kind = models.CharField(max_length=16, choices=IndicatorKind.choices)
    value = models.CharField(max_length=MAX_VALUE_LENGTH)
    label = models.CharField(max_length=DETAIL_LENGTHS["label"], blank=True)
    asn = models.CharField(max_length=DETAIL_LENGTHS["asn"], blank=True)
    org = models.CharField(max_length=DETAIL_LENGTHS["org"], blank=True)
    country = models.CharField(max_length=DETAIL_LENGTHS["country"], blank=True)
    city = models.CharField(max_length=DETAIL_LENGTHS["city"], blank=True)

    class Meta:
        constraints = [
            # The writer's conflict target, and the indicator page's lookup by kind and value.
            models.UniqueConstraint(fields=["kind", "value"], name="investigations_indicator_key"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value}"

    def get_absolute_url(self) -> str:
        return reverse("investigations:indicator", kwargs={"kind": self.kind, "value": self.value})

    @property
    def place(self) -> str:
        """Where GuardDuty placed an IP: "Frankfurt am Main, Germany"."""
        return ", ".join(part for part in (self.city, self.country) if part)


class FindingIndicator(models.Model):
    """A finding mentions an indicator. The finding's account, region and first/last seen are
    copied here so an indicator's page and timeline read this table's indexes alone.

    Two indexes in all (each written for every link the sync stores): the primary key, and
    the indicator's most recent findings, which also carries what the timeline adds up.
    """

    # The writer's conflict target; leads with the finding, so it also serves a finding's own
    # indicators (detail page) and the cascade from findings.
    pk = models.CompositePrimaryKey("finding", "indicator")
    finding = models.ForeignKey(
        "findings.Finding",
        on_delete=models.CASCADE,
        related_name="indicator_links",
        db_index=False,  # the primary key leads with it
        # No database constraint on either side: the writer looks both ids up in the statement
        # that inserts the link, and the hub deletes neither findings nor indicators (the ORM
        # still cascades). A constraint would lock the referenced rows (FOR KEY SHARE) for
        # every link, and concurrent syncs share busy indicators.
        db_constraint=False,
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="finding_links",
        db_index=False,
        db_constraint=False,
    )
    account_id = models.CharField(max_length=32)
    # The finding's own region (where the activity was), else the region that listed it.
    region = models.CharField(max_length=32)
    first_seen_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()

    class Meta:
        indexes = [
            # The indicator page's findings, most recently seen first (keyset pages), and its
            # timeline by account and region from the included columns (index-only).
            models.Index(
                fields=["indicator", "-last_seen_at", "-finding"],
                include=["account_id", "region", "first_seen_at"],
                name="investigations_link_recent",
            ),
        ]

    def __str__(self) -> str:
        return f"finding {self.finding_id} mentions indicator {self.indicator_id}"
