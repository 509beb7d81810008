"""Senders through their real protocol: SMTP to a local aiosmtpd server, files on disk."""

from __future__ import annotations

import ssl
import subprocess
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from preavis.domain.errors import ValidationError
from preavis.notify.senders import FileSender, Outcome, SmtpConfig, SmtpSender, sender_from
from tests.notify.smtp_sink import Sink, free_port, start_sink


@pytest.fixture(params=["one command at a time", "pipelining"])
def sink(request: pytest.FixtureRequest) -> Iterator[tuple[Sink, int]]:
    port = free_port()
    controller, received = start_sink(port, pipelining=request.param == "pipelining")
    yield received, port
    controller.stop()


def message(to: str, ident: str = "<a1@test>") -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Préavis <avis@example.org>"
    msg["To"] = to
    msg["Subject"] = "Maintenance prévue\u00a0: Mise à niveau"
    msg["Message-ID"] = ident
    msg.set_content("Bonjour — 20 h")
    msg.add_alternative("<p>Bonjour — 20 h</p>", subtype="html")
    return msg


def test_smtp_delivers_both_parts_and_the_headers(sink: tuple[Sink, int]) -> None:
    received, port = sink
    sender = SmtpSender(SmtpConfig.from_url(f"smtp://127.0.0.1:{port}"))
    results = sender.send([message("a@example.org", "<1@t>"), message("b@example.org", "<2@t>")])
    assert [r.outcome for r in results] == [Outcome.SENT, Outcome.SENT]
    assert [m["To"] for m in received.received] == ["a@example.org", "b@example.org"]
    first = received.received[0]
    assert first["Message-ID"] == "<1@t>"
    assert first["Subject"] == "Maintenance prévue\u00a0: Mise à niveau"
    plain, html = first.get_body(("plain",)), first.get_body(("html",))
    assert plain is not None and "20 h" in plain.get_content()
    assert html is not None and "<p>" in html.get_content()


def test_a_5xx_refusal_is_permanent_and_a_4xx_temporary(sink: tuple[Sink, int]) -> None:
    received, port = sink
    received.refuse["gone@example.org"] = "550 5.1.1 No such user"
    received.refuse["full@example.org"] = "452 4.2.2 Mailbox full"
    sender = SmtpSender(SmtpConfig.from_url(f"smtp://127.0.0.1:{port}"))
    results = sender.send(
        [message("gone@example.org"), message("full@example.org"), message("ok@example.org")]
    )
    assert [r.outcome for r in results] == [Outcome.PERMANENT, Outcome.TEMPORARY, Outcome.SENT]
    assert "550" in results[0].error
    assert [m["To"] for m in received.received] == ["ok@example.org"]  # the rest went on


def test_an_unreachable_server_is_a_temporary_failure_for_every_message() -> None:
    sender = SmtpSender(SmtpConfig.from_url("smtp://127.0.0.1:8759"))  # nothing listens there
    results = sender.send([message("a@example.org"), message("b@example.org")])
    assert [r.outcome for r in results] == [Outcome.TEMPORARY, Outcome.TEMPORARY]
    assert "cannot reach" in results[0].error


def test_smtp_urls() -> None:
    plain = SmtpConfig.from_url("smtp://mail.example.org:2525")
    assert (plain.host, plain.port, plain.tls, plain.username) == (
        "mail.example.org",
        2525,
        False,
        None,
    )
    secure = SmtpConfig.from_url("smtps://avis%40example.org:p%40ss@mail.example.org")
    assert (secure.port, secure.tls) == (465, True)
    assert (secure.username, secure.password) == ("avis@example.org", "p@ss")
    assert SmtpConfig.from_url("smtp://mail.example.org").port == 25
    with pytest.raises(ValidationError, match="smtp:// or smtps://"):
        SmtpConfig.from_url("http://mail.example.org")
    with pytest.raises(ValidationError, match="no host"):
        SmtpConfig.from_url("smtp://")


def test_the_file_backend_writes_one_eml_per_message_id(tmp_path: Path) -> None:
    folder = tmp_path / "outbox"
    sender = sender_from("", folder)
    assert isinstance(sender, FileSender)
    assert [r.outcome for r in sender.send([message("a@example.org", "<1@t>")])] == [Outcome.SENT]
    sender.send([message("a@example.org", "<1@t>")])  # sent again after a crash: same file
    sender.send([message("b@example.org", "<2@t>")])
    files = sorted(folder.glob("*.eml"))
    assert len(files) == 2
    parsed = [message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]
    assert sorted(str(m["Message-ID"]) for m in parsed) == ["<1@t>", "<2@t>"]


def test_a_password_never_travels_without_tls(sink: tuple[Sink, int]) -> None:
    # The local server offers no STARTTLS (as a man in the middle stripping it would): with a
    # user and password in an smtp:// URL nothing is sent rather than the password in clear.
    received, port = sink
    config = SmtpConfig.from_url(f"smtp://ops:s3cret@127.0.0.1:{port}")
    assert "s3cret" not in repr(config)
    [result] = SmtpSender(config).send([message("a@example.org")])
    assert result.outcome is Outcome.TEMPORARY  # kept and retried once the server offers TLS
    assert "STARTTLS" in result.error  # refused before AUTH, not by the server after it
    assert received.received == []


