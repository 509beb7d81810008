"""The public data a worker holds: lean (histories kept as stored, decoded when shown) and
shared between the copy being served and the one built beside it, yet showing exactly what a
fresh read shows."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import timedelta

from preavis.actions import catalogue, data, maintenances
from preavis.actions.public import PublicData, public_data
from preavis.clock import FixedClock
from preavis.domain import Schedule, Text
from preavis.storage import PackedRevision, Store
from preavis.storage.store import HEAD
from preavis.web.site import Site
from tests.conftest import T0, context, make_interruption, make_maintenance

SECOND = "second-programme"


def _two_published(store: Store, example: Schedule) -> str:
    """The example programme and a second one, both published; returns the example's slug."""
    ctx = context(store)
    data.apply_schedule(ctx, schedule=example, publish=True)
    service = example.maintenances[0].interruptions[0].service
    second = make_maintenance(make_interruption("upcoming", service=service), slug=SECOND)
    maintenances.create_draft(ctx, maintenance=replace(second, state=second.state.DRAFT))
    maintenances.publish(ctx, slug=SECOND)
    return example.maintenances[0].slug


def _changed(store: Store, slug: str) -> None:
    """A change of each kind the public history shows: a note, an extension, a cancellation."""
    ctx = context(store)
    found, _ = maintenances.get_maintenance(ctx, slug=slug)
    window = found.window
    assert window is not None
    maintenances.extend(
        ctx, slug=slug, ends_at=window[1] + timedelta(hours=3), reason="internal reason",
        note=Text("Les travaux se prolongent.", "The work runs longer."),
    )  # fmt: skip
    maintenances.cancel(ctx, slug=slug, note=Text("Annulé : reporté.", "Cancelled: postponed."))


def test_a_new_copy_takes_what_did_not_change_from_the_one_served(
    store: Store, example: Schedule
) -> None:
    slug = _two_published(store, example)
    clock = FixedClock(T0)
    first = public_data(store=store, clock=clock)
    again = public_data(store=store, clock=clock, previous=first)
    assert all(a is b for a, b in zip(first.maintenances, again.maintenances, strict=True))
    assert all(a is b for a, b in zip(first.services, again.services, strict=True))

    _changed(store, SECOND)
    renamed = example.services[-1].slug
    catalogue.change_service(context(store), slug=renamed, name=Text("Nouveau nom", "New name"))
    after = public_data(store=store, clock=clock, previous=again)
    assert after.maintenance(slug) is again.maintenance(slug)  # unchanged: shared
    second = after.maintenance(SECOND)
    assert second is not again.maintenance(SECOND)
    assert second.cancelled and not again.maintenance(SECOND).cancelled
    assert len(second.changes) == len(again.maintenance(SECOND).changes) + 2
    assert after.service(renamed).name.en == "New name"
    others = [s for s in after.services if s.slug != renamed]
    assert all(s is again.service(s.slug) for s in others)


def test_histories_are_kept_as_stored_and_decode_to_the_revisions(
    store: Store, example: Schedule
) -> None:
    slug = _two_published(store, example)
    _changed(store, SECOND)
    found = public_data(store=store, clock=FixedClock(T0))
    with store.reading() as tx:  # the revisions as every other reader decodes them
        for p in found.maintenances:
            assert all(isinstance(r, PackedRevision) for r in p.history)
            stored = tx.revisions(f"maintenance:{p.maintenance.slug}")
            assert p.changes == tuple(r for r in stored if r.at >= p.published_at)
    notes = [r.changes[-1].after for r in found.maintenance(SECOND).changes[-2:]]
    assert notes == ["The work runs longer.", "Cancelled: postponed."]  # extended, cancelled
    assert found.maintenance(slug).changes


def _pages(site: Site, found: PublicData) -> dict[str, bytes]:
    """Every public view that shows a history or the catalogue, rendered from `found`."""
    now = T0
    pages = {}
    for lang in ("fr", "en"):
        pages[f"feed.{lang}"] = site.feed(lang, found).body
        pages[f"calendar.{lang}"] = site.calendar(lang, found).body
        pages[f"archive.{lang}"] = site.archive_page(lang, found, now).body
        pages[f"home.{lang}"] = site.home(lang, None, site.zone, found, now).body
        for p in found.maintenances:
            slug = p.maintenance.slug
            page = site.maintenance_page(lang, slug, None, site.zone, found, now)
            pages[f"{slug}.{lang}"] = page.body
    return pages


def test_pages_from_a_shared_copy_are_those_of_a_fresh_read(
    store: Store, example: Schedule
) -> None:
    _two_published(store, example)
    clock = FixedClock(T0)
    site = Site(store, clock)
    served = public_data(store=store, clock=clock)
    _changed(store, SECOND)
    catalogue.change_service(
        context(store), slug=example.services[0].slug, name=Text("Nouveau", "New")
    )
    shared = public_data(store=store, clock=clock, previous=served)
    fresh = public_data(store=store, clock=clock)
    assert shared.maintenances[0] is served.maintenances[0]
    pages = _pages(site, shared)
    assert pages == _pages(site, fresh)
    maintenance_page = pages[f"{SECOND}.en"].decode()
    # the history as the public sees it: the notes, never the internal reason
    assert (
        "The work runs longer." in maintenance_page and "Cancelled: postponed." in maintenance_page
    )
    assert "internal reason" not in maintenance_page
    assert "The work runs longer." in pages["feed.en"].decode()
    assert "New" in pages["home.en"].decode()


def test_the_schema_version_is_read_without_alembic(tmp_path: object) -> None:
    empty = Store(f"sqlite:///{tmp_path}/empty.db")
    assert empty.version() is None
    empty.upgrade()
    assert empty.version() == HEAD
    empty.dispose()


def test_serving_does_not_import_the_notice_reader_pdf_hooks_or_migrations(
    store: Store, example: Schedule
) -> None:
    """What `preavis serve` imports, then the application built and the public data read (a
    fresh interpreter: the tests' own imports do not count)."""
    data.apply_schedule(context(store), schedule=example, publish=True)
    script = (
        "import sys\n"
        "import preavis.cli, uvicorn\n"
        "from preavis.settings import Settings\n"
        "from preavis.storage import Store\n"
        "from preavis.web.app import create_app\n"
        f"url = {store.url!r}\n"
        "assert Store(url).exists()\n"
        "front = create_app(Settings.from_env({'PREAVIS_DATABASE_URL': url}))\n"
        "assert front.site.data().maintenances\n"
        "heavy = ('pypdf', 'rapidfuzz', 'alembic', 'apprise', 'httpx', 'preavis.notices.reader')\n"
        "print(' '.join(m for m in heavy if m in sys.modules))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == []
