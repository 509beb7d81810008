"""Which Host names get absolute links (PREAVIS_ALLOWED_HOSTS): a request's Host is part of
the cache key of feeds, calendars and the facade, so it must not be the client's choice."""

from __future__ import annotations


def hostname(host: str) -> str:
    """ "Example.org:8000" -> "example.org"; "[::1]:80" -> "[::1]"."""
    host = host.lower()
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if ":" in host else host


def allowed_hosts(configured: tuple[str, ...], public_url: str) -> tuple[str, ...]:
    """PREAVIS_ALLOWED_HOSTS ("*": any), else the host of PREAVIS_PUBLIC_URL with 127.0.0.1
    and localhost."""
    if "*" in configured:
        return ()  # any well-formed host, up to ORIGINS_MAX of them
    if configured:
        return tuple(hostname(h) for h in configured)
    own = (hostname(public_url.split("://", 1)[1].split("/", 1)[0]),) if public_url else ()
    return (*own, "127.0.0.1", "localhost", "[::1]")


def mail_base(public_url: str, configured: tuple[str, ...], base_url: str, host: str) -> str | None:
    """Where links in a mail may point: PREAVIS_PUBLIC_URL, else the request's own address
    when its Host is one the settings name (not "*"); None otherwise. A password link must
    never go to a host the client chose (reset poisoning)."""
    if public_url:
        return public_url.rstrip("/")
    if "*" in configured:
        return None
    return base_url.rstrip("/") if hostname(host) in allowed_hosts(configured, "") else None
