"""axe-core (bundled by axe-playwright-python) on every public and admin page, in French and
English, on a desktop and a phone, with the example and moments past, present and future; then
keyboard-only checks of the main flows. The findings of every run are written to
test-artifacts/axe-findings-*.md (rule, impact, page, count); the tests fail on any moderate,
serious or critical violation that EXCLUDED does not list with its reason.

The axe script is evaluated through the DevTools protocol (Playwright's `evaluate`), which the
pages' Content-Security-Policy (`script-src 'self'`) does not govern: the product's policy is
unchanged and the test needs no `bypass_csp`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from preavis.actions import maintenances, people
from preavis.actions.notifications import Mailer
from preavis.clock import FixedClock
from preavis.domain.access import Role
from preavis.domain.text import Text
from preavis.notify.senders import MemorySender
from preavis.settings import Settings
from preavis.web import site as site_module
from preavis.web.app import create_app
from tests.browser.conftest import ARTIFACTS, MOMENT, Live, free_port, published, serving

PASSWORD = "correct horse battery staple"
EXAMPLE = "mise-a-niveau-2025"
SERVICE = "ramassage-colis"
NOTICE = Path(__file__).with_name("reference_notice.txt")  # the shared seed, 28 rows
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
MOMENTS = {  # the example runs from June 22 to July 2, 2025; the site's clock says June 28
    "past": "2025-06-01T12:00-04:00",
    "during": "2025-06-30T19:00-04:00",
    "future": "2025-09-01T12:00-04:00",
}
SUBSCRIBE = {"fr": "abonnement", "en": "subscribe"}
# Serious and critical violations fail the tests, and so do moderate ones: none is left on our
# pages, and none may come back. Minor ones are only recorded.
BLOCKING = {"moderate", "serious", "critical"}
# Rules left out of the verdict, each with its reason (none: every rule counts).
EXCLUDED: dict[str, str] = {}
# Pages audited and recorded but left out of the verdict, each with its reason.
EXCLUDED_PAGES = {
    "/docs": "inside Swagger UI's own markup, which we do not change: a link inside each "
    "operation's button (nested-interactive) and its tags' heading levels (heading-order); "
    "our page around it (language, title, contrast) is checked in test_accessibility_more.py",
}
AXE = Axe()
# The rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices (landmarks,
# headings, regions); not AAA (enhanced contrast) nor the experimental rules.
RULES = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


@dataclass(frozen=True)
class Finding:
    page: str
    lang: str
    viewport: str
    rule: str
    impact: str
    nodes: int
    targets: str


FINDINGS: dict[str, list[Finding]] = {"public": [], "admin": [], "changed": []}


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """The example, published, one person per role, subscriptions mailed to memory."""
    url, store, ctx = published(tmp_path_factory.mktemp("axe") / "axe.db", PASSWORD)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    settings = Settings(database_url=url, secret_key="a" * 40, public_url=base)
    sender = MemorySender()
    mailer = Mailer.from_settings(settings, sender)
    app = create_app(settings, store=store, clock=FixedClock(MOMENT))
    with pytest.MonkeyPatch.context() as patch, serving(app, port):
        patch.setattr(site_module, "REFRESH", timedelta(0))  # writes seen at once
        yield Live(base, store, ctx, mailer, sender)
    store.dispose()


def audit(page: Any, side: str, name: str, lang: str, viewport: str) -> None:
    """axe on the page as it stands now; every violation recorded under `side`."""
    page.wait_for_load_state("load")
    results = AXE.run(page, options=RULES).response
    assert results["testEngine"]["name"] == "axe-core"
    assert len(results["passes"]) >= 5, name  # axe really looked at the page
    for v in results["violations"]:
        targets = "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:3])
        FINDINGS[side].append(Finding(name, lang, viewport, v["id"], v["impact"] or "",
                                      len(v["nodes"]), targets))  # fmt: skip


def write_table(side: str) -> Path:
    """The findings of one side as a Markdown table (rule, impact, pages, nodes)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"axe-findings-{side}.md"
    lines = ["| rule | impact | page | language | viewport | nodes | first targets |",
             "|---|---|---|---|---|---|---|"]  # fmt: skip
    for f in sorted(FINDINGS[side], key=lambda f: (f.rule, f.page, f.lang, f.viewport)):
        lines.append(f"| {f.rule} | {f.impact} | {f.page} | {f.lang} | {f.viewport} | "
                     f"{f.nodes} | `{f.targets.replace('|', '/')}` |")  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def blocking(side: str) -> list[Finding]:
    return [f for f in FINDINGS[side] if f.impact in BLOCKING and f.rule not in EXCLUDED
            and f.page not in EXCLUDED_PAGES]  # fmt: skip


