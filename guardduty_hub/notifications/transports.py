"""The one seam to the outside for notifications: POST a body, or send a mail.

Errors are DeliveryError, marked transient (timeouts, connection failures, 408/429/5xx: tried
again later) or permanent (other 4xx, a bad URL, an unreadable secret: recorded, not retried).
HTTP goes through urllib with a short timeout and no redirects (a redirect could point a signed
message elsewhere, or at a scheme other than http/https), to public addresses only: each
connection resolves the host and connects to the addresses addresses.py checked (SSRF), and
never through an environment proxy (which would resolve the host itself, unchecked).
"""

import hashlib
import hmac
import http.client
import json
import smtplib
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage

from guardduty_hub.notifications import addresses

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
    """The channel form's check: an https:// URL whose host resolves to public addresses only
    (addresses.py; http:// and private addresses with NOTIFICATIONS_ALLOW_PRIVATE_ADDRESSES)."""
    try:
        addresses.check_url(url)
    except OSError as exc:  # AddressRefused, or a host that does not resolve
        raise DeliveryError(str(exc), permanent=True) from None


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the 3xx is answered to the caller as an HTTPError


class _CheckedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = addresses.connect


class _CheckedHTTPSConnection(http.client.HTTPSConnection):
    # Its connect() opens the socket as HTTPConnection's does, then wraps it in TLS for the
    # URL's host name: the certificate is checked against the name, the address was ours.
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = addresses.connect


class _CheckedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_CheckedHTTPConnection, req)


class _CheckedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_CheckedHTTPSConnection, req, context=self._context)


_opener = urllib.request.build_opener(
    urllib.request.ProxyHandler({}), _NoRedirects, _CheckedHTTPHandler, _CheckedHTTPSHandler
)


def post_json(url: str, body: str, *, headers: dict[str, str] | None = None) -> Sent:
    try:
        addresses.check_scheme(url)  # the addresses: at the connection, below
    except addresses.AddressRefused as exc:
        raise DeliveryError(str(exc), permanent=True) from None
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
        if isinstance(reason, addresses.AddressRefused):
            # Not retried: the name points inside now; an Admin has to look at the channel.
            raise DeliveryError(f"Refused: {reason}", permanent=True) from None
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
