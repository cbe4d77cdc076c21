"""What was observed: remote parties (IP with country, city, ASN and organisation) and the
action blocks of a finding (AWS_API_CALL, NETWORK_CONNECTION, PORT_PROBE, DNS_REQUEST,
KUBERNETES_API_CALL, RDS_LOGIN_ATTEMPT), in boto3 PascalCase.
"""

import random
from typing import Any

# (first octets, country code, country, city, lat, lon, ASN, AS organisation, ISP)
REMOTES = (
    (
        "185.220.101",
        "DE",
        "Germany",
        "Frankfurt am Main",
        50.11,
        8.68,
        "208294",
        "Foundation for Applied Privacy",
        "Foundation for Applied Privacy",
    ),
    (
        "45.95.147",
        "NL",
        "Netherlands",
        "Amsterdam",
        52.37,
        4.89,
        "49870",
        "Alsycon B.V.",
        "Alsycon Media",
    ),
    (
        "103.152.118",
        "ID",
        "Indonesia",
        "Jakarta",
        -6.21,
        106.85,
        "136052",
        "PT Cloud Hosting Indonesia",
        "Cloud Hosting Indonesia",
    ),
    (
        "61.177.172",
        "CN",
        "China",
        "Nanjing",
        32.06,
        118.78,
        "4134",
        "Chinanet",
        "China Telecom Jiangsu",
    ),
    ("218.92.0", "CN", "China", "Lianyungang", 34.6, 119.22, "4134", "Chinanet", "China Telecom"),
    (
        "5.188.206",
        "RU",
        "Russia",
        "Saint Petersburg",
        59.94,
        30.31,
        "49453",
        "Global Layer B.V.",
        "Global Layer",
    ),
    (
        "92.118.39",
        "RO",
        "Romania",
        "Bucharest",
        44.43,
        26.1,
        "47890",
        "Unmanaged Ltd",
        "Unmanaged Ltd",
    ),
    (
        "167.94.138",
        "US",
        "United States",
        "Ann Arbor",
        42.28,
        -83.74,
        "398722",
        "Censys, Inc.",
        "Censys",
    ),
    (
        "198.235.24",
        "US",
        "United States",
        "Santa Clara",
        37.35,
        -121.95,
        "396982",
        "Google LLC",
        "Google Cloud",
    ),
    (
        "143.198.64",
        "US",
        "United States",
        "North Bergen",
        40.79,
        -74.02,
        "14061",
        "DigitalOcean, LLC",
        "DigitalOcean",
    ),
    ("51.79.29", "CA", "Canada", "Montreal", 45.5, -73.57, "16276", "OVH SAS", "OVH Hosting"),
    (
        "177.54.150",
        "BR",
        "Brazil",
        "Sao Paulo",
        -23.55,
        -46.63,
        "28145",
        "Linkfort Telecom",
        "Linkfort",
    ),
    ("41.216.186", "NG", "Nigeria", "Lagos", 6.45, 3.4, "37148", "Globacom Limited", "Glo"),
    ("103.27.108", "VN", "Vietnam", "Hanoi", 21.03, 105.85, "45899", "VNPT Corp", "VNPT"),
    (
        "94.232.41",
        "UA",
        "Ukraine",
        "Kyiv",
        50.45,
        30.52,
        "48693",
        "Rices Privately owned enterprise",
        "Rices",
    ),
    ("80.94.95", "BG", "Bulgaria", "Sofia", 42.7, 23.32, "204428", "SS-Net", "SS-Net"),
)
TOR_REMOTES = REMOTES[:2]

DOMAINS = {
    "c2": ("update.winsvc-telemetry.top", "cdn.jquery-stats.xyz", "api.dropcache.ru"),
    "mining": ("pool.minexmr.com", "xmr-eu1.nanopool.org", "gulf.moneroocean.stream"),
    "exfil": ("a1b2c3d4e5.tunnel-dns.net", "q.exfil-cdn.click"),
    "rebind": ("169.254.169.254.nip-rebind.io", "meta.rbndr.us"),
}
USER_AGENTS = (
    "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0 exe/x86_64.debian.12",
    "Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#6.5.0 lang/python#3.11.8",
    "aws-sdk-go-v2/1.25.3 os/linux lang/go#1.22.1",
    "console.amazonaws.com",
)
KALI_AGENT = "aws-cli/2.13.2 Python/3.11.4 Linux/6.3.0-kali1-amd64 exe/x86_64.kali.2023"


