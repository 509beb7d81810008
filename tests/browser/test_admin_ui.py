"""The web admin in Debian's Chromium: sign in, create a maintenance with three interruptions,
publish it and find it on the public site; a viewer sees no edit controls; a form posted
without its CSRF token is refused; a concurrent edit is refused with the difference shown.
Each test saves a screenshot (test-artifacts/)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from preavis.clock import FixedClock
from preavis.domain.access import Role
from preavis.settings import Settings
from preavis.web import site as site_module
from preavis.web.app import create_app
from tests.browser.conftest import MOMENT, free_port, published, serving, shot

PASSWORD = "correct horse battery staple"
SLUG = "migration-courriel"
REFERENCE = Path(__file__).with_name("reference_notice.txt")  # the shared seed, 28 rows


@pytest.fixture(scope="module")
def admin_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example, published, with one person per role, served by uvicorn in a thread."""
    url, store, _ = published(tmp_path_factory.mktemp("admin") / "admin.db", PASSWORD)
    app = create_app(Settings(database_url=url), store=store, clock=FixedClock(MOMENT))
    port = free_port()
    with pytest.MonkeyPatch.context() as patch, serving(app, port):
        # The clock stands still: the public site must see each write at once.
        patch.setattr(site_module, "REFRESH", timedelta(0))
        yield f"http://127.0.0.1:{port}"
    store.dispose()


def sign_in(page: Any, base: str, role: Role) -> None:
    page.goto(f"{base}/admin/")
    assert "/admin/login" in page.url  # signed out: sent to the form
    page.fill("input[name=email]", f"{role.value}@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form[action='/admin/login'] button[type=submit]").click()
    page.wait_for_url(f"{base}/admin/")


def test_sign_in_in_french_then_english(page: Any, admin_url: str) -> None:
    page.set_extra_http_headers({"Accept-Language": "fr-CA,fr;q=0.9"})
    page.goto(f"{admin_url}/admin/login")
    assert page.locator("h1").inner_text() == "Connexion"
    shot(page, "admin-login-fr")
    sign_in(page, admin_url, Role.ADMIN)
    assert page.locator("h1").inner_text() == "Tableau de bord"
    page.get_by_role("link", name="English").click()
    assert page.locator("h1").inner_text() == "Dashboard"
    assert page.locator("html").get_attribute("lang") == "en-CA"
    shot(page, "admin-dashboard-en")


