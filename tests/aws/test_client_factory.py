"""The client factory: endpoint variables, regional STS, retries, timeouts, user agent, cache."""

import socket
import threading

import pytest

from guardduty_hub.aws import TransientAwsError, clients, count_requests, gateway, sessions

pytestmark = pytest.mark.usefixtures("aws")

BOGUS_GUARDDUTY = "http://guardduty.bogus.invalid:4566"
# Nothing listens on the discard port: connections are refused at once.
REFUSING = "http://127.0.0.1:9"


def test_guardduty_endpoint_variable_is_honoured(hub, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_GUARDDUTY", BOGUS_GUARDDUTY)
    assert clients.guardduty(hub, "eu-west-1").meta.endpoint_url == BOGUS_GUARDDUTY
    # Other services are not affected by the GuardDuty-specific variable.
    assert clients.sts(hub).meta.endpoint_url == "https://sts.us-east-1.amazonaws.com"


def test_generic_endpoint_variable_is_honoured_and_the_specific_one_wins(hub, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://everything.invalid:5000")
    assert clients.sts(hub).meta.endpoint_url == "http://everything.invalid:5000"
    monkeypatch.setenv("AWS_ENDPOINT_URL_GUARDDUTY", BOGUS_GUARDDUTY)
    assert clients.guardduty(hub, "us-east-1").meta.endpoint_url == BOGUS_GUARDDUTY


def test_default_endpoints_are_regional(hub, settings):
    settings.AWS_DEFAULT_REGION = "eu-central-1"
    assert clients.guardduty(hub, "ap-south-1").meta.endpoint_url == (
        "https://guardduty.ap-south-1.amazonaws.com"
    )
    assert sessions.assume_role_client().meta.endpoint_url == (
        "https://sts.eu-central-1.amazonaws.com"
    )


def test_assume_role_client_is_regional_even_when_legacy_is_configured(monkeypatch):
    monkeypatch.setenv("AWS_STS_REGIONAL_ENDPOINTS", "legacy")
    assert sessions.assume_role_client().meta.endpoint_url == "https://sts.us-east-1.amazonaws.com"


def test_assume_role_goes_to_the_sts_endpoint_variable(admin_a, monkeypatch, settings):
    settings.AWS_MAX_ATTEMPTS = 1
    monkeypatch.setenv("AWS_ENDPOINT_URL_STS", REFUSING)
    assert sessions.assume_role_client().meta.endpoint_url == REFUSING
    with pytest.raises(TransientAwsError) as caught:
        gateway.list_detector_id(admin_a, "eu-west-1")
    assert caught.value.operation == "AssumeRole"
    assert "127.0.0.1:9" in caught.value.message


def test_retry_mode_and_attempts_come_from_settings(hub, settings):
    settings.AWS_RETRY_MODE = "adaptive"
    settings.AWS_MAX_ATTEMPTS = 7
    config = clients.guardduty(hub, "eu-west-1").meta.config
    assert config.retries == {"mode": "adaptive", "total_max_attempts": 7}
    assert sessions.assume_role_client().meta.config.retries["mode"] == "adaptive"


def test_timeouts_and_user_agent(hub, settings):
    settings.AWS_CONNECT_TIMEOUT = 3
    settings.AWS_READ_TIMEOUT = 11
    client = clients.guardduty(hub, "eu-west-1")
    assert client.meta.config.connect_timeout == 3
    assert client.meta.config.read_timeout == 11

    sent = []
    client.meta.events.register_first(
        "before-send", lambda request, **_: sent.append(request.headers["User-Agent"])
    )
    gateway.list_detector_id(hub, "eu-west-1")
    assert sent and b"guardduty-hub" in sent[0]


def test_clients_are_cached_per_access_service_and_region(hub, admin_a):
    first = clients.guardduty(hub, "eu-west-1")
    assert clients.guardduty(hub, "eu-west-1") is first
    assert clients.guardduty(hub, "eu-west-2") is not first
    assert clients.guardduty(admin_a, "eu-west-1") is not first


def test_changed_settings_or_endpoints_give_a_new_client(hub, settings, monkeypatch):
    first = clients.guardduty(hub, "eu-west-1")
    settings.AWS_MAX_ATTEMPTS = 2
    second = clients.guardduty(hub, "eu-west-1")
    assert second is not first
    monkeypatch.setenv("AWS_ENDPOINT_URL_GUARDDUTY", BOGUS_GUARDDUTY)
    assert clients.guardduty(hub, "eu-west-1").meta.endpoint_url == BOGUS_GUARDDUTY


def test_read_timeout_is_transient(hub, settings, monkeypatch):
    """A server that accepts and never answers: botocore's read timeout, then our error."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        settings.AWS_READ_TIMEOUT = 1
        settings.AWS_MAX_ATTEMPTS = 1
        monkeypatch.setenv(
            "AWS_ENDPOINT_URL_GUARDDUTY", f"http://127.0.0.1:{server.getsockname()[1]}"
        )
        with pytest.raises(TransientAwsError) as caught:
            gateway.list_detector_id(hub, "eu-west-1")
        assert caught.value.code == "ReadTimeoutError"
        assert caught.value.operation == "ListDetectors"
        assert not caught.value.permanent
    finally:
        stop.set()
        thread.join()
        for conn in accepted:
            conn.close()
        server.close()


def test_refused_connection_is_retried_then_transient(hub, settings, monkeypatch):
    # AWS_MAX_ATTEMPTS counts every attempt, the first included.
    settings.AWS_MAX_ATTEMPTS = 2
    monkeypatch.setenv("AWS_ENDPOINT_URL_GUARDDUTY", REFUSING)
    with count_requests() as counted, pytest.raises(TransientAwsError) as caught:
        gateway.list_detector_id(hub, "eu-west-1")
    assert counted.by_operation["guardduty.ListDetectors"] == 2
    assert caught.value.code == "EndpointConnectionError"
    assert caught.value.region == "eu-west-1"
