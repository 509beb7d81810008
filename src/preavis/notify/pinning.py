"""Outgoing connections to webhook and channel targets go to an address that was checked: a
name is resolved once, every address it gives must be public, and the connection is made to
one of those very addresses (never to a second answer: DNS rebinding).

Webhooks (httpx) connect through a network backend that does this for each connection, the
URL's host still naming the server for the Host header, TLS SNI and certificate checks.
Apprise posts with `requests` and offers no seam for it, so while a channel sends, name
resolution in that context (its worker threads included: they copy it) gives only checked
addresses; the library then connects to what it was given.
"""

from __future__ import annotations

import contextvars
import functools
import ipaddress
import socket
import ssl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from preavis.domain.errors import ValidationError

if TYPE_CHECKING:  # httpx and httpcore are imported only when a webhook is sent
    import httpcore
    import httpx

Resolver = Callable[[str, int], list[str]]
Public = Callable[[str], bool]
Check = Callable[[str, int], list[str]]  # the checked addresses of (host, port), or raises

NAT64 = ipaddress.ip_network("64:ff9b::/96")  # an IPv4 address behind a NAT64 gateway
_REAL_GETADDRINFO = socket.getaddrinfo


def resolve(host: str, port: int) -> list[str]:
    infos = _REAL_GETADDRINFO(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def public(address: str) -> bool:
    """Globally reachable unicast; an IPv4 address carried in IPv6 (mapped, NAT64, 6to4) is
    judged as that IPv4 address, and reserved ranges (IPv4-compatible ::a.b.c.d) are not."""
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address
    ip = ipaddress.ip_address(address.split("%", maxsplit=1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.sixtofour is not None and not public(str(ip.sixtofour)):
            return False
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip in NAT64:
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip.is_global and not ip.is_multicast and not ip.is_reserved


def checked(
    host: str, port: int, *, field: str, resolver: Resolver = resolve, allowed: Public = public
) -> list[str]:
    """`host`'s addresses, resolved once, every one of them public; ValidationError naming the
    host (and the address) otherwise. Names under `localhost` (with or without the final
    dot) are loopback whatever a resolver says (RFC 6761)."""
    if host.rstrip(".").lower().split(".")[-1] == "localhost":
        raise ValidationError.said("hook.private", field=field, host=host, address="127.0.0.1")
    try:
        addresses = resolver(host, port)
    except (OSError, UnicodeError) as exc:
        raise ValidationError.said(
            "hook.unresolvable", field=field, host=host, why=str(exc)
        ) from exc
    if not addresses:
        raise ValidationError.said("hook.no_address", field=field, host=host)
    for address in addresses:
        if not allowed(address):
            raise ValidationError.said("hook.private", field=field, host=host, address=address)
    return addresses


# -- httpx (webhooks) ------------------------------------------------------------------------


@functools.cache
def default_context(verify: bool = True) -> ssl.SSLContext:
    """The TLS settings httpx would make, made once per process: loading the certificate
    authorities takes about 50 ms, more than a webhook request to a nearby receiver."""
    import httpx  # noqa: PLC0415 - see the TYPE_CHECKING import

    # Not from SSL_CERT_FILE / SSL_CERT_DIR: as httpx.Client(trust_env=False) made them.
    return httpx.create_ssl_context(verify=verify, trust_env=False)


@functools.cache
def _pinned_transport() -> Callable[[Check, ssl.SSLContext, httpx.Limits], httpx.HTTPTransport]:
    """How to make an httpx transport whose connections `Backend` opens (the classes are
    made when the first webhook is sent)."""
    import httpcore  # noqa: PLC0415 - see the TYPE_CHECKING import
    import httpx  # noqa: PLC0415

    class Backend(httpcore.SyncBackend):
        """Opens each TCP connection to a checked address of the host it is asked for; TLS
        is started afterwards by httpcore with the URL's host as server name (SNI, the
        certificate)."""

        def __init__(self, check: Check) -> None:
            self._check = check

        def connect_tcp(
            self,
            host: str,
            port: int,
            timeout: float | None = None,
            local_address: str | None = None,
            socket_options: Any = None,
        ) -> httpcore.NetworkStream:
            failure: Exception | None = None
            for address in self._check(host, port):
                try:
                    return super().connect_tcp(
                        address, port, timeout, local_address, socket_options
                    )
                except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                    failure = exc  # the next checked address, as a resolver's caller would
            assert failure is not None  # checked() never gives an empty list
            raise failure

    class Transport(httpx.HTTPTransport):
        def __init__(self, check: Check, context: ssl.SSLContext, limits: httpx.Limits) -> None:
            super().__init__(verify=context, trust_env=False, limits=limits)
            # httpx takes no network backend: its pool is made again with ours, same settings.
            self._pool = httpcore.ConnectionPool(
                ssl_context=context,
                max_connections=limits.max_connections,
                max_keepalive_connections=limits.max_keepalive_connections,
                keepalive_expiry=limits.keepalive_expiry,
                network_backend=Backend(check),
            )

    return Transport


def client(
    check: Check | None,
    *,
    timeout: float,
    verify: ssl.SSLContext | bool = True,
    limits: httpx.Limits | None = None,
) -> httpx.Client:
    """An httpx client that connects only to addresses `check` gave for the URL's host
    (`None`: any address, private targets being allowed); no redirects, no proxy from the
    environment."""
    import httpx  # noqa: PLC0415 - see the TYPE_CHECKING import

    limits = limits or httpx.Limits()
    context = verify if isinstance(verify, ssl.SSLContext) else default_context(verify)
    transport: httpx.HTTPTransport
    if check is None:
        transport = httpx.HTTPTransport(verify=context, trust_env=False, limits=limits)
    else:
        transport = _pinned_transport()(check, context, limits)
    return httpx.Client(
        transport=transport, timeout=timeout, follow_redirects=False, trust_env=False
    )


# -- name resolution while a channel sends (Apprise) -----------------------------------------

_GUARD: contextvars.ContextVar[tuple[Check, list[ValidationError]] | None]
_GUARD = contextvars.ContextVar("preavis_pinned_resolution", default=None)


def _getaddrinfo(
    host: bytes | str | None,
    port: bytes | str | int | None,
    family: int = 0,
    type: int = 0,
    proto: int = 0,
    flags: int = 0,
) -> list[Any]:
    guard = _GUARD.get()
    if guard is None or host is None:
        return _REAL_GETADDRINFO(host, port, family, type, proto, flags)
    check, refused = guard
    name = host.decode("idna") if isinstance(host, bytes) else host
    number = port if isinstance(port, int) else _port(port)
    token = _GUARD.set(None)  # the resolver itself resolves for real
    try:
        addresses = check(name, number)
    except ValidationError as exc:
        refused.append(exc)
        raise socket.gaierror(socket.EAI_NONAME, str(exc)) from exc
    finally:
        _GUARD.reset(token)
    infos: list[Any] = []
    for address in addresses:
        try:
            numeric = flags | socket.AI_NUMERICHOST
            infos += _REAL_GETADDRINFO(address, port, family, type, proto, numeric)
        except socket.gaierror:
            continue  # not of the family asked for
    if not infos:
        raise socket.gaierror(socket.EAI_NONAME, f"{name}: no checked address of that family")
    return infos


def _port(port: bytes | str | None) -> int:
    text = port.decode() if isinstance(port, bytes) else (port or "0")
    if text.isdigit():
        return int(text)
    try:
        return socket.getservbyname(text, "tcp")
    except OSError:
        return 0


@contextmanager
def resolving_only_checked(check: Check | None) -> Iterator[list[ValidationError]]:
    """While inside, names resolved in this context (and in threads that copy it) give only
    addresses `check` allowed; the refusals met are gathered in the list given."""
    refused: list[ValidationError] = []
    if check is None:
        yield refused
        return
    if socket.getaddrinfo is not _getaddrinfo:
        socket.getaddrinfo = _getaddrinfo  # the same answers outside a guarded context
    token = _GUARD.set((check, refused))
    try:
        yield refused
    finally:
        _GUARD.reset(token)