def test_create_publish_and_see_it_on_the_public_site(page: Any, admin_url: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    sign_in(page, admin_url, Role.PUBLISHER)
    page.goto(f"{admin_url}/admin/lang/en?next=/admin/maintenances/new")
    page.fill("#slug", SLUG)
    page.fill("#title_fr", "Migration du courriel")
    page.fill("#title_en", "E-mail migration")
    page.fill("#summary_fr", "Le courriel migre vers de nouveaux serveurs.")
    page.fill("#summary_en", "E-mail moves to new servers.")
    rows = [
        ("ramassage-colis", "limited", "2025-07-10T20:00", "2025-07-10T22:00",
         "Ramassages ralentis.", "Slower pickups."),
        ("ramassage-colis", "unavailable", "2025-07-10T22:00", "2025-07-11T02:00",
         "Aucun ramassage.", "No pickups."),
        ("facturation-paiements", "unavailable", "2025-07-10T21:00", "2025-07-11T01:00",
         "Paiements arrêtés.", "Payments stopped."),
    ]  # fmt: skip
    for n, (service, impact, start, end, fr, en) in enumerate(rows):
        page.select_option(f"#r{n}_service", service)
        page.select_option(f"#r{n}_impact", impact)
        page.fill(f"#r{n}_start", start)
        page.fill(f"#r{n}_end", end)
        page.fill(f"#r{n}_desc_fr", fr)
        page.fill(f"#r{n}_desc_en", en)
    page.fill("#reason", "planned with operations")
    page.get_by_role("button", name="Create").click()
    page.wait_for_url(f"{admin_url}/admin/maintenances/{SLUG}?saved=1")
    assert page.locator("p.banner[role=status]").inner_text() == "Saved."
    shot(page, "admin-editor")
    page.get_by_role("link", name="Publish…").click()
    assert page.locator("table.checks").count() == 0  # nothing blocks
    shot(page, "admin-publish-checks")
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(f"{admin_url}/admin/maintenances/{SLUG}?saved=1")
    page.get_by_role("link", name="See it on the public site").click()
    assert page.url.endswith(f"/en/maintenances/{SLUG}")
    assert page.locator("h1").inner_text().startswith("E-mail migration")
    assert page.locator("table tbody tr").count() == 3
    shot(page, "admin-published-public")


def _starts(page: Any, url: str) -> list[datetime]:
    answer = page.request.get(url)
    assert answer.status == 200
    events = Calendar.from_ical(answer.body()).walk("VEVENT")
    return sorted(e.decoded("DTSTART").astimezone(UTC) for e in events)


def test_reschedule_see_it_in_the_calendar_then_cancel(page: Any, admin_url: str) -> None:
    """After the test above: the published maintenance moved a day later, as the public
    calendar (.ics) says; the history compares any two revisions; then it is cancelled."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    sign_in(page, admin_url, Role.PUBLISHER)
    ics = f"{admin_url}/en/maintenances/{SLUG}.ics"
    before = _starts(page, ics)
    assert before[0] == datetime(2025, 7, 11, 0, 0, tzinfo=UTC)  # 8 p.m. EDT on July 10
    page.goto(f"{admin_url}/admin/lang/en?next=/admin/maintenances/{SLUG}")
    page.fill("#reschedule_at", "2025-07-11T20:00")
    page.fill("#reschedule_reason", "the vendor needs one more day")
    page.locator("form[action$='/reschedule'] summary").click()
    page.fill("#reschedule_note_en", "Moved to the next evening.")
    page.fill("#reschedule_note_fr", "Reportée au lendemain soir.")
    page.get_by_role("button", name="Reschedule", exact=True).click()
    page.wait_for_url("**?saved=1")
    after = _starts(page, ics)
    assert after == [start + timedelta(days=1) for start in before]
    page.goto(f"{admin_url}/en/maintenances/{SLUG}")
    assert "July 11" in page.locator("table").inner_text()
    shot(page, "admin-rescheduled-public")

    page.goto(f"{admin_url}/admin/maintenances/{SLUG}/history")
    page.select_option("#from", "1")
    page.select_option("#to", "3")
    page.get_by_role("button", name="Compare").click()
    assert page.locator("#h-difference").inner_text() == "Difference between r1 and r3"
    diff = page.locator("#difference table.diff").inner_text()
    assert "July 11, 2025, 8 p.m. ET" in diff and "July 10, 2025, 8 p.m. ET" in diff
    assert "the vendor needs one more day" in page.locator("table.between").inner_text()
    shot(page, "admin-history-difference")

    page.goto(f"{admin_url}/admin/maintenances/{SLUG}")
    page.fill("#cancel_reason", "project postponed")
    page.get_by_role("button", name="Cancel the maintenance").click()
    page.wait_for_url("**?saved=1")
    assert page.locator("h1 .state-cancelled").count() == 1
    assert page.locator("form.editor").count() == 0  # a cancelled maintenance is not edited
    page.goto(f"{admin_url}/en/maintenances/{SLUG}")
    page.reload()  # the page was seen above: the browser's cache revalidates it
    assert page.locator("h1 .badge.cancelled").count() == 1
    shot(page, "admin-cancelled-public")


def test_the_preview_follows_the_form_and_works_without_javascript(
    browser: Any, admin_url: str
) -> None:
    scripted = browser.new_context(viewport={"width": 1400, "height": 1000})
    plain = browser.new_context(java_script_enabled=False, viewport={"width": 1400, "height": 1000})
    try:
        page = scripted.new_page()
        sign_in(page, admin_url, Role.EDITOR)
        page.goto(f"{admin_url}/admin/lang/en?next=/admin/maintenances/new")
        assert "Add at least one interruption" in page.locator("#preview").inner_text()
        page.fill("#title_fr", "Paiements en pause")
        page.fill("#title_en", "Payments paused")
        page.select_option("#r0_service", "facturation-paiements")
        page.select_option("#r0_impact", "limited")
        page.fill("#r0_start", "2025-07-20T22:00")
        page.fill("#r0_end", "2025-07-21T01:00")
        page.fill("#r0_desc_fr", "Paiements différés.")
        page.fill("#r0_desc_en", "Payments deferred.")
        english = page.locator("#preview section.notice[lang=en]")
        # admin.js asks the server for the preview (no eval: the CSP forbids it)
        english.filter(has_text="Payments deferred.").wait_for()
        assert "Limited. Payments deferred." in english.inner_text()
        assert "Limité. Paiements différés." in page.locator(
            "#preview section.notice[lang=fr]").inner_text()  # fmt: skip
        assert page.locator("#preview svg").count() == 1
        shot(page, "admin-editor-preview")
        # "Add a row" adds one here (with the script), focused, named for its place.
        assert page.locator("select[id$=_service]").count() == 3
        page.get_by_role("button", name="Add a row").click()
        assert page.locator("select[id$=_service]").count() == 4
        assert page.evaluate("document.activeElement.id") == "r3_service"
        page.select_option("#r3_service", "ramassage-colis")
        page.fill("#r3_start", "2025-07-20T23:00")
        page.fill("#r3_end", "2025-07-21T00:30")
        page.fill("#r3_desc_fr", "Ramassage suspendu.")
        page.fill("#r3_desc_en", "Pickup suspended.")
        english.filter(has_text="Pickup suspended.").wait_for()
        page.fill("#slug", "paiements-en-pause")
        page.get_by_role("button", name="Create").click()
        page.wait_for_url("**/admin/maintenances/paiements-en-pause?saved=1")
        assert page.locator("select[id$=_service]").count() == 2 + 3

        quiet = plain.new_page()
        sign_in(quiet, admin_url, Role.EDITOR)
        quiet.goto(f"{admin_url}/admin/lang/fr?next=/admin/maintenances/new")
        quiet.fill("#title_fr", "Paiements en pause")
        quiet.select_option("#r0_service", "facturation-paiements")
        quiet.fill("#r0_start", "2025-07-20T22:00")
        quiet.fill("#r0_end", "2025-07-21T01:00")
        quiet.get_by_role("button", name="Aperçu").click()
        assert "Indisponible" in quiet.locator("#preview section.notice[lang=fr]").inner_text()
        assert quiet.locator("#title_fr").input_value() == "Paiements en pause"  # kept
        shot(quiet, "admin-editor-preview-without-js")
    finally:
        scripted.close()
        plain.close()


def test_errors_beside_their_field_and_a_repeated_hour_asked(page: Any, admin_url: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    sign_in(page, admin_url, Role.EDITOR)
    page.goto(f"{admin_url}/admin/lang/fr?next=/admin/maintenances/new")
    page.fill("#slug", "heure-double")
    page.fill("#title_fr", "Heure double")
    page.select_option("#r0_service", "ramassage-colis")
    page.fill("#r0_start", "2025-11-02T01:30")
    page.fill("#r0_end", "2025-11-02T01:00")
    page.get_by_role("button", name="Créer").click()
    start_error = page.locator("#r0_start-error")
    assert "revient deux fois" in start_error.inner_text()
    assert page.locator("input[name=r0_start_offset]").count() == 2
    focused = page.evaluate("document.activeElement.id")  # admin.js: focus on the first error
    assert focused == "r0_start"
    shot(page, "admin-editor-errors")


def test_a_viewer_sees_no_edit_controls(page: Any, admin_url: str) -> None:
    sign_in(page, admin_url, Role.VIEWER)
    page.goto(f"{admin_url}/admin/maintenances/mise-a-niveau-2025")
    posting = page.locator("form[method=post]")
    assert posting.count() == 1  # signing out
    assert posting.first.get_attribute("action") == "/admin/logout"
    assert page.locator("textarea, select").count() == 0
    page.goto(f"{admin_url}/admin/services")
    assert page.locator("form[method=post]").count() == 1
    shot(page, "admin-viewer")


def test_a_form_without_its_csrf_token_is_refused(page: Any, admin_url: str) -> None:
    sign_in(page, admin_url, Role.ADMIN)
    page.goto(f"{admin_url}/admin/lang/en?next=/admin/services")
    form = page.locator("form[action='/admin/groups']:has(#group-slug)")
    form.locator("input[name=csrf]").evaluate("node => node.remove()")
    form.locator("#group-slug").fill("sans-jeton")
    form.get_by_role("button", name="Save").click()
    assert "did not come from this page" in page.locator("p.error").inner_text()
    shot(page, "admin-csrf-refused")
    page.goto(f"{admin_url}/admin/services")
    assert "sans-jeton" not in page.content()


def test_a_concurrent_edit_is_refused_with_the_difference(browser: Any, admin_url: str) -> None:
    first, second = browser.new_context(), browser.new_context()
    try:
        mine, theirs = first.new_page(), second.new_page()
        mine.set_viewport_size({"width": 1400, "height": 1000})
        sign_in(mine, admin_url, Role.PUBLISHER)
        sign_in(theirs, admin_url, Role.ADMIN)
        for page in (mine, theirs):
            page.goto(f"{admin_url}/admin/lang/en?next=/admin/maintenances/mise-a-niveau-2025")
        theirs.fill("#title_en", "System upgrade (revised)")
        theirs.fill("#reason", "clearer title")
        theirs.get_by_role("button", name="Save").click()
        theirs.wait_for_url("**?saved=1")
        mine.fill("#summary_en", "My summary, written meanwhile.")
        mine.get_by_role("button", name="Save").click()
        stale = mine.locator("#stale")
        assert "Admin Person" in stale.inner_text()
        assert "System upgrade (revised)" in stale.inner_text()
        theirs_row = stale.locator("table.diff tbody tr", has_text="Title (EN)")
        assert theirs_row.locator("td.after").inner_text() == "System upgrade (revised)"
        assert "clearer title" in stale.inner_text()  # why they changed it
        assert mine.locator("#summary_en").input_value() == "My summary, written meanwhile."
        shot(mine, "admin-concurrent-edit")
    finally:
        first.close()
        second.close()


def test_import_the_reference_notice_then_publish_all_28_rows(page: Any, admin_url: str) -> None:
    """The reference notice (French only) pasted, reviewed beside its source, saved as a
    draft; publishing is blocked by the missing English, each check linking to its field;
    once translated, all 28 rows are published and on the public site."""
    page.set_viewport_size({"width": 1500, "height": 1100})
    sign_in(page, admin_url, Role.PUBLISHER)
    page.goto(f"{admin_url}/admin/lang/en?next=/admin/import")
    page.fill("#notice", REFERENCE.read_text(encoding="utf-8"))
    page.fill("#year", "2025")
    page.get_by_role("button", name="Read").click()
    assert page.locator("#h-reading").inner_text().endswith("(28)")
    assert page.locator("li.import-row:not(.by-hand)").count() == 28
    shot(page, "admin-import-review")
    page.fill("#slug", "avis-importe")
    page.get_by_role("button", name="Save as a draft").click()
    page.wait_for_url(f"{admin_url}/admin/maintenances/avis-importe?saved=1")
    assert page.locator("select[id$=_service]").count() == 28 + 3  # the rows, and blank ones

    page.get_by_role("link", name="Publish…").click()
    assert page.get_by_role("button", name="Publish").is_disabled()
    blocking = page.locator("tr.check-error a")
    assert blocking.count() == 1 + 28  # the English title and each row's English description
    shot(page, "admin-import-publish-blocked")
    blocking.first.click()  # to the field in the editor
    assert page.url.endswith("/admin/maintenances/avis-importe#title_en")
    page.fill("#title_en", "Service interruptions")
    if page.input_value("#summary_fr"):
        page.fill("#summary_en", "Some services will be interrupted.")
    for n in range(28):
        french = page.input_value(f"#r{n}_desc_fr")
        if french:
            page.fill(f"#r{n}_desc_en", f"(EN) {french}")
    page.fill("#reason", "English added")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**?saved=1")
    page.get_by_role("link", name="Publish…").click()
    assert page.locator("tr.check-error").count() == 0
    page.fill("#reason", "reviewed with operations")
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url("**?saved=1")
    page.get_by_role("link", name="See it on the public site").click()
    assert page.url.endswith("/en/maintenances/avis-importe")
    assert page.locator("h1").inner_text().startswith("Service interruptions")
    assert page.locator("section[aria-labelledby=table-title] tbody tr").count() == 28
    shot(page, "admin-import-published-public")


SCREENS = (
    "/admin/", "/admin/maintenances", "/admin/maintenances/new",
    "/admin/maintenances/mise-a-niveau-2025", "/admin/maintenances/mise-a-niveau-2025/history",
    "/admin/maintenances/mise-a-niveau-2025/publish", "/admin/services", "/admin/import",
    "/admin/people", "/admin/tokens", "/admin/subscribers", "/admin/deliveries",
)  # fmt: skip

# Every visible form control has a label (a <label>, aria-label or aria-labelledby).
UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea, button')]
  .filter(e => e.type !== 'hidden' && e.offsetParent !== null)
  .filter(e => e.tagName === 'BUTTON' ? !e.innerText.trim() && !e.getAttribute('aria-label')
       : !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
         && !e.getAttribute('aria-labelledby'))
  .map(e => e.id || e.name || e.outerHTML.slice(0, 80))"""

# WCAG contrast of each visible text against the first opaque background behind it.
LOW_CONTRAST = """() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => { const f = c => { c /= 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const behind = e => { for (let n = e; n; n = n.parentElement) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c.length === 3 || c[3] > 0.5) return c.slice(0, 3); }
    return [255, 255, 255]; };
  const bad = [];
  for (const e of document.querySelectorAll('body *')) {
    if (e.offsetParent === null || e.closest('svg')) continue;
    const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const style = getComputedStyle(e);
    const a = lum(rgb(style.color).slice(0, 3)), b = lum(behind(e));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const large = parseFloat(style.fontSize) >= 24 ||
      (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5) && !e.closest('button[disabled]'))
      bad.push(`${e.tagName}.${e.className} ${ratio.toFixed(2)}: ${e.innerText.slice(0, 30)}`);
  }
  return bad; }"""


def test_every_screen_on_a_tablet_labelled_contrasted_and_bilingual(
    page: Any, admin_url: str
) -> None:
    page.set_viewport_size({"width": 820, "height": 1180})  # a tablet, upright
    sign_in(page, admin_url, Role.ADMIN)
    for lang in ("fr", "en"):
        for path in SCREENS:
            page.goto(f"{admin_url}/admin/lang/{lang}?next={path}")
            assert page.locator("html").get_attribute("lang") == f"{lang}-CA", path
            assert page.locator("a.lang-switch").count() == 1, path  # FR/EN on every screen
            assert page.evaluate(UNLABELLED) == [], (lang, path)
            assert page.evaluate(LOW_CONTRAST) == [], (lang, path)
            wider = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert wider <= 0, (lang, path, wider)  # nothing sideways at tablet width
    page.goto(f"{admin_url}/admin/maintenances/mise-a-niveau-2025")
    shot(page, "admin-editor-tablet")
    # Keyboard: the first Tab reaches the skip link, which leads into the content.
    page.goto(f"{admin_url}/admin/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    # The browser follows the link after the key event: wait for it (a loaded machine is slow).
    page.wait_for_url("**/admin/#content", timeout=10_000)
    assert page.url.endswith("#content")


def test_subscribers_and_deliveries_screens(page: Any, admin_url: str) -> None:
    page.set_viewport_size({"width": 1300, "height": 900})
    sign_in(page, admin_url, Role.ADMIN)
    page.goto(f"{admin_url}/admin/lang/en?next=/admin/subscribers")
    page.fill("#csv", "email,language,services\nann@example.org,fr,\nbob@example.org,en,\n")
    page.get_by_role("button", name="Import", exact=True).click()
    assert page.locator("p.banner").inner_text() == "2 subscribers imported."
    page.fill("#q", "bob")
    page.get_by_role("button", name="Search").click()
    assert page.locator("table.subscribers tbody tr").count() == 1
    shot(page, "admin-subscribers")
    page.get_by_role("button", name="Remove bob@example.org").click()
    assert page.locator("p.banner").inner_text() == "Subscriber removed."
    assert "bob@example.org" not in page.locator("table.subscribers").inner_text()
    page.get_by_role("link", name="Deliveries").click()
    assert page.locator("h1").inner_text() == "Deliveries"
    shot(page, "admin-deliveries")
