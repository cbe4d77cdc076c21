"""The GuardDuty gateway: every call the hub's services make, in one namespace.

    from guardduty_hub.aws import gateway
    access = gateway.AccountAccess("111111111111", role_arn="arn:aws:iam::...:role/Hub")
    detector = gateway.ensure_detector(access, "eu-west-1")

Each function takes an `AccountAccess` and (for GuardDuty) a region, returns plain frozen
dataclasses (findings: boto3's raw dicts) and raises `AwsError` subclasses only. The same code
talks to AWS in production and to the simulator wherever the endpoint variables point.
"""

from guardduty_hub.aws.batching import BATCH_SIZE
from guardduty_hub.aws.detectors import (
    caller_identity,
    candidate_regions,
    create_detector,
    enabled_regions,
    ensure_detector,
    list_detector_id,
    probe_regions,
)
from guardduty_hub.aws.filters import (
    GuardDutyFilter,
    create_filter,
    delete_filter,
    get_filter,
    list_filters,
    update_filter,
)
from guardduty_hub.aws.findings import (
    archive_findings,
    create_sample_findings,
    finding_criteria,
    get_findings,
    get_findings_statistics,
    list_finding_id_pages,
    list_finding_ids,
    unarchive_findings,
    update_findings_feedback,
)
from guardduty_hub.aws.intel_sets import (
    THREAT,
    TRUSTED,
    IntelSet,
    create_intel_set,
    delete_intel_set,
    get_intel_set,
    list_intel_sets,
    update_intel_set,
)
from guardduty_hub.aws.invitations import (
    accept_administrator_invitation,
    decline_invitations,
    delete_invitations,
    disassociate_from_administrator_account,
    get_administrator_account,
    get_invitations_count,
    list_invitations,
)
from guardduty_hub.aws.members import (
    create_members,
    delete_members,
    disassociate_members,
    get_members,
    invite_members,
    list_members,
    start_monitoring_members,
    stop_monitoring_members,
)
from guardduty_hub.aws.organization import (
    OrganizationAccount,
    OrganizationConfig,
    describe_organization_configuration,
    enable_organization_admin_account,
    list_organization_accounts,
    list_organization_admin_accounts,
    update_organization_configuration,
)
from guardduty_hub.aws.partitions import PARTITIONS, arn, hub_partition, partition_of, role_arn
from guardduty_hub.aws.protection import (
    DetectorConfig,
    MemberFeatures,
    delete_detector,
    get_detector_config,
    get_member_features,
    update_detector_config,
    update_member_features,
)
from guardduty_hub.aws.s3 import put_list_file
from guardduty_hub.aws.sessions import AccountAccess
from guardduty_hub.aws.shapes import (
    Administrator,
    BatchResult,
    CallerIdentity,
    Invitation,
    Member,
    MembersResult,
    RegionProbe,
    StatisticGroup,
    UnprocessedAccount,
)

__all__ = [
    "BATCH_SIZE",
    "PARTITIONS",
    "THREAT",
    "TRUSTED",
    "AccountAccess",
    "Administrator",
    "BatchResult",
    "CallerIdentity",
    "DetectorConfig",
    "GuardDutyFilter",
    "IntelSet",
    "Invitation",
    "Member",
    "MemberFeatures",
    "MembersResult",
    "OrganizationAccount",
    "OrganizationConfig",
    "RegionProbe",
    "StatisticGroup",
    "UnprocessedAccount",
    "accept_administrator_invitation",
    "archive_findings",
    "arn",
    "caller_identity",
    "candidate_regions",
    "create_detector",
    "create_filter",
    "create_intel_set",
    "create_members",
    "create_sample_findings",
    "decline_invitations",
    "delete_detector",
    "delete_filter",
    "delete_intel_set",
    "delete_invitations",
    "delete_members",
    "describe_organization_configuration",
    "disassociate_from_administrator_account",
    "disassociate_members",
    "enable_organization_admin_account",
    "enabled_regions",
    "ensure_detector",
    "finding_criteria",
    "get_administrator_account",
    "get_detector_config",
    "get_filter",
    "get_findings",
    "get_findings_statistics",
    "get_intel_set",
    "get_invitations_count",
    "get_member_features",
    "get_members",
    "hub_partition",
    "invite_members",
    "list_detector_id",
    "list_filters",
    "list_finding_id_pages",
    "list_finding_ids",
    "list_intel_sets",
    "list_invitations",
    "list_members",
    "list_organization_accounts",
    "list_organization_admin_accounts",
    "partition_of",
    "probe_regions",
    "put_list_file",
    "role_arn",
    "start_monitoring_members",
    "stop_monitoring_members",
    "unarchive_findings",
    "update_detector_config",
    "update_filter",
    "update_findings_feedback",
    "update_intel_set",
    "update_member_features",
    "update_organization_configuration",
]
