"""The one seam to the outside for notifications: POST a body, or send a mail.

Errors are DeliveryError, marked transient (timeouts, connection failures, 408/429/5xx: tried
again later) or permanent (other 4xx, a bad URL, an unreadable secret: recorded, not retried).
HTTP goes through urllib with a short timeout and no redirects (a redirect could point a signed
message elsewhere, or at a scheme other than http/https).
"""

import hashlib
import hmac
import json
import smtplib
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage

SIGNATURE_HEADER = "X-GDH-Signature"
TIMESTAMP_HEADER = "X-GDH-Timestamp"
DELIVERY_HEADER = "X-GDH-Delivery"
USER_AGENT = "GuardDuty-Hub-Notifications/1"
TRANSIENT_HTTP = {408, 425, 429}


class DeliveryError(Exception):
    def __init__(self, message: str, *, permanent: bool, status: int | None = None):
        super().__init__(message)
        self.permanent = permanent
        self.status = status


@dataclass
class Sent:
    status: int | None


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """`sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<body>`: the timestamp is signed too,
    so a receiver that refuses old timestamps refuses replays."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise DeliveryError("The URL must be http:// or https:// with a host.", permanent=True)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the 3xx is answered to the caller as an HTTPError


_opener = urllib.request.build_opener(_NoRedirects)


def post_json(url: str, body: str, *, headers: dict[str, str] | None = None) -> Sent:
    check_url(url)
    request = urllib.request.Request(  # noqa: S310 (scheme checked above)
        url,
        data=body.encode(),
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": USER_AGENT, **(headers or {})},
    )
    try:
        with _opener.open(request, timeout=settings.NOTIFICATIONS_TIMEOUT_SECONDS) as answer:
            answer.read(1024)
            return Sent(answer.status)
    except urllib.error.HTTPError as exc:
        code = exc.code
        permanent = code < 500 and code not in TRANSIENT_HTTP
        raise DeliveryError(f"HTTP {code} {exc.reason}", permanent=permanent, status=code) from None
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DeliveryError(f"Could not reach the endpoint: {reason}", permanent=False) from None


def post_signed(url: str, body: str, *, secret: str, delivery_uid: str) -> Sent:
    timestamp = str(int(time.time()))
    headers = {TIMESTAMP_HEADER: timestamp, DELIVERY_HEADER: delivery_uid}
    if secret:
        headers[SIGNATURE_HEADER] = signature(secret, timestamp, body.encode())
    return post_json(url, body, headers=headers)


def send_email(recipients: list[str], body: str) -> Sent:
    if not recipients:
        raise DeliveryError("The channel has no recipients.", permanent=True)
    message = json.loads(body)
    email = EmailMessage(message["subject"], message["text"], to=recipients)
    try:
        email.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused as exc:
        raise DeliveryError(f"Recipients refused: {exc}", permanent=True) from None
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(f"The mail server failed: {exc}", permanent=False) from None
    return Sent(None)