def remote(rng: random.Random, tor: bool = False) -> dict[str, Any]:
    prefix, cc, country, city, lat, lon, asn, asn_org, isp = rng.choice(
        TOR_REMOTES if tor else REMOTES
    )
    return {
        "City": {"CityName": city},
        "Country": {"CountryCode": cc, "CountryName": country},
        "GeoLocation": {"Lat": lat, "Lon": lon},
        "IpAddressV4": f"{prefix}.{rng.randint(2, 254)}",
        "Organization": {"Asn": asn, "AsnOrg": asn_org, "Isp": isp, "Org": isp},
    }


PORT_NAMES = {
    22: "SSH",
    25: "SMTP",
    80: "HTTP",
    443: "HTTPS",
    3389: "RDP",
    5985: "WinRM",
    3333: "Unknown",
    6667: "IRC",
    8080: "HTTP",
    9001: "Unknown",
    8443: "Unknown",
}


def _port(port: int) -> dict[str, Any]:
    return {"Port": port, "PortName": PORT_NAMES.get(port, "Unknown")}


def network_connection(
    rng: random.Random, local_ip: str, port: int, inbound: bool, tor: bool = False
) -> dict[str, Any]:
    ephemeral = rng.randint(32768, 60999)
    return {
        "ActionType": "NETWORK_CONNECTION",
        "NetworkConnectionAction": {
            "Blocked": False,
            "ConnectionDirection": "INBOUND" if inbound else "OUTBOUND",
            "LocalIpDetails": {"IpAddressV4": local_ip},
            "LocalPortDetails": _port(port if inbound else ephemeral),
            "Protocol": "TCP",
            "RemoteIpDetails": remote(rng, tor),
            "RemotePortDetails": _port(ephemeral if inbound else port),
        },
    }


def port_probe(rng: random.Random, local_ip: str, port: int) -> dict[str, Any]:
    return {
        "ActionType": "PORT_PROBE",
        "PortProbeAction": {
            "Blocked": False,
            "PortProbeDetails": [
                {
                    "LocalIpDetails": {"IpAddressV4": local_ip},
                    "LocalPortDetails": _port(port),
                    "RemoteIpDetails": remote(rng),
                }
                for _ in range(rng.randint(1, 3))
            ],
        },
    }


def dns_request(rng: random.Random, kind: str) -> dict[str, Any]:
    domain = rng.choice(DOMAINS[kind])
    return {
        "ActionType": "DNS_REQUEST",
        "DnsRequestAction": {
            "Domain": domain,
            "Protocol": "UDP",
            "Blocked": False,
            "DomainWithSuffix": ".".join(domain.split(".")[-2:]),
        },
    }


def api_call(
    rng: random.Random,
    api: str,
    service: str,
    agent: str | None = None,
    tor: bool = False,
    error: str | None = None,
) -> dict[str, Any]:
    action: dict[str, Any] = {
        "Api": api,
        "CallerType": "Remote IP",
        "ServiceName": service,
        "UserAgent": agent or rng.choice(USER_AGENTS),
        "RemoteIpDetails": remote(rng, tor),
    }
    if error:
        action["ErrorCode"] = error
    return {"ActionType": "AWS_API_CALL", "AwsApiCallAction": action}


def kubernetes_call(
    rng: random.Random,
    verb: str,
    resource: str,
    namespace: str,
    name: str,
    subresource: str | None = None,
) -> dict[str, Any]:
    ip = remote(rng)
    uri = f"/api/v1/namespaces/{namespace}/{resource}/{name}"
    if resource in ("deployments",):
        uri = f"/apis/apps/v1/namespaces/{namespace}/{resource}/{name}"
    if resource == "clusterrolebindings":
        uri = f"/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/{name}"
    action: dict[str, Any] = {
        "RequestUri": uri + (f"/{subresource}" if subresource else ""),
        "Verb": verb,
        "Resource": resource,
        "Namespace": namespace,
        "ResourceName": name,
        "SourceIps": [ip["IpAddressV4"]],
        "UserAgent": "kubectl/v1.29.2 (linux/amd64) kubernetes/4b8e819",
        "RemoteIpDetails": ip,
        "StatusCode": 200 if verb != "create" else 201,
    }
    if subresource:
        action["Subresource"] = subresource
    return {"ActionType": "KUBERNETES_API_CALL", "KubernetesApiCallAction": action}


def rds_login(rng: random.Random, user: str, success: int, failed: int) -> dict[str, Any]:
    return {
        "ActionType": "RDS_LOGIN_ATTEMPT",
        "RdsLoginAttemptAction": {
            "RemoteIpDetails": remote(rng),
            "LoginAttributes": [
                {
                    "User": user,
                    "Application": rng.choice(("psql", "DBeaver 23.3", "mysql", "")),
                    "FailedLoginAttempts": failed,
                    "SuccessfulLoginAttempts": success,
                }
            ],
        },
    }