# -- the public site ---------------------------------------------------------------------------


def public_pages(lang: str) -> dict[str, str]:
    at = {k: v.replace("+", "%2B") for k, v in MOMENTS.items()}
    return {
        "home": f"/{lang}/",
        "home ?at=past": f"/{lang}/?at={at['past']}",
        "home ?at=during": f"/{lang}/?at={at['during']}",
        "home ?at=future": f"/{lang}/?at={at['future']}",
        "archive": f"/{lang}/maintenances",
        "maintenance": f"/{lang}/maintenances/{EXAMPLE}",
        "maintenance ?at=past": f"/{lang}/maintenances/{EXAMPLE}?at={at['past']}",
        "maintenance ?at=during": f"/{lang}/maintenances/{EXAMPLE}?at={at['during']}",
        "maintenance ?at=future": f"/{lang}/maintenances/{EXAMPLE}?at={at['future']}",
        "service": f"/{lang}/services/{SERVICE}",
        "service ?at=during": f"/{lang}/services/{SERVICE}?at={at['during']}",
        "service ?at=past": f"/{lang}/services/{SERVICE}?at={at['past']}",
        "feeds": f"/{lang}/feeds",
        "widget": f"/{lang}/widget",
        "service widget": f"/{lang}/services/{SERVICE}/widget",
        "404 unknown page": f"/{lang}/nowhere",
        "404 unknown service": f"/{lang}/services/nothing-here",
        "422 ?at=garbage": f"/{lang}/?at=garbage",
        "choice: repeated local time": f"/{lang}/?when=2025-11-02T01:30&tz=America/Toronto",
        "subscribe: bad link": f"/{lang}/{SUBSCRIBE[lang]}/unsubscribe?token=nope",
    }


def subscribe_flow(
    page: Any, live: Live, check: Callable[[str], None], lang: str, tag: str
) -> None:
    """The form, a refused address, the message, the confirmation, the preferences, the
    unsubscribe question and its answer: each page audited."""
    page.goto(f"{live.url}/{lang}/{SUBSCRIBE[lang]}")
    check("subscribe: form")
    page.fill("#email", "not an address")
    page.evaluate("document.querySelector('#email').type = 'text'")  # past the browser's check
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    check("subscribe: refused address (422)")
    page.fill("#email", f"axe-{lang}-{tag}@example.org")
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector("main p[role=status]")
    check("subscribe: mail sent")
    link = re.search(r"http://\S+/confirm\?token=\S+", live.mail_text())
    assert link is not None
    page.goto(link[0])
    check("subscribe: confirmed")
    page.locator("main a[href*='/preferences?token=']").click()
    page.wait_for_selector("#timezone")
    check("subscribe: preferences")
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector("main p[role=status]")
    check("subscribe: preferences saved")
    page.locator("main a[href*='/unsubscribe?token=']").click()
    page.wait_for_selector("main form button[type=submit]")
    check("subscribe: unsubscribe question")
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector("main p[role=status]")
    check("subscribe: unsubscribed")


