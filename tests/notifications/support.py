"""Findings the simulator publishes, and an independent check of the webhook signature."""

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

from guardduty_hub.simulator.findings.api import load_findings
from tests.fixtures.simulator import ADMIN_ACCOUNT
from tests.notifications.conftest import SECRET
from tests.simulator.findings_support import finding

REGION = "us-east-1"


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def publish(world, suffix: str, *, severity=8.0, count=1, minutes_ago=10, type_=None) -> str:
    """Create (or update) a finding in the simulator and publish its event; its id."""
    when = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    extra = {"type_": type_} if type_ else {}
    raw = finding(
        suffix,
        account=ADMIN_ACCOUNT,
        detector=world.detectors[REGION],
        severity=severity,
        count=count,
        created=stamp(when - timedelta(hours=1)),
        updated=stamp(when),
        **extra,
    )
    (made,) = load_findings(ADMIN_ACCOUNT, REGION, [raw], publish=True)
    return made


def signature_ok(request, secret: str = SECRET) -> bool:
    timestamp = request.headers["x-gdh-timestamp"]
    expected = hmac.new(
        secret.encode(), timestamp.encode() + b"." + request.body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(request.headers["x-gdh-signature"], f"sha256={expected}")
