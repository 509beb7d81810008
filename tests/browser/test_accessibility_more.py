"""What the first axe audit (test_accessibility_axe.py) left out, with the same rules and the
same verdict (moderate, serious and critical violations fail): the admin as a viewer and as an
editor, the edit conflict (409), the history comparison, an import review with warnings and
the error state of every admin form; tablets (768 and 1024 px, portrait and landscape); the
printed page; forced colours with reduced motion; and /docs (our page around Swagger UI).
Screenshots and PDFs go to test-artifacts/ for a person to look at."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from preavis.actions import maintenances
from preavis.actions.notifications import Mailer
from preavis.clock import FixedClock
from preavis.domain.access import Role
from preavis.domain.maintenance import Maintenance
from preavis.domain.text import Text
from preavis.notify.senders import MemorySender
from preavis.settings import Settings
from preavis.web import site as site_module
from preavis.web.app import create_app
from tests.browser.conftest import ARTIFACTS, Live, free_port, published, serving, shot
from tests.browser.test_accessibility_axe import (
    ADMIN_SCREENS,
    AXE,
    EXAMPLE,
    FINDINGS,
    PASSWORD,
    RULES,
    SERVICE,
    audit,
    blocking,
    public_pages,
    sign_in,
    walk,
    write_table,
)

DEV = Path(__file__).resolve().parents[1] / "corpus" / "real" / "dev"
WARNED_NOTICE = DEV / "cbsa-tcc19-012-en.txt"  # read with warnings (see the import review test)
TABLETS = {
    "tablet 768 portrait": {"width": 768, "height": 1024},
    "tablet 1024 landscape": {"width": 1024, "height": 768},
    "tablet 1024 portrait": {"width": 1024, "height": 1366},
}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
for side in ("roles", "errors", "tablet"):
    FINDINGS.setdefault(side, [])


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """The example, published, one person per role; a draft copy of it to edit."""
    url, store, ctx = published(tmp_path_factory.mktemp("axe-more") / "axe.db", PASSWORD)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    settings = Settings(database_url=url, secret_key="b" * 40, public_url=base)
    sender = MemorySender()
    app = create_app(settings, store=store, clock=FixedClock(ctx.clock.now()))
    example, _ = maintenances.get_maintenance(ctx, slug=EXAMPLE)
    draft = Maintenance(slug="draft-copy", title=example.title, timezone=example.timezone,
                        interruptions=example.interruptions, summary=example.summary)  # fmt: skip
    maintenances.create_draft(ctx, maintenance=draft, reason="a draft to edit")
    untranslated = Text(example.title.fr, "")  # publishing it is blocked: no English title
    blocked = Maintenance(slug="draft-blocked", title=untranslated, timezone=example.timezone,
                          interruptions=example.interruptions[:2])  # fmt: skip
    maintenances.create_draft(ctx, maintenance=blocked, reason="a draft that cannot go out")
    with pytest.MonkeyPatch.context() as patch, serving(app, port):
        patch.setattr(site_module, "REFRESH", timedelta(0))
        yield Live(base, store, ctx, Mailer.from_settings(settings, sender), sender)
    store.dispose()


def signed(browser: Any, live: Live, role: Role, lang: str, size: dict[str, int]) -> Any:
    """A page of a new browser context, signed in as `role`, the admin in `lang`."""
    page = browser.new_context(viewport=size).new_page()
    sign_in(page, live.url, role)
    page.goto(f"{live.url}/admin/lang/{lang}?next=/admin/")
    return page


# How much wider than the window the page is (a sideways scroll); the boxes that scroll on
# purpose (a table in its role=region box, the notice's source) do not widen the page.
OVERFLOW = """() => document.documentElement.scrollWidth - document.documentElement.clientWidth"""


# Every control that cannot be used: disabled, or aria-disabled; and whether it says why.
DISABLED = """() => [...document.querySelectorAll('button[disabled], input[disabled], '
    + 'select[disabled], textarea[disabled], [aria-disabled=true]')]
  .map(e => ({what: e.tagName + ' ' + (e.innerText || e.name || ''),
              why: (e.getAttribute('aria-describedby') || '').split(' ')
                     .map(id => document.getElementById(id)).filter(Boolean)
                     .map(d => d.innerText.trim()).join(' ')}))"""


# -- 1. the admin as a viewer and as an editor -------------------------------------------------


def test_axe_and_keyboard_as_a_viewer_and_as_an_editor(browser: Any, live: Live) -> None:
    """Every screen a viewer and an editor reach from the admin's menu, and the ones they do
    not (the refusal page), in both languages, on a desktop and a phone: axe finds nothing
    that blocks; a read-only screen has no control it cannot use, and a disabled control
    says why; Tab goes through the dashboard and the maintenance in order, then out."""
    screens = dict(ADMIN_SCREENS) | {
        "draft": "/admin/maintenances/draft-copy",
        "draft: publish checks": "/admin/maintenances/draft-copy/publish",
    }
    for role in (Role.VIEWER, Role.EDITOR):
        for lang, viewport, size in (("fr", "desktop", DESKTOP), ("en", "desktop", DESKTOP),
                                     ("fr", "phone", PHONE)):  # fmt: skip
            page = signed(browser, live, role, lang, size)
            for name, path in screens.items():
                response = page.goto(f"{live.url}{path}")
                assert response is not None
                label = f"{role.value}: {name} ({response.status})"
                audit(page, "roles", label, lang, viewport)
                assert page.evaluate(OVERFLOW) <= 0, (label, lang, viewport)
                unusable = [d for d in page.evaluate(DISABLED) if not d["why"]]
                assert unusable == [], (label, lang, unusable)
                if role is Role.VIEWER and response.status == 200:
                    # read-only: no field to fill, no button but signing out
                    fields = page.locator("main input:not([type=hidden]), main textarea, "
                                          "main select:not(#from):not(#to), "
                                          "main button:not(.compare button)").count()  # fmt: skip
                    if name not in {"history", "draft: history"}:
                        assert fields == 0, (label, lang)
            if viewport == "desktop":
                for path in ("/admin/", f"/admin/maintenances/{EXAMPLE}",
                             "/admin/maintenances/draft-copy"):  # fmt: skip
                    page.goto(f"{live.url}{path}")
                    walk(page)
            if lang == "fr" and viewport == "desktop":
                page.goto(f"{live.url}/admin/maintenances/draft-copy")
                shot(page, f"a11y-{role.value}-draft")
                said = {Role.VIEWER: "(consultation)", Role.EDITOR: "(rédaction)"}[role]
                assert said in page.locator("header .signout").inner_text()
                if role is Role.VIEWER:  # the read-only table names each service
                    first = page.locator("main table.rows tbody tr td").first.inner_text()
                    assert first == "Boutique en ligne"
            page.context.close()
    table = write_table("roles")
    assert blocking("roles") == [], f"moderate, serious or critical violations: see {table}"


# -- 2. the conflict, the comparison, an import with warnings, every form refusing -------------


def conflict(browser: Any, live: Live, lang: str, size: dict[str, int], n: int) -> Any:
    """Two editors open the draft; the first saves; the second's save is refused (409) and
    shown with their change. The second editor's page, as it stands."""
    first = signed(browser, live, Role.EDITOR, lang, size)
    second = signed(browser, live, Role.PUBLISHER, lang, size)
    for page in (first, second):
        page.goto(f"{live.url}/admin/maintenances/draft-copy")
    first.fill("#title_en", f"Upgrade, first editor's title {n}")
    first.fill("#reason", "first")
    first.locator("form.editor p.actions button[type=submit]:not(.secondary)").click()
    first.wait_for_url("**?saved=1")
    first.context.close()
    second.fill("#title_en", f"Upgrade, second editor's title {n}")
    with second.expect_response(lambda r: r.request.method == "POST") as answer:
        second.locator("form.editor p.actions button[type=submit]:not(.secondary)").click()
    assert answer.value.status == 409
    second.wait_for_selector("#stale")
    return second