def test_axe_finds_what_it_should_on_a_spoiled_page(page: Any, live: Live) -> None:
    """The audit can fail: an image without text and an unlabelled field, planted in a real
    page, are reported (so a clean result is axe's verdict, not a blind spot)."""
    page.goto(f"{live.url}/en/")
    page.evaluate("""() => { const m = document.querySelector('main');
        m.insertAdjacentHTML('beforeend', '<img src="/static/site.css"><input id="bare">'); }""")
    results = AXE.run(page, options=RULES).response
    rules = {v["id"] for v in results["violations"]}
    assert {"image-alt", "label"} <= rules, rules


def test_axe_on_every_public_page(page: Any, live: Live) -> None:
    for viewport, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        for lang in ("fr", "en"):

            def check(name: str, lang: str = lang, viewport: str = viewport) -> None:
                audit(page, "public", name, lang, viewport)

            for name, path in public_pages(lang).items():
                page.goto(f"{live.url}{path}")
                check(name)
            subscribe_flow(page, live, check, lang, viewport)
    page.set_viewport_size(VIEWPORTS["desktop"])
    for path in EXCLUDED_PAGES:
        page.goto(f"{live.url}{path}")
        page.wait_for_selector(".opblock")  # drawn by its script
        audit(page, "public", path, "en", "desktop")
    table = write_table("public")
    assert blocking("public") == [], f"moderate, serious or critical violations: see {table}"


# -- the admin ---------------------------------------------------------------------------------


def sign_in(page: Any, base: str, role: Role) -> None:
    page.goto(f"{base}/admin/login")
    page.fill("input[name=email]", f"{role.value}@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form[action='/admin/login'] button[type=submit]").click()
    page.wait_for_url(f"{base}/admin/")


ADMIN_SCREENS = {
    "dashboard": "/admin/",
    "maintenances": "/admin/maintenances",
    "new maintenance": "/admin/maintenances/new",
    "editor": f"/admin/maintenances/{EXAMPLE}",
    "history": f"/admin/maintenances/{EXAMPLE}/history",
    "publish checks (published)": f"/admin/maintenances/{EXAMPLE}/publish",
    "services and groups": "/admin/services",
    "import": "/admin/import",
    "people": "/admin/people",
    "tokens": "/admin/tokens",
    "subscribers": "/admin/subscribers",
    "deliveries": "/admin/deliveries",
    "webhooks and channels": "/admin/webhooks",
}


def signed_out_flow(page: Any, live: Live, check: Callable[[str], None], lang: str) -> None:
    page.goto(f"{live.url}/admin/lang/{lang}?next=/admin/login")
    check("sign-in")
    page.fill("input[name=email]", "nobody@example.org")
    page.fill("input[name=password]", "not the password")
    page.locator("form[action='/admin/login'] button[type=submit]").click()
    page.wait_for_load_state("load")
    check("sign-in refused (401)")
    page.goto(f"{live.url}/admin/forgot")
    check("forgot password")
    page.fill("input[name=email]", "nobody@example.org")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    check("forgot password: sent")
    link = people.reset_link(live.ctx, email="viewer@example.org")
    page.goto(f"{live.url}/admin/password/{link}")
    check("set a password")
    page.fill("#password", "short")
    page.fill("#password2", "short")
    page.evaluate("document.querySelector('main form').noValidate = true")  # the server says
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    check("set a password: refused")


