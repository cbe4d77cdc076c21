"""GuardDuty's protection plans, declared once: the baseline form, the coverage matrix, its CSV
and the calls that switch them (UpdateDetector / UpdateMemberDetectors Features) read this.

A plan is a detector feature, or an additional configuration of one (Runtime Monitoring's agent
management per platform). Its key is "FEATURE" or "FEATURE/ADDITIONAL".
"""

from dataclasses import dataclass

FREQUENCIES = [
    ("FIFTEEN_MINUTES", "Every 15 minutes"),
    ("ONE_HOUR", "Every hour"),
    ("SIX_HOURS", "Every 6 hours"),
]


@dataclass(frozen=True)
class Plan:
    feature: str
    additional: str = ""
    label: str = ""

    @property
    def key(self) -> str:
        return f"{self.feature}/{self.additional}" if self.additional else self.feature


PLANS = [
    Plan("S3_DATA_EVENTS", label="S3 Protection (data events)"),
    Plan("EKS_AUDIT_LOGS", label="EKS audit logs"),
    Plan("RUNTIME_MONITORING", label="Runtime Monitoring"),
    Plan("RUNTIME_MONITORING", "EKS_ADDON_MANAGEMENT", "Runtime: EKS agent managed"),
    Plan(
        "RUNTIME_MONITORING", "ECS_FARGATE_AGENT_MANAGEMENT", "Runtime: ECS Fargate agent managed"
    ),
    Plan("RUNTIME_MONITORING", "EC2_AGENT_MANAGEMENT", "Runtime: EC2 agent managed"),
    Plan("EBS_MALWARE_PROTECTION", label="Malware Protection for EC2"),
    Plan("RDS_LOGIN_EVENTS", label="RDS login events"),
    Plan("LAMBDA_NETWORK_LOGS", label="Lambda network logs"),
]
PLAN_KEYS = [p.key for p in PLANS]


def features_payload(wanted: dict[str, bool]) -> list[dict]:
    """The Features parameter (boto3 shape) that switches every plan as `wanted` says."""
    payload: dict[str, dict] = {}
    for plan in PLANS:
        status = "ENABLED" if wanted.get(plan.key) else "DISABLED"
        entry = payload.setdefault(plan.feature, {"Name": plan.feature, "Status": "DISABLED"})
        if plan.additional:
            entry.setdefault("AdditionalConfiguration", []).append(
                {"Name": plan.additional, "Status": status}
            )
        else:
            entry["Status"] = status
    return list(payload.values())


def plans_of(features: list[dict]) -> dict[str, bool]:
    """{plan key: on} from GuardDuty's Features (boto3 shape); a plan not listed is off."""
    found: dict[str, bool] = {}
    for feature in features or []:
        name = feature.get("Name", "")
        found[name] = feature.get("Status") == "ENABLED"
        for extra in feature.get("AdditionalConfiguration") or []:
            found[f"{name}/{extra.get('Name', '')}"] = extra.get("Status") == "ENABLED"
    return {key: found.get(key, False) for key in PLAN_KEYS}
