"""Channel secrets are stored sealed (Fernet) or as a NOTIFY_ environment reference, never in
clear, and a page can only say whether they are set; finding text cannot drive Slack."""

import pytest
from django.db import connection

from guardduty_hub.notifications import sealed
from guardduty_hub.notifications.payloads import _slack
from tests.notifications.conftest import SECRET, make_channel

URL = "https://hooks.example.com/services/T000/B000/XXXX"


def test_secrets_are_not_stored_in_clear(db):
    channel = make_channel(URL)
    with connection.cursor() as cursor:
        cursor.execute("SELECT url, signing_secret FROM notifications_channel")
        stored = cursor.fetchone()
    assert URL not in stored[0] and SECRET not in stored[1]
    assert sealed.unseal(channel.url) == URL and sealed.unseal(channel.signing_secret) == SECRET
    assert sealed.describe(channel.url) == "set (encrypted)"


def test_a_changed_key_makes_the_secret_unreadable_not_wrong(settings):
    stored = sealed.seal(URL)
    settings.NOTIFICATIONS_KEY = "another passphrase"
    with pytest.raises(sealed.SecretUnavailable, match="cannot be decrypted"):
        sealed.unseal(stored)


def test_environment_references(monkeypatch):
    monkeypatch.setenv("NOTIFY_SLACK_URL", URL)
    assert sealed.seal("env:NOTIFY_SLACK_URL") == "env:NOTIFY_SLACK_URL"
    assert sealed.unseal("env:NOTIFY_SLACK_URL") == URL
    assert sealed.describe("env:NOTIFY_SLACK_URL") == "from the environment (NOTIFY_SLACK_URL)"
    # Only NOTIFY_ variables: the database URL is not a channel's to send.
    with pytest.raises(ValueError):
        sealed.seal("env:DATABASE_URL")
    with pytest.raises(sealed.SecretUnavailable):
        sealed.unseal("env:DATABASE_URL")


def test_slack_control_sequences_in_finding_text_are_escaped():
    item = {
        "severity_label": "High",
        "severity": 8.0,
        "account_id": "111111111111",
        "region": "us-east-1",
        "title": "<!channel> see <https://evil.example|here> & more",
        "type": "Recon:EC2/Probe",
        "reason_label": "New finding",
        "why": "new finding",
    }
    text = _slack([item], 1, 0)["blocks"][1]["text"]["text"]
    assert "<" not in text and "&lt;!channel&gt;" in text and "&amp; more" in text