def signed_in_flow(
    page: Any, live: Live, check: Callable[[str], None], lang: str, tag: str
) -> None:
    page.goto(f"{live.url}/admin/lang/{lang}?next=/admin/")
    for name, path in ADMIN_SCREENS.items():
        page.goto(f"{live.url}{path}")
        check(name)
    # The editor refusing a form: errors tied to their fields.
    page.goto(f"{live.url}/admin/maintenances/new")
    page.fill("#slug", "Not A Slug")
    page.fill("#r0_start", "2025-07-10T20:00")
    page.locator("form.editor button[type=submit]:not(.secondary)").click()
    page.wait_for_load_state("load")
    check("new maintenance: refused (errors)")
    # Import: a pasted notice, its review, saved as a draft, then its publish checks.
    page.goto(f"{live.url}/admin/import")
    page.fill("#notice", NOTICE.read_text(encoding="utf-8"))
    page.fill("#year", "2025")
    page.locator("form[action='/admin/import'] button[type=submit]").click()
    page.wait_for_selector("li.import-row")
    check("import review")
    slug = f"axe-{lang}-{tag}"
    page.fill("#slug", slug)
    page.locator("p.actions button[type=submit]").click()
    page.wait_for_url(f"**/admin/maintenances/{slug}?saved=1")
    check("editor: imported draft saved")
    page.goto(f"{live.url}/admin/maintenances/{slug}/publish")
    check("publish checks (blocking)")
    page.goto(f"{live.url}/admin/maintenances/{slug}/history")
    check("history: imported draft")
    # Screens holding what was just made: a person's link, a token's secret, subscribers.
    page.goto(f"{live.url}/admin/people")
    page.fill("#email", f"new-{lang}-{tag}@example.org")
    page.fill("#name", "New Person")
    page.uncheck("input[name=mail]")
    page.locator("form[action='/admin/people'] button[type=submit]").click()
    page.wait_for_selector("code.secret")
    check("people: link shown")
    page.goto(f"{live.url}/admin/tokens")
    page.fill("#name", f"axe-{lang}-{tag}")
    page.locator("form[action='/admin/tokens'] button[type=submit]").click()
    page.wait_for_load_state("load")
    check("tokens: secret shown")
    page.goto(f"{live.url}/admin/subscribers")
    page.fill("#csv", f"email,language,services\nann-{lang}-{tag}@example.org,fr,\n"
                      f"bob-{lang}-{tag}@example.org,en,{SERVICE}\n")  # fmt: skip
    page.locator("form[action='/admin/subscribers/import'] button[type=submit]").click()
    page.wait_for_selector("p.banner")
    check("subscribers: imported")


def test_axe_on_every_admin_page(browser: Any, live: Live) -> None:
    for viewport, size in VIEWPORTS.items():
        for lang in ("fr", "en"):
            context = browser.new_context(viewport=size)
            page = context.new_page()

            def check(
                name: str, lang: str = lang, viewport: str = viewport, page: Any = page
            ) -> None:
                audit(page, "admin", name, lang, viewport)

            signed_out_flow(page, live, check, lang)
            sign_in(page, live.url, Role.ADMIN)
            signed_in_flow(page, live, check, lang, viewport)
            context.close()
    table = write_table("admin")
    assert blocking("admin") == [], f"moderate, serious or critical violations: see {table}"


# -- the keyboard alone ------------------------------------------------------------------------

# Number every element the Tab key should reach, in document order (no page of ours sets a
# positive tabindex, so that is the Tab order): visible, enabled, not hidden; of a group of
# radio buttons only the checked one (or the first), as browsers do.
TABBABLES = """() => {
  const seen = new Set(); let n = 0;
  for (const e of document.querySelectorAll(
      'a[href], button, input, select, textarea, summary, [tabindex]')) {
    if (e.disabled || e.type === 'hidden' || e.tabIndex < 0) continue;
    if (!e.getClientRects().length || getComputedStyle(e).visibility === 'hidden') continue;
    if (e.closest('details:not([open])') && e.tagName !== 'SUMMARY') continue;
    if (e.type === 'radio') {
      const group = e.form ? e.form.elements[e.name] : [e];
      const pick = [...group].find(r => r.checked) || group[0];
      if (pick !== e || seen.has(e.name)) continue;
      seen.add(e.name);
    }
    e.dataset.kbd = String(n++);
  }
  return n; }"""