def form_errors(page: Any, live: Live, check: Callable[[str], None]) -> None:
    """Each admin form sent with what it must refuse; the page that says so, audited."""

    def send(form: str, name: str, fill: dict[str, str]) -> None:
        for selector, value in fill.items():
            page.fill(selector, value)
        page.evaluate(f'document.querySelector("{form}").noValidate = true')
        with page.expect_navigation():
            page.locator(f"{form} button[type=submit]").last.click()
        assert page.locator(".error, .field-error, [aria-invalid=true]").count() > 0, name
        check(name)

    page.goto(f"{live.url}/admin/maintenances/draft-copy")
    page.fill("#r0_start", "2025-07-10T20:00")
    page.fill("#r0_end", "2025-07-10T19:00")
    page.fill("#title_fr", "")
    page.locator("form.editor p.actions button[type=submit]:not(.secondary)").click()
    page.wait_for_selector("#form-errors")
    check("editor: refused (errors)")
    page.goto(f"{live.url}/admin/maintenances/draft-copy")
    page.locator("form[action$='/reschedule'] button[type=submit]").click()
    page.wait_for_load_state("load")
    check("decision: refused (no instant)")
    page.goto(f"{live.url}/admin/maintenances/draft-blocked/publish")
    [button] = page.evaluate(DISABLED)  # the one control it cannot use says why
    assert button["why"] and "Publi" in button["why"], button
    check("publish checks: blocked")
    page.goto(f"{live.url}/admin/services")
    send("form[action='/admin/services']", "services: refused slug", {"#new-slug": "Not A Slug"})
    send("form[action='/admin/groups']:has(#group-slug)", "groups: refused slug",
         {"#group-slug": "Not A Slug"})  # fmt: skip
    page.goto(f"{live.url}/admin/people")
    send("form[action='/admin/people']", "people: refused address", {"#email": "not-an-address"})
    page.goto(f"{live.url}/admin/tokens")
    send("form[action='/admin/tokens']", "tokens: refused name", {"#name": "Not A Name"})
    page.goto(f"{live.url}/admin/subscribers")
    send("form[action='/admin/subscribers/import']", "subscribers: refused file",
         {"#csv": "email,language\nnot an address,xx\n"})  # fmt: skip
    page.goto(f"{live.url}/admin/import")
    send("form[action='/admin/import']", "import: nothing to read", {"#notice": "   "})


