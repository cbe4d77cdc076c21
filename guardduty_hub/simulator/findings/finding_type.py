"""The shape of a finding-type template and the resource/action kinds builders know."""

from dataclasses import dataclass, field

# Resource kinds (resources.py builds them) and action kinds (actions.py).
INSTANCE, ACCESS_KEY, S3, EKS, RDS, LAMBDA = "instance", "access_key", "s3", "eks", "rds", "lambda"
RUNTIME_EC2, RUNTIME_EKS, RUNTIME_ECS = "runtime_ec2", "runtime_eks", "runtime_ecs"
MALWARE_EC2, MALWARE_S3, SEQUENCE = "malware_ec2", "malware_s3", "attack_sequence"

NET_OUT, NET_IN, PROBE, DNS, API, K8S, RDS_LOGIN = (
    "net_out",
    "net_in",
    "port_probe",
    "dns",
    "api",
    "k8s_api",
    "rds_login",
)


@dataclass(frozen=True)
class FindingType:
    name: str
    resource: str
    action: str | None
    severities: tuple[float, ...]
    feature: str
    title: str
    description: str
    role: str = "TARGET"
    # Details the action builder uses: port, protocol, api, service, domain kind, tool, ...
    hints: dict = field(default_factory=dict)
    threat_list: str | None = None


def template(name, resource, action, severities, feature, title, description, **kw) -> FindingType:
    if isinstance(severities, int | float):
        severities = (float(severities),)
    return FindingType(name, resource, action, tuple(severities), feature, title, description, **kw)