# What the focused element is, and whether its focus shows: an outline or a ring, inside the
# window once the browser has scrolled to it.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
    || (s.boxShadow && s.boxShadow !== 'none');
  const inside = r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  return {k: e.dataset.kbd === undefined ? -1 : Number(e.dataset.kbd), ring, inside,
          what: e.tagName + (e.id ? '#' + e.id : '') + ' '
            + (e.innerText || e.name || '').slice(0, 40)};
}"""


def walk(page: Any) -> list[dict[str, Any]]:
    """Tab from the top of the page until the focus leaves it; what got the focus, in order.
    A date and time field takes one Tab per part (day, month, year, hours, minutes…): it is
    counted once, where the focus arrives."""
    count = page.evaluate(TABBABLES)
    assert count > 0
    parts = page.evaluate("document.querySelectorAll('input[type=datetime-local]').length")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.evaluate("window.scrollTo(0, 0)")
    steps: list[dict[str, Any]] = []
    limit = count + 6 * parts + 3
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (steps and focused["k"] == 0):
            break  # out of the page, or round to its first link: nothing held the focus
        if not steps or steps[-1]["k"] != focused["k"]:
            steps.append(focused)
    else:
        pytest.fail(f"the focus never left the page after {limit} Tabs: {steps[-3:]}")
    assert [s["k"] for s in steps] == list(range(count)), [s["what"] for s in steps]
    assert [s["what"] for s in steps if not s["ring"]] == []  # focus always visible
    assert [s["what"] for s in steps if not s["inside"]] == []  # and scrolled into view
    return steps


def test_the_public_pages_by_keyboard(page: Any, live: Live) -> None:
    """Tab reaches every link and control of the home, maintenance, service and subscribe
    pages in order, each visibly focused, and then leaves the page (no trap), in both
    languages, on a desktop and a phone."""
    for viewport, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        for lang in ("fr", "en"):
            for path in (f"/{lang}/", f"/{lang}/maintenances/{EXAMPLE}",
                         f"/{lang}/services/{SERVICE}", f"/{lang}/{SUBSCRIBE[lang]}"):  # fmt: skip
                page.goto(f"{live.url}{path}")
                steps = walk(page)
                skip = "A Aller au contenu" if lang == "fr" else "A Skip to content"
                assert steps[0]["what"] == skip, (viewport, path)  # the skip link first


def test_the_timeline_facts_without_the_chart(page: Any, live: Live) -> None:
    """The chart is one image (nothing in it takes the focus); each of its bars, service,
    impact and window, is a row of the table below it, which the keyboard reaches."""
    page.set_viewport_size(VIEWPORTS["desktop"])
    for lang in ("fr", "en"):
        page.goto(f"{live.url}/{lang}/maintenances/{EXAMPLE}")
        chart = page.locator("svg.gantt")
        assert chart.get_attribute("role") == "img"
        assert chart.locator("a, [tabindex]").count() == 0
        bars = [t.text_content() or "" for t in chart.locator("g.bar > title").all()]
        assert len(bars) == 28
        rows = [
            " ".join((r.text_content() or "").split())
            for r in page.locator("section[aria-labelledby=table-title] tbody tr").all()
        ]
        for bar in bars:
            name, impact, window = (" ".join(p.split()) for p in bar.rsplit(" — ", 2))
            said = [r.casefold() for r in rows if r.startswith(name)]
            assert any(impact.casefold() in r and window.casefold() in r for r in said), bar
        # The table's service links are in the Tab order.
        page.evaluate(TABBABLES)
        links = page.locator("section[aria-labelledby=table-title] tbody a[data-kbd]")
        assert links.count() == 28


def test_subscribe_and_sign_in_with_the_keyboard_alone(page: Any, live: Live) -> None:
    """The two forms the public and staff fill most, typed and sent without a mouse."""
    page.goto(f"{live.url}/en/{SUBSCRIBE['en']}")
    page.evaluate(TABBABLES)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "email":
            break
    page.keyboard.type("keys-only@example.org")
    page.keyboard.press("Enter")  # submits the form from its field
    page.wait_for_selector("main p[role=status]")
    assert "inbox" in page.locator("main p[role=status]").inner_text()

    page.goto(f"{live.url}/admin/lang/en?next=/admin/login")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "email":
            break
    page.keyboard.type("editor@example.org")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live.url}/admin/")
    assert page.locator("h1").inner_text() == "Dashboard"


def test_the_admin_screens_by_keyboard(browser: Any, live: Live) -> None:
    """Tab reaches every control of the dashboard, the editor (28 rows and the blank ones)
    and the people screen in order, each visibly focused, and then leaves the page: in French
    on a desktop, in English on a phone (the language changes no control; the suite's time)."""
    for lang, viewport in (("fr", "desktop"), ("en", "phone")):
        context = browser.new_context(viewport=VIEWPORTS[viewport])
        page = context.new_page()
        sign_in(page, live.url, Role.ADMIN)
        page.goto(f"{live.url}/admin/lang/{lang}?next=/admin/")
        for path in ("/admin/", f"/admin/maintenances/{EXAMPLE}", "/admin/people"):
            page.goto(f"{live.url}{path}")
            assert page.locator("html").get_attribute("lang") == f"{lang}-CA"
            walk(page)
        context.close()


def test_the_keyboard_walk_fails_on_a_hidden_focus_or_a_skipped_link(page: Any, live: Live) -> None:
    """The walk above can fail: a link whose focus is not drawn, and a link taken out of the
    Tab order, planted in the real home page, are each caught."""
    page.goto(f"{live.url}/en/")
    page.evaluate("document.querySelector('nav a').style.outline = 'none'")
    with pytest.raises(AssertionError, match="A Home"):
        walk(page)
    page.goto(f"{live.url}/en/")
    # A positive tabindex: that link comes first, out of the document's order.
    page.evaluate("document.querySelector('footer a, main a').tabIndex = 5")
    with pytest.raises(AssertionError):
        walk(page)


# -- last: the maintenance changed ------------------------------------------------------------


CHANGED = {"home", "home ?at=during", "archive", "maintenance", "maintenance ?at=during", "service"}


def test_axe_on_an_extended_then_cancelled_maintenance(browser: Any, live: Live) -> None:
    """The pages whose words and badges change with the maintenance: extended with a public
    note ("Prolongée" / "Extended", the notes), then cancelled (the struck-through badge, the
    cancelled notice). Last: every test above needs it as published. One browser context per
    state, so that no page comes from the browser's cache."""
    end = datetime.fromisoformat("2025-07-03T07:00-04:00")  # a day later than announced
    one_more_day = Text("Un jour de plus.", "One more day.")
    maintenances.extend(live.ctx, slug=EXAMPLE, ends_at=end, reason="axe", note=one_more_day)
    for state in ("extended", "cancelled"):
        if state == "cancelled":
            postponed = Text("Annulée : reportée.", "Cancelled: postponed.")
            maintenances.cancel(live.ctx, slug=EXAMPLE, reason="axe", note=postponed)
        for viewport, size in VIEWPORTS.items():
            context = browser.new_context(viewport=size)
            page = context.new_page()
            for lang in ("fr", "en"):
                for name, path in public_pages(lang).items():
                    if name in CHANGED:
                        page.goto(f"{live.url}{path}")
                        audit(page, "changed", f"{name} ({state})", lang, viewport)
                page.goto(f"{live.url}/{lang}/maintenances/{EXAMPLE}")
                notes = page.locator("ul.notes").inner_text()
                assert ("One more day." if lang == "en" else "Un jour de plus.") in notes
                assert page.locator("h1 .badge.cancelled").count() == (state == "cancelled")
            context.close()
    table = write_table("changed")
    assert blocking("changed") == [], f"moderate, serious or critical violations: see {table}"