def test_axe_on_the_conflict_history_import_warnings_and_every_form_refusing(
    browser: Any, live: Live
) -> None:
    """The second save of two editors (409) with both values, the history comparing the
    revisions, an import review with warnings, blocked publish checks and every admin form
    refusing its input: axe finds nothing that blocks, in French and English at 1280 px and
    in English on a phone."""
    for n, (lang, viewport, size) in enumerate(
        (("fr", "desktop", DESKTOP), ("en", "desktop", DESKTOP), ("en", "phone", PHONE))
    ):
        current = conflict(browser, live, lang, size, n)

        def check(name: str, lang: str = lang, viewport: str = viewport) -> None:
            audit(current, "errors", name, lang, viewport)  # noqa: B023 - called in this turn only

        check("editor: conflict (409)")
        assert current.evaluate(OVERFLOW) <= 0, (lang, viewport)
        if viewport == "desktop":
            shot(current, f"a11y-conflict-{lang}")
        # the history, comparing the two saves with the draft as created
        current.goto(f"{live.url}/admin/maintenances/draft-copy/history")
        assert current.locator("#difference table").count() >= 1
        check("history: comparison")
        current.goto(f"{live.url}/admin/import")
        current.fill("#notice", WARNED_NOTICE.read_text(encoding="utf-8"))
        current.fill("#year", "")
        current.locator("form[action='/admin/import'] button[type=submit]").click()
        current.wait_for_selector("li.import-row.warned")
        check("import review: warnings")
        current.context.close()
        current = signed(browser, live, Role.ADMIN, lang, size)
        form_errors(current, live, check)
        current.context.close()
    table = write_table("errors")
    assert blocking("errors") == [], f"moderate, serious or critical violations: see {table}"


# -- 3. tablets -------------------------------------------------------------------------------


