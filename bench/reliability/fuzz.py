"""Fuzz: every admin route in /openapi.json × roles (none, viewer, editor, admin) × hostile
inputs, plus every public path with hostile queries and paths. Counts 5xx (target 0), a viewer
answered anything but 403 on a write route, and no token answered anything but 401."""

from __future__ import annotations

import copy
import json
import random
from collections import Counter
from collections.abc import Iterator
from typing import Any

from .common import EXAMPLE, Product, Result, postgres_or_none

EDGE_INSTANTS = [
    "0001-01-01T00:00+01:00",
    "9999-12-31T23:00-05:00",
    "0001-01-01T00:00Z",
    "9999-12-31T00:00Z",
    "2025-02-30T10:00-04:00",
    "2025-06-30T25:00-04:00",
    "1700000000",
    "",
]
STRINGS = [
    "a\x00b",
    "".join(chr(c) for c in range(32)),
    "x\r\nBEGIN:VEVENT",
    "\u202eevil\u202c é漢字🙂",
    "x" * 100_000,
]
WRONG_TYPES: list[Any] = [123, -1, 2**70, 1.5, True, None, [], {}, ["x"], {"fr": 1}]
SERVICE = "boutique-en-ligne"
# Inside the example's announced window, so an interruption added to it is valid.
WINDOW = {
    "starts_at": "2025-06-28T10:00-04:00",
    "ends_at": "2025-06-28T12:00-04:00",
    "at": "2025-06-28T10:30-04:00",
}
TARGET = {"starts_at": "2025-06-28T10:00-04:00", "ends_at": "2025-06-28T11:00-04:00"}
GROUP = "comptes"
ROLES_FUZZED = ("none", "viewer", "editor", "admin")
# Paths outside /openapi.json (the cached front); {slug}/{service} are filled in.
PUBLIC_PAGES = [
    "/",
    "/{lang}/",
    "/{lang}/feeds",
    "/{lang}/calendar.ics",
    "/{lang}/feed.atom",
    "/{lang}/maintenances/{slug}",
    "/{lang}/maintenances/{slug}.ics",
    "/{lang}/services/{service}",
    "/{lang}/services/{service}.ics",
    "/{lang}/services/{service}.atom",
    "/static/site.css",
    "/docs",
    "/openapi.json",
]


def resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def sample(spec: dict[str, Any], schema: dict[str, Any], name: str, unique: str) -> Any:
    """A plausible valid value for a schema: a body the route would accept, to mutate."""
    schema = resolve(spec, schema)
    if "anyOf" in schema:
        options = [s for s in schema["anyOf"] if resolve(spec, s).get("type") != "null"]
        return sample(spec, options[0], name, unique) if options else None
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        required = set(schema.get("required", []))
        body = {}
        for key, sub in schema.get("properties", {}).items():
            if key in required or key in {
                "fr",
                "en",
                "title",
                "name",
                "interruptions",
                "slug",
                "notice",
            }:
                body[key] = sample(spec, sub, key, unique)
        return body
    if kind == "array":
        if name == "interruptions":
            return [sample(spec, schema["items"], "interruption", unique)]
        return []
    if kind == "integer":
        return int(schema.get("minimum", 1)) if name != "year" else 2025
    if kind == "number":
        return 1.0
    if kind == "boolean":
        return False
    if schema.get("format") == "date-time":
        return WINDOW.get(name, WINDOW["starts_at"])
    if name == "service":
        return SERVICE
    if name == "group":
        return GROUP
    if name == "timezone":
        return "America/Toronto"
    if name == "role":
        return "viewer"
    if name in {"slug", "name"} and "pattern" in schema:
        return f"fuzz-{unique}"
    if name == "schedule":
        return "preavis: 1\n"
    if name == "notice":
        return "Maintenance le 10 juillet 2025 de 18 h à 20 h : Boutique en ligne indisponible."
    return f"Fuzz {unique}"


