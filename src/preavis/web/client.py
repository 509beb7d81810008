"""Who is asking, as a proxy in front of Préavis sees it: the client's address and scheme.

Behind a reverse proxy every request comes from the proxy's address over plain HTTP; with
PREAVIS_TRUST_PROXY the proxy's X-Forwarded-For / X-Forwarded-Proto say who and how. Without
it those headers are ignored (anyone could send them)."""

from __future__ import annotations

from starlette.requests import Request


def _trusted(request: Request) -> bool:
    return bool(getattr(request.app.state.settings, "trust_proxy", False))


def client_address(request: Request) -> str:
    """The address that throttles and consent records count: the nearest client the proxy
    saw (the last X-Forwarded-For entry, which the proxy itself wrote), else the peer."""
    if _trusted(request):
        forwarded = request.headers.get("x-forwarded-for", "")
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-1][:64]
    return request.client.host if request.client else "unknown"


def is_https(request: Request) -> bool:
    """Whether the visitor's connection is HTTPS (as the trusted proxy says, if there is one)."""
    if request.url.scheme == "https":
        return True
    if _trusted(request):
        proto = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
        return proto == "https"
    return False