def test_axe_on_tablets_public_and_admin(browser: Any, live: Live) -> None:
    """Every public page and admin screen at 768 px (portrait) and 1024 px (landscape and
    portrait), in both languages: axe finds nothing that blocks and no page scrolls sideways."""
    wide: list[tuple[str, str, str, int]] = []
    for viewport, size in TABLETS.items():
        for lang in ("fr", "en"):
            page = signed(browser, live, Role.ADMIN, lang, size)
            pages = {f"public: {k}": v for k, v in public_pages(lang).items()}
            pages |= {f"admin: {k}": v for k, v in ADMIN_SCREENS.items()}
            for name, path in pages.items():
                page.goto(f"{live.url}{path}")
                audit(page, "tablet", name, lang, viewport)
                extra = page.evaluate(OVERFLOW)
                if extra > 0:
                    wide.append((name, lang, viewport, extra))
            if lang == "fr":
                for name, path in (("home", "/fr/"), ("maintenance", f"/fr/maintenances/{EXAMPLE}"),
                                   ("editor", f"/admin/maintenances/{EXAMPLE}")):  # fmt: skip
                    page.goto(f"{live.url}{path}")
                    shot(page, f"a11y-{viewport.replace(' ', '-')}-{name}")
            page.context.close()
    table = write_table("tablet")
    assert blocking("tablet") == [], f"moderate, serious or critical violations: see {table}"
    assert wide == []


# -- 4. print ---------------------------------------------------------------------------------

PRINTED = {
    "home": "/{lang}/",
    "maintenance": f"/{{lang}}/maintenances/{EXAMPLE}",
    "service": f"/{{lang}}/services/{SERVICE}",
}
# What print shows of each part that matters: display, visibility and colour of the text.
STYLE = """(selector) => [...document.querySelectorAll(selector)].map(e => {
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  return {display: s.display, visibility: s.visibility, width: r.width, height: r.height,
          brk: s.breakInside}; })"""


def test_the_printed_status_maintenance_and_service_pages(page: Any, live: Live) -> None:
    """Printed (or saved as PDF), a page keeps what a reader needs — the title, every row of
    the interruption table with its badge's word, the timeline — and drops the navigation,
    the skip link and the moment picker. A PDF of each is written to test-artifacts/ to look
    at."""
    ARTIFACTS.mkdir(exist_ok=True)
    for lang in ("fr", "en"):
        for name, path in PRINTED.items():
            page.set_viewport_size(DESKTOP)
            page.goto(f"{live.url}{path.format(lang=lang)}")
            rows = page.locator("main table tbody tr").count()
            assert rows > 0
            page.emulate_media(media="print")
            page.pdf(path=str(ARTIFACTS / f"a11y-print-{name}-{lang}.pdf"), format="Letter",
                     print_background=True)  # fmt: skip
            page.screenshot(path=str(ARTIFACTS / f"a11y-print-{name}-{lang}.png"), full_page=True)
            for hidden in ("header nav", "a.skip", "form.picker", ".filter", "ul.footer-links"):
                for s in page.evaluate(STYLE, hidden):
                    assert s["display"] == "none", (name, hidden)
            shown = page.evaluate(STYLE, "main table tbody tr")
            assert len(shown) == rows and all(s["display"] != "none" and s["height"] > 0
                                              for s in shown), name  # fmt: skip
            assert {s["brk"] for s in shown} == {"avoid"}, name  # a row is never cut in two
            for badge in page.evaluate(STYLE, "main .badge"):
                assert badge["display"] != "none" and badge["visibility"] == "visible"
            if name == "maintenance":
                chart = page.evaluate(STYLE, "svg.gantt")
                assert chart and chart[0]["display"] != "none" and chart[0]["height"] > 100
                [figure] = page.evaluate(STYLE, "figure.timeline")
                assert figure["brk"] == "avoid"  # the chart and its caption on one page
            page.emulate_media(media="screen")


# -- 5. forced colours, reduced motion ---------------------------------------------------------

# For each badge and each bar: what tells it apart without colour (its word, its symbol, its
# border's style; the bar's stroke pattern).
SHAPES = """() => ({
  badges: [...document.querySelectorAll('main .badge')].map(e => {
    const s = getComputedStyle(e);
    return {kind: e.classList[1], text: e.innerText.trim(),
            before: getComputedStyle(e, '::before').content,
            border: s.borderTopStyle + ' ' + s.borderTopWidth, line: s.textDecorationLine}; }),
  bars: [...document.querySelectorAll('svg.gantt g.bar:not(.legend g) > rect:first-of-type')]
    .map(e => { const s = getComputedStyle(e), g = e.parentElement;
      return {kind: g.classList[1], fill: s.fill, stroke: s.stroke, dash: s.strokeDasharray,
              width: s.strokeWidth, forced: s.forcedColorAdjust}; }),
  animated: [...document.querySelectorAll('*')].filter(e => {
    const s = getComputedStyle(e);
    return (s.animationName !== 'none' && s.animationDuration !== '0s')
      || (s.transitionDuration.split(',').some(d => parseFloat(d) > 0.01)); }).length,
})"""


