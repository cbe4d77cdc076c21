"""AWS partitions: the commercial one (`aws`), GovCloud (`aws-us-gov`) and China (`aws-cn`).

An account lives in exactly one partition, and everything about reaching it follows from that:
the ARNs the hub writes (roles, queues, rules) and the regions it looks in. The partition is
read from the ARN the hub was given for the account; an account reached with the hub's own
credentials is in the partition of the hub's region (AWS_DEFAULT_REGION).
"""

import re

from django.conf import settings

from guardduty_hub.aws import factory

COMMERCIAL = "aws"
PARTITIONS = (COMMERCIAL, "aws-us-gov", "aws-cn")
_ARN = re.compile(r"^arn:(?P<partition>[a-z-]+):")


def partition_of(arn: str) -> str:
    """The partition an ARN names, or "" when it names none we know."""
    found = _ARN.match(arn or "")
    return found["partition"] if found and found["partition"] in PARTITIONS else ""


def hub_partition() -> str:
    """The partition of the hub's own credentials: that of its default region."""
    return factory.partition_for_region(settings.AWS_DEFAULT_REGION) or COMMERCIAL


def arn(partition: str, service: str, region: str, account_id: str, resource: str) -> str:
    return f"arn:{partition}:{service}:{region}:{account_id}:{resource}"


def role_arn(partition: str, account_id: str, name: str) -> str:
    return arn(partition, "iam", "", account_id, f"role/{name}")