def test_many_messages_share_the_connections_and_refusals_stay_with_their_message(
    sink: tuple[Sink, int],
) -> None:
    # More messages than connections, refusals in the middle: each result is its message's,
    # the others all arrive once, intact, with their own envelope.
    received, port = sink
    received.refuse["gone@example.org"] = "550 5.1.1 No such user"
    received.refuse["full@example.org"] = "452 4.2.2 Mailbox full"
    names = [f"m{n}@example.org" for n in range(80)]
    names[17], names[40] = "gone@example.org", "full@example.org"
    batch = [message(to, f"<{n}@t>") for n, to in enumerate(names)]
    dotted_text = ".starts with a dot\n..and two\n.\nthe lone dot above is text\n"
    batch[5] = EmailMessage()
    batch[5]["From"], batch[5]["To"], batch[5]["Message-ID"] = "a@example.org", names[5], "<5@t>"
    batch[5].set_content(dotted_text)
    sender = SmtpSender(SmtpConfig.from_url(f"smtp://127.0.0.1:{port}?connections=3"))
    results = sender.send(batch)
    outcomes = [r.outcome for r in results]
    assert outcomes[17] is Outcome.PERMANENT and "550" in results[17].error
    assert outcomes[40] is Outcome.TEMPORARY and "452" in results[40].error
    assert outcomes.count(Outcome.SENT) == 78
    got = {str(m["Message-ID"]): m for m in received.received}
    assert sorted(got) == sorted(f"<{n}@t>" for n in range(80) if n not in (17, 40))
    assert sorted(to for _, (to,) in received.envelopes) == sorted(
        n for n in names if n not in ("gone@example.org", "full@example.org")
    )
    for n, to in enumerate(names):
        if n not in (17, 40):
            assert got[f"<{n}@t>"]["To"] == to
    dotted = got["<5@t>"].get_body(("plain",))
    assert dotted is not None
    assert dotted.get_content().replace("\r\n", "\n") == dotted_text


def test_a_non_ascii_address_goes_with_smtputf8(sink: tuple[Sink, int]) -> None:
    received, port = sink
    msg = EmailMessage(policy=policy.SMTPUTF8)
    msg["From"] = "avis@example.org"
    msg["To"] = "élise@exemple.ca"
    msg["Subject"] = "Préavis"
    msg["Message-ID"] = "<u@t>"
    msg.set_content("Bonjour")
    results = SmtpSender(SmtpConfig.from_url(f"smtp://127.0.0.1:{port}")).send([msg])
    assert [r.outcome for r in results] == [Outcome.SENT]
    assert received.envelopes == [("avis@example.org", ["élise@exemple.ca"])]
    assert received.received[0]["To"] == "élise@exemple.ca"


def test_smtp_connections_option() -> None:
    assert SmtpConfig.from_url("smtp://mail.example.org").connections == 8
    assert SmtpConfig.from_url("smtp://mail.example.org:2525?connections=2").connections == 2
    for bad in ("0", "65", "two", ""):
        with pytest.raises(ValidationError, match="connections must be a whole number"):
            SmtpConfig.from_url(f"smtp://mail.example.org?connections={bad}")
    with pytest.raises(ValidationError, match="unknown option 'tls'"):
        SmtpConfig.from_url("smtp://mail.example.org?tls=1")


@pytest.mark.parametrize("pipelining", [False, True])
def test_starttls_and_login_then_mail_over_tls(tmp_path: Path, pipelining: bool) -> None:
    # A server that demands STARTTLS before anything and a login: the commands (pipelined or
    # not) travel inside the TLS session aiosmtplib opened.
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem"),
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    logins: list[tuple[str, str]] = []

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
        logins.append((data.login.decode(), data.password.decode()))
        return AuthResult(success=data.password == b"s3cret")

    received = Sink(pipelining)
    port = free_port()
    controller = Controller(
        received, hostname="127.0.0.1", port=port, tls_context=server_tls,
        require_starttls=True, authenticator=authenticator, auth_require_tls=True,
    )  # fmt: skip
    controller.start()
    try:
        client_tls = ssl.create_default_context(cafile=str(tmp_path / "cert.pem"))
        config = SmtpConfig.from_url(f"smtp://ops:s3cret@127.0.0.1:{port}?connections=2")
        batch = [message(f"m{n}@example.org", f"<{n}@t>") for n in range(60)]
        results = SmtpSender(config, tls_context=client_tls).send(batch)
    finally:
        controller.stop()
    assert [r.outcome for r in results] == [Outcome.SENT] * 60
    assert logins == [("ops", "s3cret")] * 2
    assert sorted(str(m["Message-ID"]) for m in received.received) == sorted(
        f"<{n}@t>" for n in range(60)
    )