def test_forced_colours_and_reduced_motion_keep_badges_bars_and_buttons_apart(
    browser: Any, live: Live
) -> None:
    """With Windows' high contrast (forced colours: the page's colours replaced by the
    system's, light and dark) and reduced motion: each impact's badge differs from the others
    by its word, its symbol and its border; the chart's bars for "unavailable" and "limited"
    differ by their fill (solid or hatched) (WCAG 1.4.1); every button keeps a visible border
    (not bare text once its background is gone); nothing moves. Screenshots in
    test-artifacts/."""
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport=DESKTOP, forced_colors="active",
                                      reduced_motion="reduce", color_scheme=scheme)  # fmt: skip
        page = context.new_page()
        sign_in(page, live.url, Role.ADMIN)
        for lang in ("fr", "en"):
            page.goto(f"{live.url}/{lang}/maintenances/{EXAMPLE}")
            assert page.evaluate("matchMedia('(forced-colors: active)').matches")
            assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
            got = page.evaluate(SHAPES)
            kinds: dict[str, set[tuple[str, str]]] = {}
            for b in got["badges"]:
                kinds.setdefault(b["kind"], set()).add((b["before"], b["border"]))
            assert {"unavailable", "limited"} <= kinds.keys()
            looks = [next(iter(v)) for v in kinds.values()]
            assert all(len(v) == 1 for v in kinds.values()), kinds
            assert len(set(looks)) == len(looks), kinds
            bars: dict[str, set[tuple[str, str, str]]] = {}
            for r in got["bars"]:
                bars.setdefault(r["kind"], set()).add((r["fill"], r["dash"], r["width"]))
            assert bars.keys() == {"bar-unavailable", "bar-limited"}
            assert bars["bar-unavailable"].isdisjoint(bars["bar-limited"]), bars
            assert got["animated"] == 0
            shot(page, f"a11y-forced-{scheme}-maintenance-{lang}")
            for path in (f"/{lang}/", f"/admin/lang/{lang}?next=/admin/maintenances/{EXAMPLE}"):
                page.goto(f"{live.url}{path}")
                bare = page.evaluate(BARE_BUTTONS)
                assert bare == [], (scheme, path, bare)
            shot(page, f"a11y-forced-{scheme}-editor-{lang}")
        context.close()


# Buttons (and links drawn as buttons) whose border does not show: no style, no width, or a
# transparent colour (in forced colours, a transparent border is drawn in the text's colour).
BARE_BUTTONS = """() => [...document.querySelectorAll('button, a.button')]
  .filter(e => e.getClientRects().length)
  .filter(e => { const s = getComputedStyle(e);
    return s.borderTopStyle === 'none' || parseFloat(s.borderTopWidth) === 0
      || s.borderTopColor === 'rgba(0, 0, 0, 0)'; })
  .map(e => e.tagName + ' ' + e.innerText.trim().slice(0, 30))"""


# -- 6. /docs ---------------------------------------------------------------------------------


def test_the_api_docs_page_has_a_language_a_title_and_readable_overrides(
    page: Any, live: Live
) -> None:
    """/docs is Swagger UI inside a page of ours: that page says its language and its title,
    and axe finds no contrast problem in what we style (the findings inside Swagger UI itself
    are listed in docs/public-site.md)."""
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live.url}/docs")
    page.wait_for_selector(".opblock")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.title() == "Préavis — API (Swagger UI)"
    results = AXE.run(page, options=RULES).response
    ours = [v["id"] for v in results["violations"]
            if v["id"] in {"html-has-lang", "document-title", "html-lang-valid"}]  # fmt: skip
    assert ours == []
    contrast = [n["target"] for v in results["violations"] if v["id"] == "color-contrast"
                for n in v["nodes"]]  # fmt: skip
    assert contrast == [], contrast
    shot(page, "a11y-docs")
