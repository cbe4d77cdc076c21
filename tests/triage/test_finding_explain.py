"""A finding explained in words (explain.py, explain_detection.py): pure functions over raw JSON."""

import pytest

from guardduty_hub.findings import explain, explain_detection


def path(*labels: str) -> str:
    return explain.LABEL_SEPARATOR.join(labels)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("IpAddressV4", "IP address v4"),
        ("IamInstanceProfile", "IAM instance profile"),
        ("AsnOrg", "ASN org"),
        ("userAgent", "User agent"),  # EventBridge camelCase
        ("PrivateDnsName", "Private DNS name"),
    ],
)
def test_labels_spell_acronyms_in_capitals(key, expected):
    assert explain.label(key) == expected


@pytest.mark.parametrize(
    ("finding_type", "family", "mechanism", "artifact"),
    [
        ("Backdoor:EC2/C&CActivity.B!DNS", "C&C activity", "variant B", "seen in DNS queries"),
        (
            "Recon:IAMUser/MaliciousIPCaller.Custom",
            "malicious IP caller",
            "from a threat list you uploaded",
            "",
        ),
        ("UnauthorizedAccess:EC2/SSHBruteForce", "SSH brute force", "", ""),
    ],
)
def test_type_in_words(finding_type, family, mechanism, artifact):
    words = explain.explain_type(finding_type)
    assert (words["family_words"], words["mechanism_words"], words["artifact_words"]) == (
        family,
        mechanism,
        artifact,
    )


def test_purposes_as_types_spell_them():
    """Types say CryptoCurrency (not Cryptocurrency) and Object: both have words."""
    assert "mining" in explain.explain_type("CryptoCurrency:EC2/BitcoinTool.B!DNS")["purpose_words"]
    assert "malicious object" in explain.explain_type("Object:S3/MaliciousFile")["purpose_words"]


def test_tags_are_one_row_and_details_suffix_is_dropped():
    rows = explain.flatten(
        {
            "Tags": [{"Key": "team", "Value": "payments"}, {"Key": "env", "Value": "prod"}],
            "NetworkInterfaces": [{"PublicIp": "1.2.3.4", "SecurityGroups": [{"GroupId": "sg-1"}]}],
            "KubernetesUserDetails": {"Username": "alice"},
        }
    )
    assert ("Tags", "team = payments, env = prod") in rows
    assert (path("Network interfaces", "Public IP"), "1.2.3.4") in rows
    assert (path("Network interfaces", "Security groups", "Group ID"), "sg-1") in rows
    assert (path("Kubernetes user", "Username"), "alice") in rows


def _probe(ip, country):
    return {
        "LocalPortDetails": {"Port": 22, "PortName": "SSH"},
        "RemoteIpDetails": {"IpAddressV4": ip, "Country": {"CountryName": country}},
    }


def test_action_lists_every_remote_party_once_and_not_again_as_rows():
    raw = {
        "Service": {
            "Action": {
                "ActionType": "PORT_PROBE",
                "PortProbeAction": {
                    "Blocked": False,
                    "PortProbeDetails": [
                        _probe("198.51.100.1", "Narnia"),
                        _probe("198.51.100.2", "Oz"),
                        _probe("198.51.100.1", "Narnia"),
                    ],
                },
            }
        }
    }
    action = explain.action_block(raw)
    assert action["type_words"] == "Port probe"
    assert [r["ip"] for r in action["remotes"]] == ["198.51.100.1", "198.51.100.2"]
    labels = [label for label, _ in action["rows"]]
    assert "Blocked" in labels  # the PortProbeAction wrapper is not repeated on every row
    assert not any("Remote IP" in label for label in labels)


def test_detection_shows_feature_intel_and_runtime_but_not_empty_additional_info():
    raw = {
        "Service": {
            "FeatureName": "DnsLogs",
            "ResourceRole": "TARGET",
            "AdditionalInfo": {"Value": "{}", "Type": "default"},
            "Evidence": {
                "ThreatIntelligenceDetails": [
                    {"ThreatListName": "ProofPoint", "ThreatNames": ["Exfiltration"]}
                ]
            },
            "RuntimeDetails": {"Process": {"Name": "xmrig"}},
        }
    }
    detection = explain_detection.detection_block(raw)
    assert detection["feature_words"] == "DNS logs"
    assert detection["intel"] == [{"list": "ProofPoint", "names": "Exfiltration"}]
    assert detection["rows"] == [(path("Runtime", "Process", "Name"), "xmrig")]


def test_finding_key_from_an_arn():
    arn = "arn:aws:guardduty:eu-west-1:111111111111:detector/abc123/finding/f00d"
    assert explain_detection.finding_key(arn) == ("111111111111", "eu-west-1", "f00d")
    assert explain_detection.finding_key("not an arn") is None
