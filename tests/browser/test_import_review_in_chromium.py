"""In Chromium, as a publisher: a notice another organisation wrote (tests/corpus/real/dev)
imported, read beside its evidence, corrected in the review — one service and impact given to
several rows at once, a row dropped, a row added, the zone set, the new service named in the
other language — saved, translated and published; the review at tablet width in both
languages (labelled, contrasted, nothing sideways). Screenshots in test-artifacts/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from preavis.domain.access import Role
from tests.browser.conftest import shot
from tests.browser.test_admin_ui import LOW_CONTRAST, UNLABELLED, admin_url, sign_in

__all__ = ["admin_url"]  # the module's server, shared

DEV = Path(__file__).resolve().parents[1] / "corpus" / "real" / "dev"
CBSA = DEV / "cbsa-tcc19-012-en.txt"


def _read(page: Any, base: str, lang: str) -> None:
    page.goto(f"{base}/admin/lang/{lang}?next=/admin/import")
    page.fill("#notice", CBSA.read_text(encoding="utf-8"))
    page.fill("#year", "")
    page.locator("form[action='/admin/import'] button[type=submit]").click()
    page.wait_for_selector("li.import-row")


def test_a_foreign_notice_corrected_in_the_review_then_published(page: Any, admin_url: str) -> None:
    page.set_viewport_size({"width": 1500, "height": 1100})
    sign_in(page, admin_url, Role.PUBLISHER)
    _read(page, admin_url, "en")
    rows = page.locator("li.import-row:not(.by-hand)")
    assert rows.count() == 6
    # The evidence is where the row is: what was printed, the rule, the doubts.
    first = rows.nth(0)
    assert first.locator(".evidence q").first.inner_text() == "eManifest Portal"
    assert "Tied by" in first.locator(".evidence").inner_text()
    assert first.locator("ul.row-warnings li").count() >= 1
    first.locator("a[href='#line-29']").first.click()
    assert page.evaluate("location.hash") == "#line-29"  # the source line, highlighted
    shot(page, "admin-import-review")
    # The four eManifest rows: one service and one impact, typed once.
    for n in range(4):
        page.check(f"input[name=r{n}_pick]")
    page.fill("#apply_service", "eManifest")
    page.select_option("#apply_impact", "limited")
    page.get_by_role("button", name="Apply to the selected rows").click()
    assert [page.input_value(f"#r{n}_service") for n in range(4)] == ["eManifest"] * 4
    # Row 4 dropped; a row added by hand; the zone; the new services named in French.
    page.check("input[name=r3_remove]")
    page.fill("#r6_service", "eManifest")
    page.select_option("#r6_impact", "limited")
    page.fill("#r6_start", "2019-01-21T05:00")
    page.fill("#r6_end", "2019-01-21T05:30")
    page.fill("#timezone", "America/Halifax")
    page.fill("#r0_other", "Manifeste électronique")
    page.fill("#r4_other", "Échange de données informatisé (EDI)")
    page.fill("#slug", "cbsa-tcc19-012")
    page.get_by_role("button", name="Save as a draft").click()
    page.wait_for_url(f"{admin_url}/admin/maintenances/cbsa-tcc19-012?saved=1")
    assert page.input_value("#timezone") == "America/Halifax"
    assert page.locator("select[id$=_service] option[selected][value=emanifest]").count() == 4
    # Publishing waits only for the French texts: the services already have both names.
    page.get_by_role("link", name="Publish…").click()
    blocking = [a.inner_text() for a in page.locator("tr.check-error a").all()]
    assert blocking and not any(b == "emanifest" or "electronic" in b for b in blocking), blocking
    page.goto(f"{admin_url}/admin/maintenances/cbsa-tcc19-012")
    page.fill("#title_fr", "Maintenance du portail eManifest et de l’EDI")
    for n in range(6):
        english = page.input_value(f"#r{n}_desc_en")
        if english:
            page.fill(f"#r{n}_desc_fr", f"(FR) {english}")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**?saved=1")
    page.get_by_role("link", name="Publish…").click()
    assert page.locator("tr.check-error").count() == 0
    page.fill("#reason", "read from the CBSA notice, corrected")
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url("**?saved=1")
    assert page.locator(".state-published").count() == 1


def test_the_review_on_a_tablet_in_both_languages(page: Any, admin_url: str) -> None:
    page.set_viewport_size({"width": 820, "height": 1180})
    sign_in(page, admin_url, Role.EDITOR)
    for lang in ("fr", "en"):
        _read(page, admin_url, lang)
        assert page.evaluate(UNLABELLED) == [], lang
        assert page.evaluate(LOW_CONTRAST) == [], lang
        wider = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert wider <= 0, (lang, wider)
    shot(page, "admin-import-review-tablet")