def leaves(body: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(body, dict):
        for key, value in body.items():
            yield from leaves(value, (*prefix, key))
    elif isinstance(body, list):
        for index, value in enumerate(body):
            yield from leaves(value, (*prefix, index))
    else:
        yield prefix, body


def replaced(body: Any, where: tuple[Any, ...], value: Any) -> Any:
    out = copy.deepcopy(body)
    target = out
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = value
    return out


def body_inputs(base: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """(label, request pieces) for every hostile body built on a valid one."""
    yield "valid body", {"body": base}
    yield "invalid JSON", {"raw": b'{"title": {"fr": '}
    yield "JSON null", {"raw": b"null"}
    yield "JSON list", {"raw": b"[1, 2]"}
    yield "JSON string", {"raw": b'"x"'}
    yield "lone surrogate", {"raw": json.dumps(base).replace('"', '"\\ud800', 1).encode()}
    yield "not UTF-8", {"raw": b'{"reason": "\xff\xfe"}'}
    yield "3 MB body", {"raw": b'{"reason": "' + b"x" * 3_000_000 + b'"}'}
    yield (
        "text/plain body",
        {"raw": json.dumps(base).encode(), "headers": {"Content-Type": "text/plain"}},
    )
    yield "unknown field", {"body": {**base, "zzz": 1} if isinstance(base, dict) else base}
    for where, value in leaves(base):
        if not where:
            continue
        label = ".".join(str(w) for w in where)
        for wrong in WRONG_TYPES:
            if type(wrong) is not type(value):
                yield f"{label}={json.dumps(wrong)[:20]}", {"body": replaced(base, where, wrong)}
        if isinstance(value, str):
            for text in STRINGS:
                yield f"{label}={text[:12]!r}…", {"body": replaced(base, where, text)}
            for instant in EDGE_INSTANTS:
                yield f"{label}={instant!r}", {"body": replaced(base, where, instant)}


def path_inputs(path: str, values: dict[str, str]) -> Iterator[tuple[str, str]]:
    def fill(**override: str) -> str:
        out = path
        if "/services/{slug}" in path or "/groups/{slug}" in path:
            kind = SERVICE if "/services/" in path else GROUP
            out = out.replace("{slug}", override.get("slug", kind))
        for key, value in {**values, **override}.items():
            out = out.replace("{" + key + "}", value)
        return out

    yield "known", fill()
    params = [p for p in values if "{" + p + "}" in path]
    for param in params:
        for label, value in [
            ("unknown", "no-such-thing"),
            ("%00", "a%00b"),
            ("%00 alone", "%00"),
            ("%0d%0a", "x%0d%0aSet-Cookie:%20a=b"),
            ("unicode", "%C3%A9t%C3%A9"),
            ("long", "x" * 5000),
            ("dot-dot", ".."),
        ]:
            yield f"{param} {label}", fill(**{param: value})


def query_inputs() -> Iterator[tuple[str, str]]:
    yield "12 params", "?" + "&".join(f"p{n}={n}" for n in range(12))
    yield "%00 query", "?state=%00&at=%00"
    for instant in EDGE_INSTANTS[:4]:
        yield f"at={instant}", "?at=" + instant.replace("+", "%2B")


class Fuzz:
    def __init__(self, product: Product, quick: bool, seed: int = 8) -> None:
        self.product = product
        self.quick = quick
        self.rnd = random.Random(seed)
        self.client = product.client()
        self.per_route: Counter[str] = Counter()
        self.server_errors: list[str] = []
        self.viewer_not_403: list[str] = []
        self.none_not_401: list[str] = []
        self.counter = 0

    def send(self, route: str, label: str, method: str, path: str, **pieces: Any) -> int:
        self.per_route[route] += 1
        try:
            answer = self.client.request(method, path, **pieces)
        except OSError as exc:
            self.server_errors.append(f"{route} [{label}]: no answer ({exc})")
            return 0
        if answer.status >= 500:
            self.server_errors.append(f"{route} [{label}] -> {answer.status} {answer.text[:160]!r}")
        return answer.status

    def values(self, path: str, role: str) -> dict[str, str]:
        """Path values that exist: for the editor a draft of its own, for the admin a published
        maintenance of its own (so that each route's checks are reached, not just a 409)."""
        admin = self.product.tokens["admin"]
        self.counter += 1
        slug, victim = EXAMPLE, "fuzz-victim"
        if role in ("editor", "admin") and "/maintenances/{slug}" in path:
            slug = f"fuzz-target-{self.counter}"
            item = {"service": SERVICE, "impact": "limited", **TARGET}
            item["description"] = {"fr": "Fermé.", "en": "Closed."}
            body = {"slug": slug, "title": {"fr": "Cible", "en": "Target"}}
            body |= {"timezone": "America/Toronto", "interruptions": [item]}
            self.client.request("POST", "/api/v1/admin/maintenances", body=body, token=admin)
            if role == "admin":
                self.client.request(
                    "POST", f"/api/v1/admin/maintenances/{slug}/publish", body={}, token=admin
                )
        if role == "admin" and "/tokens/{name}" in path:
            victim = f"fuzz-victim-{self.counter}"
            self.client.request(
                "POST", "/api/v1/admin/tokens", body={"name": victim, "role": "viewer"}, token=admin
            )
        detail = self.client.request("GET", f"/api/v1/admin/maintenances/{slug}", token=admin)
        key = detail.json()["interruptions"][0]["key"] if detail.status == 200 else "nokey"
        return {"slug": slug, "key": key, "name": victim, "lang": "fr", "service": SERVICE}

    def admin(self, spec: dict[str, Any]) -> None:
        for path, operations in spec["paths"].items():
            if not path.startswith("/api/v1/admin"):
                continue
            for method, operation in operations.items():
                for role in ROLES_FUZZED:
                    self.admin_route(spec, path, method.upper(), operation, role)

    def inputs(
        self, spec: dict[str, Any], path: str, operation: dict[str, Any], values: dict[str, str]
    ) -> list[tuple[str, str, dict[str, Any]]]:
        schema = (
            operation.get("requestBody", {})
            .get("content", {})
            .get("application/json", {})
            .get("schema")
        )
        has_if_match = any(p["name"] == "if-match" for p in operation.get("parameters", []))
        known = next(iter(path_inputs(path, values)))[1]

        def fresh() -> Any:  # a new valid body each time: slugs and names are not reused
            return sample(spec, schema, "", str(self.next())) if schema else None

        inputs: list[tuple[str, str, dict[str, Any]]] = []
        for label, filled in path_inputs(path, values):
            inputs.append((label, filled, {"body": fresh()} if schema else {}))
        if schema:
            inputs += [(label, known, pieces) for label, pieces in body_inputs(fresh())]
        inputs += [
            (label, known + query, {"body": fresh()} if schema else {})
            for label, query in query_inputs()
        ]
        if has_if_match:
            for tag in ['"r0"', '"r1"', "garbage", '"r99999999999999999999999"', "*", '"r1", "r2"']:
                inputs.append(
                    (
                        f"If-Match {tag!r}",
                        known,
                        {"body": fresh(), "headers": {"If-Match": tag}}
                        if schema
                        else {"headers": {"If-Match": tag}},
                    )
                )
        if self.quick:
            # A bounded sample, always including the valid body and the edge instants.
            must = [
                i
                for i in inputs
                if i[0] in {"valid body", "known", "invalid JSON"}
                or "0001-" in i[0]
                or "9999-" in i[0]
            ]
            rest = [i for i in inputs if i not in must]
            inputs = must[:5] + self.rnd.sample(rest, min(len(rest), 4))
        return inputs

    def next(self) -> int:
        self.counter += 1
        return self.counter

    def admin_route(
        self, spec: dict[str, Any], path: str, method: str, operation: dict[str, Any], role: str
    ) -> None:
        route = f"{method} {path}"
        write = method != "GET"
        token = self.product.tokens.get(role)
        for label, filled, pieces in self.inputs(spec, path, operation, self.values(path, role)):
            status = self.send(route, f"{role}, {label}", method, filled, token=token, **pieces)
            if role == "none" and status != 401:
                self.none_not_401.append(f"{route} [{label}] -> {status}")
            if role == "viewer" and write and status != 403:
                self.viewer_not_403.append(f"{route} [{label}] -> {status}")

    def public(self, spec: dict[str, Any]) -> None:
        paths = [p for p in spec["paths"] if not p.startswith("/api/v1/admin")]
        values = {"slug": EXAMPLE, "service": SERVICE, "lang": "fr", "name": "x", "key": "x"}
        for path in dict.fromkeys([*PUBLIC_PAGES, *paths]):
            route = f"GET {path}"
            for label, filled in path_inputs(path, values):
                if self.quick and label not in {"known", "slug %00", "service %00", "slug unknown"}:
                    continue
                self.send(route, label, "GET", filled)
            known = next(iter(path_inputs(path, values)))[1]
            for label, query in query_inputs():
                self.send(route, label, "GET", known + query)
            self.send(
                route, "If-None-Match garbage", "GET", known, headers={"If-None-Match": '"\x01"'}
            )
            self.send(
                route,
                "Accept-Language junk",
                "GET",
                known,
                headers={"Accept-Language": "zz;q=abc," * 50},
            )


def one_engine(url: str | None, quick: bool) -> Fuzz:
    with Product(url) as product:
        product.setup()
        product.serve()
        fuzz = Fuzz(product, quick)
        spec = fuzz.client.request("GET", "/openapi.json").json()
        fuzz.public(spec)  # before: the example as loaded
        fuzz.admin(spec)
        fuzz.public(spec)  # after: whatever the admin fuzzing managed to store
    return fuzz


def run(quick: bool, engines: str = "sqlite,postgresql") -> Result:
    """Quick: SQLite only; otherwise each engine named (PostgreSQL refuses what SQLite takes)."""
    parts, failures = [], []
    totals: Counter[str] = Counter()
    for engine in ("sqlite", "postgresql"):
        if engine not in (["sqlite"] if quick else engines.split(",")):
            continue
        with postgres_or_none(engine == "postgresql") as pg:
            if engine == "postgresql" and pg is None:
                parts.append("PostgreSQL: not available")
                continue
            fuzz = one_engine(pg.fresh_database() if pg else None, quick)
        requests = sum(fuzz.per_route.values())
        low = min(fuzz.per_route.values()) if fuzz.per_route else 0
        failures += [f"{engine} 5xx: {e}" for e in fuzz.server_errors]
        failures += [f"{engine} viewer not 403: {e}" for e in fuzz.viewer_not_403]
        failures += [f"{engine} no token not 401: {e}" for e in fuzz.none_not_401]
        totals.update(
            server_errors=len(fuzz.server_errors),
            viewer_not_403=len(fuzz.viewer_not_403),
            none_not_401=len(fuzz.none_not_401),
            requests=requests,
        )
        parts.append(
            f"{engine}: {requests} requests on {len(fuzz.per_route)} routes (≥{low} each), "
            f"5xx: {len(fuzz.server_errors)}, viewer≠403 on writes: {len(fuzz.viewer_not_403)}, "
            f"no token≠401: {len(fuzz.none_not_401)}"
        )
    return Result("fuzz", "; ".join(parts), failures, details=dict(totals))
