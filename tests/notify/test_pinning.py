"""Webhooks and channels connect to the address that was checked (DNS rebinding), through real
receivers on two loopback addresses: the resolver seam plays a DNS server whose first answer
(the one checked) is 127.0.0.2, taken as public here, and every later answer 127.0.0.1. A
client that resolves a second time, or connects to the URL's host by itself, reaches the
receiver on 127.0.0.1, which must get nothing. HTTPS keeps the URL's host for SNI, Host and
the certificate check. Address forms that hide a private address are refused."""

from __future__ import annotations

import json
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from preavis.domain.errors import ValidationError
from preavis.notify import hooks, pinning
from preavis.notify.senders import Outcome
from tests.notify.receiver import Receiver, receiving

SECRET = hooks.new_webhook_secret()
STAMP = datetime(2025, 6, 25, 20, 0, tzinfo=UTC)
CHECKED = "127.0.0.2"  # the answer that was checked
REBOUND = "127.0.0.1"  # what the name points to afterwards


class Rebinding:
    """First answer CHECKED, every later one REBOUND; counts the questions."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        return [CHECKED] if len(self.asked) == 1 else [REBOUND]


def settings(resolver: Any, **more: Any) -> hooks.HookSettings:
    return hooks.HookSettings(
        allow_private=False,
        resolver=resolver,
        public=lambda address: address == CHECKED or pinning.public(address),
        **more,
    )


@contextmanager
def two_receivers(tls: ssl.SSLContext | None = None) -> Iterator[tuple[Receiver, Receiver]]:
    """A receiver on CHECKED and one on REBOUND, on the same port."""
    for _ in range(20):
        with ExitStack() as stack:
            good = stack.enter_context(receiving(CHECKED, tls=tls))
            try:
                evil = stack.enter_context(receiving(REBOUND, good.port, tls=tls))
            except OSError:  # that port is taken on 127.0.0.1: another one
                continue
            yield good, evil
            return
    pytest.fail("no port free on both loopback addresses")


def post(url: str, hook: hooks.HookSettings) -> Any:
    body = {"type": "maintenance.published", "data": {"x": 1}}
    return hooks.send_webhook(url, SECRET, "msg_1", body, hook, stamp=STAMP)


def test_a_webhook_connects_to_the_address_that_was_checked() -> None:
    resolver = Rebinding()
    with two_receivers() as (good, evil):
        result = post(f"http://{REBOUND}:{good.port}/hook", settings(resolver))
    assert result.outcome is Outcome.SENT, result.error
    assert evil.requests == []
    [request] = good.requests
    assert request.path == "/hook"
    assert request.headers["Host"] == f"{REBOUND}:{good.port}"  # the URL's, not the address
    assert len(resolver.asked) == 1  # resolved once


def test_a_channel_connects_to_the_address_that_was_checked() -> None:
    resolver = Rebinding()
    with two_receivers() as (good, evil):
        url = f"json://{REBOUND}:{good.port}/team"
        result = hooks.send_channel(url, "Title", "Body", settings(resolver))
    assert result.outcome is Outcome.SENT, result.error
    assert evil.requests == []
    [request] = good.requests
    assert json.loads(request.body)["title"] == "Title"


def test_a_channel_redirected_to_a_private_address_reaches_nothing() -> None:
    with two_receivers() as (good, evil):
        good.status = 307
        good.headers["Location"] = f"http://{REBOUND}:{good.port}/meta-data"
        url = f"json://{CHECKED}:{good.port}/team"
        result = hooks.send_channel(url, "Title", "Body", settings(lambda _h, _p: [CHECKED]))
    assert result.outcome is not Outcome.SENT
    assert len(good.requests) == 1
    assert evil.requests == []


@pytest.mark.parametrize("scheme", ["json", "mmost"])
def test_a_channel_to_a_private_address_is_refused_for_good(scheme: str) -> None:
    """Any Apprise plugin, not only the generic json://, form://, xml:// that are checked
    when added (mmost:// is Mattermost at a host the admin names): what it resolves while
    sending is checked."""
    with receiving(REBOUND) as evil:
        url = f"{scheme}://{REBOUND}:{evil.port}/t0k3n"
        result = hooks.send_channel(url, "Title", "Body", hooks.HookSettings())
    assert result.outcome is Outcome.PERMANENT
    assert "target refused" in result.error and REBOUND in result.error
    assert evil.requests == []


# -- HTTPS through the pinning ---------------------------------------------------------------


def certificate(folder: Path, name: str) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)  # the certificate's validity, checked against the real clock
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_https_keeps_the_name_for_sni_host_and_certificate(tmp_path: Path) -> None:
    cert, key = certificate(tmp_path, "hooks.test")
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert, key)
    names: list[str | None] = []
    server.sni_callback = lambda _sock, name, _ctx: names.append(name)
    trusted = ssl.create_default_context(cafile=str(cert))  # this test's certificate only
    resolver = Rebinding()
    hook = settings(resolver, verify=trusted)
    with two_receivers(tls=server) as (good, evil):
        result = post(f"https://hooks.test:{good.port}/hook", hook)
        assert result.outcome is Outcome.SENT, result.error
        # A name the certificate does not carry is refused, though it leads to the same server.
        wrong = post(f"https://other.test:{good.port}/hook", settings(lambda _h, _p: [CHECKED]))
        assert wrong.outcome is Outcome.TEMPORARY
        assert "CERTIFICATE_VERIFY_FAILED" in wrong.error
        # Verification is on: without trusting the test's certificate, nothing is sent.
        untrusted = post(f"https://hooks.test:{good.port}/x", settings(lambda _h, _p: [CHECKED]))
        assert untrusted.outcome is Outcome.TEMPORARY
    assert evil.requests == []
    [request] = good.requests
    assert request.headers["Host"] == f"hooks.test:{good.port}"
    assert names[0] == "hooks.test"
    assert len(resolver.asked) == 1


# -- address forms ---------------------------------------------------------------------------

HIDDEN = [
    "http://[::1]:9/x",
    "http://[::ffff:127.0.0.1]:9/x",
    "http://[::ffff:7f00:1]:9/x",
    "http://[::ffff:169.254.169.254]/latest",
    "http://[::127.0.0.1]:9/x",  # IPv4-compatible (deprecated form)
    "http://[64:ff9b::a9fe:a9fe]/latest",  # NAT64 of 169.254.169.254
    "http://[2002:7f00:1::1]:9/x",  # 6to4 of 127.0.0.1
    "http://[fe80::1%25lo]:9/x",
    "http://2130706433:9/x",
    "http://0177.0.0.1:9/x",
    "http://0x7f.1:9/x",
    "http://127.1:9/x",
    "http://0:9/x",
    "http://localhost./x",
    "http://LOCALHOST:9/x",
    "http://api.localhost/x",
]


@pytest.mark.parametrize("url", HIDDEN)
def test_hidden_private_addresses_are_refused(url: str) -> None:
    with pytest.raises(ValidationError, match=r"refused|resolve|names a host"):
        hooks.check_webhook_url(url, allow_private=False)
    result = post(url, hooks.HookSettings())
    assert result.outcome is Outcome.PERMANENT
    assert "target refused" in result.error


def test_localhost_names_are_refused_whatever_a_resolver_says() -> None:
    for host in ("localhost.", "localhost", "x.localhost."):
        with pytest.raises(ValidationError, match="loopback"):
            pinning.checked(host, 80, field="url", resolver=lambda _h, _p: ["93.184.215.14"])


def test_public_addresses_carried_in_ipv6_stay_public() -> None:
    assert pinning.public("64:ff9b::808:808")  # 8.8.8.8 through NAT64
    assert pinning.public("::ffff:8.8.8.8")
    assert pinning.public("2606:4700:4700::1111")
    assert not pinning.public("64:ff9b::a00:1")  # 10.0.0.1 through NAT64


def test_resolution_outside_a_channel_is_untouched() -> None:
    with pinning.resolving_only_checked(lambda _h, _p: [CHECKED]):
        inside = socket.getaddrinfo("hooks.example.org", 80, type=socket.SOCK_STREAM)
    outside = socket.getaddrinfo("127.0.0.1", 80, type=socket.SOCK_STREAM)
    assert {i[4][0] for i in inside} == {CHECKED}
    assert {i[4][0] for i in outside} == {"127.0.0.1"}


def test_an_ipv6_literal_goes_through_the_pinning() -> None:
    """httpx and Apprise hand the bare address (no brackets) to the check, and connect to it."""
    if not socket.has_ipv6:
        pytest.skip("no IPv6 here")
    got: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["content-length"]))
            got.append(self.headers["Host"])
            self.send_response(200)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    class Server(ThreadingHTTPServer):
        address_family = socket.AF_INET6

    try:
        server = Server(("::1", 0), Handler)
    except OSError:
        pytest.skip("no ::1 here")
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        allowed = hooks.HookSettings(public=lambda address: address == "::1")
        sent = post(f"http://[::1]:{port}/x", allowed)
        channel = hooks.send_channel(f"json://[::1]:{port}/x", "T", "B", allowed)
        refused = post(f"http://[::1]:{port}/x", hooks.HookSettings())
    finally:
        server.shutdown()
        server.server_close()
    assert sent.outcome is Outcome.SENT, sent.error
    assert channel.outcome is Outcome.SENT, channel.error
    assert refused.outcome is Outcome.PERMANENT
    assert got == [f"[::1]:{port}"] * 2
