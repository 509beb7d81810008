"""Injection: hostile text in every text field through the admin API. A refusal must be a 422
naming the field; what is accepted is published and every output is fetched and parsed (HTML,
the SVG in the page, Atom, iCalendar split on any CR/LF, JSON)."""

from __future__ import annotations

import json
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import Any

import icalendar

from .common import Client, Product, Result

CONTROLS = [f"a{chr(c)}b" for c in range(32)]
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "x\r\nBEGIN:VEVENT\r\nSUMMARY:injected",
    "x\rBEGIN:VEVENT\rSUMMARY:injected",
    "x\nBEGIN:VEVENT\nSUMMARY:injected",
    "]]><injected/>",
    "Tom & Jerry &amp; <b>",
    "\u202egnp.exe \u202d",
    "é" * 4000,
    "x" * 4001,
    *CONTROLS,
]
QUICK = [PAYLOADS[i] for i in (0, 1, 2, 3, 5, 6, 7, 9)] + [CONTROLS[0], CONTROLS[1], CONTROLS[31]]
FIELDS = ("group name", "service name", "title", "summary", "description", "reason")


def label(payload: str) -> str:
    return repr(payload[:24]) + ("…" if len(payload) > 24 else "")


class Tags(HTMLParser):
    """Start tags that only an injection would put there: event-handler attributes, scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, _ in attrs:
            if name.lower().startswith("on"):
                self.bad.append(f"<{tag} {name}=…>")
        if tag == "injected":
            self.bad.append("<injected>")
        self.in_script = tag == "script"

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert(" in data:
            self.bad.append("<script>alert(…)")


def check_html(body: str, payload: str) -> list[str]:
    problems = []
    if any(c in payload for c in "<>") and payload in body:
        problems.append("payload unescaped in HTML")
    parser = Tags()
    parser.feed(body)
    problems += [f"injected tag {t}" for t in parser.bad]
    for svg in re.findall(r"<svg\b.*?</svg>", body, flags=re.DOTALL):
        try:
            ET.fromstring(svg)
        except ET.ParseError as exc:
            problems.append(f"inline SVG does not parse: {exc}")
    return problems


def check_atom(body: str, payload: str) -> list[str]:
    try:
        root = ET.fromstring(body.encode())
    except ET.ParseError as exc:
        return [f"Atom does not parse: {exc}"]
    return ["injected element in Atom"] if any(e.tag == "injected" for e in root.iter()) else []


def check_ics(body: str, payload: str) -> list[str]:
    try:
        calendar = icalendar.Calendar.from_ical(body)
    except Exception as exc:  # icalendar raises ValueError and others
        return [f".ics does not parse: {exc!r}"[:200]]
    events = len(list(calendar.walk("VEVENT")))
    lines = re.split(r"\r\n|\r|\n", body)
    problems = []
    begins = sum(1 for line in lines if line.startswith("BEGIN:VEVENT"))
    if begins != events:
        problems.append(f".ics split on CR/LF has {begins} BEGIN:VEVENT lines for {events} events")
    if any(line.startswith("SUMMARY:injected") for line in lines):
        problems.append(".ics has an injected SUMMARY line")
    return problems


def check_json(body: str, payload: str) -> list[str]:
    try:
        json.loads(body)
    except ValueError as exc:
        return [f"JSON does not parse: {exc}"]
    return []


class Injection:
    def __init__(self, product: Product) -> None:
        self.product = product
        self.client: Client = product.client()
        self.token = product.tokens["admin"]
        self.checks = 0
        self.refused = 0
        self.accepted = 0
        self.failures: list[str] = []
        self.placed: list[tuple[str, str, str, dict[str, str] | None]] = []

    def call(self, method: str, path: str, body: Any = None) -> Any:
        answer = self.client.request(method, path, body=body, token=self.token)
        if answer.status >= 500:
            self.failures.append(f"{method} {path} -> {answer.status} {answer.text[:120]!r}")
        return answer

    def place(self, payload: str, field: str, method: str, path: str, body: Any) -> bool:
        """Send one field carrying the payload; True if accepted. A refusal must name the field."""
        answer = self.call(method, path, body)
        if answer.status in (200, 201):
            self.accepted += 1
            return True
        self.refused += 1
        named = False
        if answer.status == 422:
            with_details = answer.json().get("error", {}).get("details") or []
            key = field.rsplit(maxsplit=1)[-1]
            named = any(key in str(d.get("field", "")) for d in with_details if isinstance(d, dict))
        if not named:
            self.failures.append(
                f"{field} {label(payload)}: refused with {answer.status} not naming it: "
                f"{answer.text[:160]!r}"
            )
        return False

    def one(self, n: int, payload: str) -> None:
        text = {"fr": payload, "en": payload}
        safe = {"fr": f"Sûr {n}", "en": f"Safe {n}"}
        group, service, slug = f"inj-g{n}", f"inj-s{n}", f"inj-m{n}"
        if not self.place(
            payload, "group name", "PUT", f"/api/v1/admin/groups/{group}", {"name": text}
        ):
            self.call("PUT", f"/api/v1/admin/groups/{group}", {"name": safe})
        svc = {"slug": service, "group": group, "channel": "online"}
        if not self.place(
            payload, "service name", "POST", "/api/v1/admin/services", {**svc, "name": text}
        ):
            self.call("POST", "/api/v1/admin/services", {**svc, "name": safe})
        start = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=2 + n)
        window = {
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=3)).isoformat(),
        }
        item = {"service": service, "impact": "limited", **window, "description": safe}
        made = self.call(
            "POST",
            "/api/v1/admin/maintenances",
            {
                "slug": slug,
                "title": safe,
                "summary": safe,
                "timezone": "America/Toronto",
                "interruptions": [item],
            },
        )
        if made.status != 201:
            self.failures.append(
                f"{label(payload)}: the carrier maintenance was refused: "
                f"{made.status} {made.text[:160]!r}"
            )
            return
        base = f"/api/v1/admin/maintenances/{slug}"
        key = made.json()["interruptions"][0]["key"]
        title_ok = self.place(payload, "title", "PATCH", base, {"title": text})
        self.place(payload, "summary", "PATCH", base, {"summary": text})
        self.place(
            payload,
            "description",
            "PUT",
            f"{base}/interruptions/{key}",
            {"interruption": {**item, "description": text}},
        )
        self.place(payload, "reason", "PATCH", base, {"reason": payload})
        published = self.call("POST", f"{base}/publish", {})
        if published.status != 200:
            self.failures.append(
                f"{label(payload)}: publish refused: {published.status} {published.text[:160]!r}"
            )
        self.placed.append((payload, slug, service, text if title_ok else None))

    def outputs(self) -> None:
        """Once everything is visible: each payload's own outputs, and the site-wide ones."""
        if not self.placed:
            return
        last = self.placed[-1][1]
        deadline = time.monotonic() + 10  # the public cache follows the data within about a second
        while time.monotonic() < deadline:
            if self.client.request("GET", f"/api/v1/maintenances/{last}").status == 200:
                break
            time.sleep(0.1)
        every: list[tuple[str, Callable[[str, str], list[str]]]] = [("/fr/feeds", check_html)]
        for lang in ("fr", "en"):
            every += [
                (f"/{lang}/", check_html),
                (f"/{lang}/feed.atom", check_atom),
                (f"/{lang}/calendar.ics", check_ics),
            ]
        every += [
            ("/api/v1/services", check_json),
            ("/api/v1/status?lang=en", check_json),
            ("/api/v2/summary.json", check_json),
            ("/api/v2/scheduled-maintenances.json", check_json),
        ]
        for path, check in every:
            self.fetch(path, check, [p[0] for p in self.placed])
        for payload, slug, service, title in self.placed:
            own: list[tuple[str, Callable[[str, str], list[str]]]] = []
            for lang in ("fr", "en"):
                own += [
                    (f"/{lang}/maintenances/{slug}", check_html),
                    (f"/{lang}/services/{service}", check_html),
                    (f"/{lang}/services/{service}.atom", check_atom),
                    (f"/{lang}/maintenances/{slug}.ics", check_ics),
                    (f"/{lang}/services/{service}.ics", check_ics),
                ]
            own += [
                (f"/api/v1/maintenances/{slug}", check_json),
                (f"/api/v1/admin/maintenances/{slug}/history", check_json),
            ]
            for path, check in own:
                self.fetch(path, check, [payload])
            if title is not None:  # what was accepted comes back unchanged from the JSON API
                answer = self.client.request("GET", f"/api/v1/maintenances/{slug}")
                if answer.status == 200 and answer.json().get("title") != title:
                    self.failures.append(f"{label(payload)}: the title changed on its way out")

    def fetch(self, path: str, check: Callable[[str, str], list[str]], payloads: list[str]) -> None:
        token = self.token if path.startswith("/api/v1/admin") else None
        answer = self.client.request("GET", path, token=token)
        self.checks += len(payloads)
        if answer.status != 200:
            self.failures.append(f"GET {path}: {answer.status} {answer.text[:120]!r}")
            return
        seen: dict[str, list[str]] = {}
        for payload in payloads:
            for problem in check(answer.text, payload):
                seen.setdefault(problem, []).append(label(payload))
        for problem, labels in seen.items():  # a feed that no longer parses is one failure
            which = labels[0] if len(labels) == 1 else f"{len(labels)} payloads"
            self.failures.append(f"GET {path}: {problem} [{which}]")


def run(quick: bool) -> Result:
    payloads = QUICK if quick else PAYLOADS
    with Product() as product:
        product.setup()
        product.serve()
        injection = Injection(product)
        for n, payload in enumerate(payloads):
            injection.one(n, payload)
        injection.outputs()
        injection.client.close()
    figures = (
        f"{len(payloads)} payloads × {len(FIELDS)} fields: {injection.accepted} accepted, "
        f"{injection.refused} refused; {injection.checks} outputs parsed; "
        f"failures: {len(injection.failures)}"
    )
    return Result("injection", figures, injection.failures, details={"checks": injection.checks})
