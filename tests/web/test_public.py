"""The public site, feeds, facade and API, as a visitor or a client sees them (in-process)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from preavis.actions import access, data, maintenances
from preavis.domain import Impact, Interruption, Schedule, State, Text
from preavis.domain.access import Role
from preavis.settings import Settings
from preavis.storage import Store
from preavis.web.app import create_app
from tests.conftest import TickingClock, context
from tests.web.conftest import EXAMPLE, JUNE_30, Public

NB = "\u00a0"  # French typography: a non-breaking space before ":" and inside « »


def test_root_follows_accept_language(public: Public) -> None:
    r = public.get("/")
    assert (r.status_code, r.headers["location"]) == (307, "/fr/")
    r = public.get("/", headers={"Accept-Language": "en-CA,en;q=0.9,fr;q=0.5"})
    assert r.headers["location"] == "/en/"
    assert r.headers["vary"] == "Accept-Language"


def test_home_now_in_both_languages(public: Public) -> None:
    fr = public.get("/fr/")
    assert fr.status_code == 200
    html = fr.text
    assert '<html lang="fr-CA">' in html
    assert "26 services touchés : 23 indisponibles, 3 limités." in html
    assert "Boutique en ligne" in html and "Indisponible" in html
    assert 'href="/en/"' in html  # the language switch keeps the view
    en = public.get("/en/").text
    assert '<html lang="en-CA">' in en and "Online shop" in en and "July 2, 7\u00a0a.m. ET" in en
    for forbidden in ("Brouillon secret", "secret-draft", "Abandonné", "dropped-draft"):
        assert forbidden not in html


def test_any_moment_with_a_banner(public: Public) -> None:
    # A moment's page says its phase: from the maintenance's announcement (14 days before its
    # window, June 22, 2025, 23:59 ET) to that window; nothing is down then.
    before = public.get("/en/?at=2025-06-22T23:00-04:00").text
    said = "from June 8, 2025, 11:59\u00a0p.m. to June 22, 2025, 11:59\u00a0p.m. ET"
    assert f"You are looking at the services {said}: nothing changes in between." in before
    assert "All services are operating normally." in before
    # June 28 at noon: from the first limited window (June 25, 23:59) to the first
    # unavailable one (June 30, 18:00).
    picked = public.get("/fr/?when=2025-06-28T12:00&tz=America/Toronto").text
    said = "du 25 juin 2025, 23\u00a0h\u00a059 au 30 juin 2025, 18\u00a0h (HE)"
    assert f"Vous voyez l’état des services {said} : rien ne change dans cet intervalle." in picked
    assert "Limité" in picked
    switch = 'href="/en/?at=2025-06-25T23:59-04:00&amp;tz=America/Toronto"'
    assert switch in picked
    vancouver = public.get("/en/?at=2025-06-30T19:00-04:00&tz=America/Vancouver").text
    assert "July 2, 4\u00a0a.m. PT" in vancouver  # times shown in the visitor's zone


@pytest.mark.parametrize(
    ("query", "needle"),
    [
        ("at=0.5", f"«{NB}0.5{NB}» n’est pas un moment valide (paramètre at)"),
        ("at=2025-06-30T19:00", "n’indique pas son décalage UTC"),
        ("tz=Mars/Olympus", f"Fuseau horaire inconnu{NB}: «{NB}Mars/Olympus{NB}»"),
        ("when=2025-03-09T02:30&tz=America/Toronto",
         "Le 2025-03-09 02:30 n’existe pas en heure de l’Est (HE)"),
        ("at=2250-01-01T00:00Z", f"hors limites{NB}: Préavis accepte les années 1900 à 2199"),
        ("when=demain&tz=America/Toronto",
         f"«{NB}demain{NB}» n’est pas une date et une heure valides"),
    ],
)  # fmt: skip
def test_bad_moments_are_clear_errors_in_french(public: Public, query: str, needle: str) -> None:
    r = public.get(f"/fr/?{query}")
    assert r.status_code == 422
    assert needle in r.text
    assert "Demande invalide" in r.text
    for english in ("Traceback", "is not", "does not", "offset:", "time zone"):
        assert english not in r.text


def test_bad_moments_in_english(public: Public) -> None:
    r = public.get("/en/?at=tomorrow")
    assert r.status_code == 422
    assert "“tomorrow” is not a valid moment (the at parameter)" in r.text


def test_a_skipped_local_time_offers_the_picker_and_names_the_zone(public: Public) -> None:
    for lang, named in (("fr", "n’existe pas en heure de l’Est (HE)"),
                        ("en", "does not exist in Eastern Time (ET)")):  # fmt: skip
        r = public.get(f"/{lang}/?when=2025-03-09T02:30&tz=America/Toronto")
        assert r.status_code == 422
        assert named in r.text and "America/Toronto:" not in r.text
        form = r.text.split('<form class="picker"', 1)[1].split("</form>", 1)[0]
        assert f'action="/{lang}/"' in form
        assert 'name="when" type="datetime-local" value="2025-03-09T02:30"' in form
        assert '<option value="America/Toronto" selected>' in form
    # An unreadable moment gets the picker too, its zone kept; a missing page does not.
    r = public.get("/en/?when=tomorrow&tz=America/Vancouver")
    assert '<form class="picker"' in r.text
    assert '<option value="America/Vancouver" selected>' in r.text
    assert '<form class="picker"' not in public.get("/en/services/nope").text


def test_a_repeated_local_time_offers_both_moments(public: Public) -> None:
    r = public.get("/fr/?when=2025-11-02T01:30&tz=America/Toronto")
    assert r.status_code == 422
    assert "Le 2025-11-02 01:30 se produit deux fois en heure de l’Est (HE)" in r.text
    first = 'href="/fr/?at=2025-11-02T01:30-04:00&amp;tz=America/Toronto"'
    second = 'href="/fr/?at=2025-11-02T01:30-05:00&amp;tz=America/Toronto"'
    assert first in r.text and second in r.text
    assert "01:30 HAE (UTC-04:00)" in r.text and "01:30 HNE (UTC-05:00)" in r.text
    assert public.get("/fr/?at=2025-11-02T01:30-05:00&tz=America/Toronto").status_code == 200


def test_not_found_pages_speak_the_page_s_language(public: Public) -> None:
    r = public.get("/fr/services/nope")
    assert r.status_code == 404
    assert "Page introuvable" in r.text and "Aucun service ne porte ce nom." in r.text
    assert "no service" not in r.text
    r = public.get("/fr/maintenances/nope")
    assert "Aucune maintenance publiée ne porte ce nom." in r.text
    for path in ("/fr/nothing-here", "/fr/services/", "/fr"):
        r = public.get(path)
        assert r.status_code == 404, path
        assert '<html lang="fr-CA">' in r.text and "Cette page n’existe pas." in r.text
    r = public.get("/en/nothing-here")
    assert r.status_code == 404 and "This page does not exist." in r.text
    assert public.get("/api/v1/nothing").headers["content-type"] == "application/json"


def test_maintenance_page_with_timeline(public: Public) -> None:
    html = public.get(f"/fr/maintenances/{EXAMPLE}?at=2025-06-28T12:00-04:00").text
    for words in (
        "Application",
        "Interruption de service",
        "Durée",
        "Du 25 juin, 20 h au 2 juillet, 7 h (HE)",
    ):
        assert words in html
    assert 'role="img" aria-labelledby="gantt-title gantt-desc"' in html
    # June 28 at noon lies in the phase of the limited windows (June 25, 23:59 to June 30,
    # 18:00 ET): the chart shows that period as a band
    assert '<rect class="period"' in html and ">Période affichée</text>" in html
    assert "du 25 juin 2025, 23\u00a0h\u00a059 au 30 juin 2025, 18\u00a0h (HE)" in html
    assert html.count('class="bar bar-limited"') >= 5
    assert public.get("/fr/maintenances/secret-draft").status_code == 404


def test_service_page(public: Public) -> None:
    html = public.get("/en/services/ramassage-colis").text
    assert "Parcel pickup" in html
    assert "Past interruptions" in html and "Upcoming interruptions" in html
    assert 'href="/en/services/ramassage-colis.ics"' in html
    assert public.get("/en/services/nope").status_code == 404


def test_calendar_parses_back_to_the_schedule(public: Public, example: Schedule) -> None:
    body = public.get("/fr/calendar.ics").content
    cal = Calendar.from_ical(body)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 28
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "America/Toronto"
    got = sorted((e.decoded("DTSTART"), e.decoded("DTEND")) for e in events)
    want = sorted((i.starts_at, i.ends_at) for i in example.maintenances[0].interruptions)
    assert got == want
    uids = {str(e["UID"]) for e in events}
    assert len(uids) == 28
    assert {int(e["SEQUENCE"]) for e in events} == {1}
    maintenances.extend(
        public.ctx, slug=EXAMPLE, ends_at=datetime.fromisoformat("2025-07-02T09:00-04:00")
    )
    later = Calendar.from_ical(public.get("/fr/calendar.ics").content)
    assert {str(e["UID"]) for e in later.walk("VEVENT")} == uids  # same entries, updated
    assert {int(e["SEQUENCE"]) for e in later.walk("VEVENT")} == {2}
    maintenances.cancel(public.ctx, slug=EXAMPLE, reason="postponed")
    cancelled = Calendar.from_ical(public.get("/en/calendar.ics").content)
    assert {str(e["STATUS"]) for e in cancelled.walk("VEVENT")} == {
        "CANCELLED"
    }  # not a disappearance
    one = Calendar.from_ical(public.get("/en/services/ramassage-colis.ics").content)
    assert len(one.walk("VEVENT")) == 2


def test_calendar_across_a_dst_change(public: Public) -> None:
    start = datetime.fromisoformat("2025-11-01T23:00-04:00")
    end = datetime.fromisoformat("2025-11-02T03:00-05:00")  # five real hours, four on the wall
    item = Interruption(
        "boutique-en-ligne", Impact.UNAVAILABLE, start, end, Text("Fermée.", "Closed.")
    )
    example = maintenances.get_maintenance(public.ctx, slug=EXAMPLE)[0]
    m = replace(example, slug="nuit", interruptions=(item,), starts_at=None, ends_at=None,
                state=State.DRAFT)  # fmt: skip
    maintenances.create_draft(public.ctx, maintenance=m)
    maintenances.publish(public.ctx, slug="nuit")
    cal = Calendar.from_ical(public.get("/fr/maintenances/nuit.ics").content)
    (event,) = cal.walk("VEVENT")
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (start, end)
    # Durations in UTC: same-zone subtraction would give the wall clock's 4 hours.
    real = event.decoded("DTEND").astimezone(UTC) - event.decoded("DTSTART").astimezone(UTC)
    assert real == timedelta(hours=5)


def test_atom_has_an_entry_per_change(public: Public) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring(public.get("/fr/feed.atom").content)
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert titles == ["Publiée : Mise à niveau du système"]
    announced = feed.find("a:entry", ns)
    assert announced is not None
    original = ET.tostring(announced)
    later = datetime.fromisoformat("2025-07-02T09:00-04:00")
    maintenances.extend(public.ctx, slug=EXAMPLE, ends_at=later, reason="tests de reprise")
    feed = ET.fromstring(public.get("/fr/feed.atom").content)
    entries = feed.findall("a:entry", ns)
    newest = entries[0].findtext("a:title", namespaces=ns)
    assert newest == "Mise à jour : Mise à niveau du système"
    assert ET.tostring(entries[1]) == original  # the announcement is not rewritten
    update = entries[0].findtext("a:content", namespaces=ns) or ""
    assert (
        "Boutique en ligne — fin\u00a0: 2 juillet 2025, 7 h (HE) → 2 juillet 2025, 9 h (HE)"
        in update
    )
    assert "Facturation et paiements — fin" in update  # its unavailable window ran to the end
    service_feed = ET.fromstring(public.get("/en/services/ramassage-colis.atom").content)
    assert len(service_feed.findall("a:entry", ns)) == 2


def test_the_reason_recorded_with_a_change_is_never_published(public: Public) -> None:
    maintenances.extend(
        public.ctx, slug=EXAMPLE, ends_at=datetime.fromisoformat("2025-07-02T09:00-04:00"),
        reason="incident interne INC-4411",
    )  # fmt: skip
    maintenances.cancel(public.ctx, slug=EXAMPLE, reason="budget gelé")
    for path in ("/fr/feed.atom", "/en/feed.atom", "/fr/services/boutique-en-ligne.atom"):
        body = public.get(path).text
        for internal in ("applied from a schedule file", "INC-4411", "budget gelé",
                         "Raison", "Reason"):  # fmt: skip
            assert internal not in body, (path, internal)
    en = public.get("/en/feed.atom").text
    assert "This maintenance is cancelled." in en
    assert "Online shop — end: July 2, 2025, 7 a.m. ET → July 2, 2025, 9 a.m. ET" in en


def test_statuspage_facade(public: Public) -> None:
    summary = public.get("/api/v2/summary.json").json()
    assert set(summary) == {"page", "components", "incidents", "scheduled_maintenances", "status"}
    assert summary["status"] == {
        "indicator": "maintenance",
        "description": "Service Under Maintenance",
    }
    by_id = {c["id"]: c for c in summary["components"]}
    assert by_id["boutique-en-ligne"]["status"] == "under_maintenance"
    assert by_id["inscription"]["status"] == "degraded_performance"
    assert by_id["group-comptes"]["group"] is True
    (active,) = public.get("/api/v2/scheduled-maintenances/active.json").json()[
        "scheduled_maintenances"
    ]
    assert (active["id"], active["status"], active["impact"]) == (
        EXAMPLE,
        "in_progress",
        "maintenance",
    )
    assert active["scheduled_until"].startswith("2025-07-02T07:00:00")
    assert (
        public.get("/api/v2/scheduled-maintenances/upcoming.json").json()["scheduled_maintenances"]
        == []
    )
    public.clock.at = datetime.fromisoformat("2025-06-01T12:00-04:00")
    upcoming = public.get("/api/v2/scheduled-maintenances/upcoming.json").json()[
        "scheduled_maintenances"
    ]
    assert [m["status"] for m in upcoming] == ["scheduled"]
    assert public.get("/api/v2/status.json").json()["status"]["indicator"] == "none"


def test_caching_headers_and_304(public: Public) -> None:
    for path in ("/fr/", f"/en/maintenances/{EXAMPLE}", "/fr/calendar.ics", "/en/feed.atom",
                 "/api/v2/summary.json", "/api/v1/status", "/api/v1/maintenances"):  # fmt: skip
        r = public.get(path)
        assert r.status_code == 200, path
        etag = r.headers["etag"]
        assert r.headers["cache-control"].startswith("public, max-age=")
        again = public.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304, path
    head = public.client.head("/fr/")
    assert head.status_code == 200 and head.content == b""


def test_pages_follow_the_data_and_the_clock(public: Public) -> None:
    public.clock.at = datetime.fromisoformat("2025-06-22T23:58-04:00")
    assert "Tous les services fonctionnent normalement." in public.get("/fr/").text
    public.clock.at = datetime.fromisoformat("2025-06-22T23:59-04:00")  # a phase boundary
    assert "1 service touché : 1 indisponible." in public.get("/fr/").text
    maintenances.cancel(public.ctx, slug=EXAMPLE)
    html = public.get("/fr/").text
    assert "Tous les services fonctionnent normalement." in html  # the data changed


def test_public_api(public: Public) -> None:
    status = public.get("/api/v1/status?at=2025-06-28T12:00-04:00&lang=en").json()
    pickup = next(s for s in status["services"] if s["slug"] == "ramassage-colis")
    assert (pickup["impact"], pickup["back_at"]) == ("limited", "2025-07-02T07:00:00-04:00")
    for bad in ("0.5", "2025-06-30T19:00", "tomorrow"):
        r = public.get(f"/api/v1/status?at={bad}")
        assert r.status_code == 422
        assert r.json()["error"]["details"][0]["field"] == "at"
    slugs = [m["slug"] for m in public.get("/api/v1/maintenances").json()]
    assert slugs == [EXAMPLE]
    assert public.get("/api/v1/maintenances/secret-draft").status_code == 404
    phases = public.get("/api/v1/phases").json()["phases"]
    assert len(phases) == 5
    timeline = public.get("/api/v1/services/facturation-paiements/timeline?lang=en").json()
    assert [s["impact"] for s in timeline["segments"]] == ["limited", "unavailable"]
    schema = public.get("/openapi.json").json()
    for path in ("/api/v1/status", "/api/v1/phases", "/api/v2/summary.json"):
        assert path in schema["paths"]


def test_past_maintenances_stay_listed(public: Public) -> None:
    public.clock.at = datetime.fromisoformat("2026-11-26T12:00-05:00")  # long after the upgrade
    html = public.get("/fr/").text
    assert "Maintenances passées" in html
    assert f'href="/fr/maintenances/{EXAMPLE}"' in html


def test_public_url_makes_feed_links_absolute(store: Store, example: Schedule) -> None:
    data.apply_schedule(context(store), schedule=example, publish=True)
    settings = Settings(database_url=store.url, public_url="https://status.example.org")
    app = create_app(settings, store=store, clock=TickingClock(JUNE_30))
    with TestClient(app) as client:
        atom = client.get("/en/feed.atom").text
        assert 'href="https://status.example.org/en/maintenances/mise-a-niveau-2025"' in atom
        summary = client.get("/api/v2/summary.json").json()
        assert summary["page"]["url"] == "https://status.example.org"
        ics = client.get("/fr/calendar.ics").text
        assert "URL:https://status.example.org/fr/maintenances/mise-a-niveau-2025" in ics


def test_a_decision_s_public_note_is_published_with_it(public: Public) -> None:
    maintenances.extend(
        public.ctx, slug=EXAMPLE, ends_at=datetime.fromisoformat("2025-07-02T09:00-04:00"),
        reason="ticket INC-4411", note=Text("La migration des données prend deux heures de plus.",
                                            "Moving the data takes two more hours."),
    )  # fmt: skip
    ns = {"a": "http://www.w3.org/2005/Atom"}
    for lang, words in (("fr", "deux heures de plus"), ("en", "two more hours")):
        feed = ET.fromstring(public.get(f"/{lang}/feed.atom").content)
        newest = feed.findall("a:entry", ns)[0].findtext("a:content", namespaces=ns) or ""
        assert words in newest.splitlines()[0]  # the note first, then what changed
        assert "→" in newest and "INC-4411" not in newest
        # The maintenance's own page says it too (found missing by a new user), never the reason
        page = public.get(f"/{lang}/maintenances/{EXAMPLE}").text
        assert words in page and "INC-4411" not in page
    assert "Mises à jour" in public.get(f"/fr/maintenances/{EXAMPLE}").text


def test_the_admin_api_takes_a_public_note_with_a_decision(public: Public) -> None:
    token = access.create_token(public.ctx, name="publisher", role=Role.PUBLISHER)
    auth = {"Authorization": f"Bearer {token}"}
    r = public.client.post(
        f"/api/v1/admin/maintenances/{EXAMPLE}/cancel", headers=auth,
        json={"reason": "budget gelé", "note": {"fr": "Reportée à l’automne.",
                                                "en": "Postponed to the fall."}},
    )  # fmt: skip
    assert r.status_code == 200, r.text
    en = public.get("/en/feed.atom").text
    assert "This maintenance is cancelled.\nPostponed to the fall." in en
    assert "budget gelé" not in en
    history = public.client.get(f"/api/v1/admin/maintenances/{EXAMPLE}/history", headers=auth)
    assert "budget gelé" in history.text  # the reason stays in the history
    bad = public.client.post(
        f"/api/v1/admin/maintenances/{EXAMPLE}/extend", headers=auth,
        json={"ends_at": "2025-07-03T07:00-04:00", "note": {"fr": "a\u0000b"}},
    )  # fmt: skip
    assert bad.status_code == 422
