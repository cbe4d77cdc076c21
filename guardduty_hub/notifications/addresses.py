"""Where a webhook or Slack channel may point: https:// to public addresses only (SSRF).

A channel's URL is typed by an Admin, but the hub POSTs from inside the network: without this
an http://169.254.169.254/ (the instance's credentials), http://localhost:5432/ or an internal
admin page would be the hub's to reach. So the host is resolved and EVERY address it resolves
to must be public (a name with one private answer among public ones is refused), when the
form is saved and again at each connection (DNS can change after the check; transports.py
connects to the very addresses checked here, so a second lookup cannot swap in another).

NOTIFICATIONS_ALLOW_PRIVATE_ADDRESSES (default off) lifts both rules, for the demo, the tests'
local receiver, and hubs whose receivers are on the internal network.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings


class AddressRefused(OSError):
    """The URL or the address it resolves to is not one the hub may send to. An OSError, so
    that it passes through urllib's connection handling to transports.py unchanged."""


def allow_private() -> bool:
    return bool(settings.NOTIFICATIONS_ALLOW_PRIVATE_ADDRESSES)


def check_scheme(url: str) -> None:
    parts = urlsplit(url)
    schemes = ("http", "https") if allow_private() else ("https",)
    if parts.scheme not in schemes or not parts.hostname:
        raise AddressRefused(
            "The URL must be https:// with a host."
            if not allow_private()
            else "The URL must be http:// or https:// with a host."
        )


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone ("fe80::1%eth0")
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    # is_global leaves out loopback, private, link-local, shared (100.64/10), reserved and
    # documentation ranges; multicast is "global" for some ranges, never a webhook.
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> list[tuple]:
    """getaddrinfo's answers for a TCP connection to host:port, every one of them public
    (unless private addresses are allowed). AddressRefused names the first that is not."""
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise OSError(f"The host {host} could not be resolved ({exc.strerror}).") from None
    if not allow_private():
        for *_, sockaddr in answers:
            if not _public(sockaddr[0]):
                found = sockaddr[0]
                said = found if found == host.strip("[]") else f"{host} resolves to {found}"
                raise AddressRefused(
                    f"{said}, which is not a public address: the hub sends only to public "
                    "ones (NOTIFICATIONS_ALLOW_PRIVATE_ADDRESSES)."
                )
    return answers


def check_url(url: str) -> None:
    """The form's check: the scheme, then the host's addresses now."""
    check_scheme(url)
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise AddressRefused("The URL's port is not a number from 0 to 65535.") from None
    resolve(parts.hostname, port)


def connect(address: tuple, timeout=None, source_address=None) -> socket.socket:
    """socket.create_connection to the checked addresses of address's host, in order."""
    host, port = address
    error: OSError | None = None
    for family, kind, proto, _, sockaddr in resolve(host, port):
        sock = socket.socket(family, kind, proto)
        try:
            if isinstance(timeout, int | float):  # not socket's "global default" marker
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            error = exc
            sock.close()
    raise error or OSError(f"No address to connect to for {host}.")
