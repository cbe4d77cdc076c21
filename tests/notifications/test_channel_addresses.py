"""Webhook and Slack URLs (SSRF): https:// to public addresses only, checked on every address
the host resolves to, when the channel is saved and again at each connection; both lifted by
NOTIFICATIONS_ALLOW_PRIVATE_ADDRESSES. The channel form through the page; sends to the real
local receiver, which must hear nothing when refused.

No test reaches the network: public hosts are IP literals, and the one changing DNS answer
is socket.getaddrinfo answering as a resolver would (the outside world, not the unit)."""

import socket

import pytest
from django.urls import reverse

from guardduty_hub.demo.launcher import demo_environment
from guardduty_hub.notifications.choices import ChannelKind
from guardduty_hub.notifications.models import Channel, Delivery
from guardduty_hub.notifications.services import channel_send_test
from guardduty_hub.notifications.tasks import delivery_send
from tests.foundation.envtools import hub_env, run_python
from tests.notifications.conftest import make_channel

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_notifications")]

PUBLIC = "93.184.216.34"  # a public address (documentation ranges are not "global")
REFUSED = [
    "https://127.0.0.1/hook",
    "https://localhost/hook",
    "https://10.1.2.3/hook",
    "https://172.16.0.1/hook",
    "https://192.168.1.10/hook",
    "https://169.254.169.254/latest/meta-data/",  # the instance's credentials
    "https://100.64.0.1/hook",  # carrier-grade NAT
    "https://0.0.0.0/hook",
    "https://[::1]/hook",
    "https://[fd00::1]/hook",
    "https://[fe80::1]/hook",
    "https://[::ffff:127.0.0.1]/hook",
    "https://224.0.0.1/hook",
]


def save_channel(client, url: str, kind=ChannelKind.SLACK):
    return client.post(
        reverse("notifications:channel_new"),
        {"name": "Hook", "kind": kind, "enabled": "on", "new_url": url, "recipients": ""},
    )


@pytest.fixture
def admin_client(client, admin_alice, settings):
    settings.NOTIFICATIONS_ALLOW_PRIVATE_ADDRESSES = False
    client.force_login(admin_alice)
    return client


@pytest.mark.parametrize("url", REFUSED)
def test_the_form_refuses_urls_of_non_public_addresses(admin_client, url):
    answer = save_channel(admin_client, url)
    assert answer.status_code == 200
    assert "which is not a public address" in answer.content.decode()
    assert not Channel.objects.exists()


def test_the_form_takes_https_to_a_public_address_and_refuses_plain_http(admin_client):
    refused = save_channel(admin_client, f"http://{PUBLIC}/hook").content.decode()
    assert "The URL must be https:// with a host." in refused
    assert not Channel.objects.exists()
    assert save_channel(admin_client, f"https://{PUBLIC}/hook").status_code == 302
    assert Channel.objects.get().kind == ChannelKind.SLACK


def test_a_host_with_one_private_address_among_public_ones_is_refused(admin_client, monkeypatch):
    answers = {"hooks.example.test": [PUBLIC, "10.0.0.7"]}
    resolve_as(monkeypatch, answers)
    page = save_channel(admin_client, "https://hooks.example.test/hook").content.decode()
    assert "hooks.example.test resolves to 10.0.0.7, which is not a public address" in page


def test_with_the_setting_on_local_and_http_urls_are_taken(admin_client, settings, receiver):
    settings.NOTIFICATIONS_ALLOW_PRIVATE_ADDRESSES = True
    assert save_channel(admin_client, receiver.url, kind=ChannelKind.WEBHOOK).status_code == 302
    delivery_send.delay(channel_send_test(Channel.objects.get()).pk)
    assert len(receiver.wait_for(1)) == 1
    assert Delivery.objects.get().status == "sent"


def test_a_send_to_a_private_address_is_refused_for_good(receiver, settings):
    """A channel saved while the setting was on (or before the rule): the send checks again."""
    channel = make_channel(receiver.url)
    settings.NOTIFICATIONS_ALLOW_PRIVATE_ADDRESSES = False
    delivery_send.delay(channel_send_test(channel).pk)
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", 1)
    assert "The URL must be https://" in delivery.error
    assert receiver.wait_for(1, timeout=0.3) == []


def test_a_name_that_resolves_elsewhere_at_send_time_is_refused(receiver, settings, monkeypatch):
    """DNS rebinding: public when saved, the receiver's 127.0.0.1 when sent. The hub connects
    only to addresses it checked, so the receiver hears nothing."""
    settings.NOTIFICATIONS_ALLOW_PRIVATE_ADDRESSES = False
    port = int(receiver.url.rsplit(":", 1)[1].split("/")[0])
    answers = {"hooks.example.test": [PUBLIC]}
    resolve_as(monkeypatch, answers)
    channel = make_channel(f"https://hooks.example.test:{port}/hook", kind=ChannelKind.SLACK)
    answers["hooks.example.test"] = ["127.0.0.1"]
    delivery_send.delay(channel_send_test(channel).pk)
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", 1)
    assert "resolves to 127.0.0.1, which is not a public address" in delivery.error
    assert receiver.wait_for(1, timeout=0.3) == []


def test_off_unless_the_environment_says_so_and_on_in_the_demo(tmp_path, monkeypatch):
    read = "import django; django.setup(); from django.conf import settings as s; "
    read += "print(s.NOTIFICATIONS_ALLOW_PRIVATE_ADDRESSES)"
    assert run_python(read, hub_env(tmp_path)).stdout.strip() == "False"
    on = hub_env(tmp_path, NOTIFICATIONS_ALLOW_PRIVATE_ADDRESSES="true")
    assert run_python(read, on).stdout.strip() == "True"
    monkeypatch.delenv("NOTIFICATIONS_ALLOW_PRIVATE_ADDRESSES", raising=False)
    assert (
        demo_environment("http://127.0.0.1:5000")["NOTIFICATIONS_ALLOW_PRIVATE_ADDRESSES"] == "true"
    )


def resolve_as(monkeypatch, answers: dict[str, list[str]]) -> None:
    """socket.getaddrinfo answers these names with these addresses (others as before)."""
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in answers:
            return real(host, port, *args, **kwargs)
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))
            for address in answers[host]
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
