"""Writers at the same time: one wins a race on a revision; many writers all land."""

from __future__ import annotations

import threading

from preavis.actions import catalogue, maintenances
from preavis.domain import Impact, Interruption, StaleRevisionError, State, Text
from preavis.storage import Store
from tests.conftest import HOUR, T0, context, make_interruption, make_maintenance, make_service


def test_two_editors_racing_on_one_revision(store: Store) -> None:
    ctx = context(store)
    catalogue.create_service(ctx, service=make_service())
    maintenances.create_draft(
        ctx, maintenance=make_maintenance(make_interruption(), state=State.DRAFT)
    )
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def edit(title: str) -> None:
        barrier.wait()
        try:
            maintenances.update_details(ctx, slug="upgrade", revision=1, title=Text(title, title))
            outcomes.append("ok")
        except StaleRevisionError:
            outcomes.append("412")

    threads = [threading.Thread(target=edit, args=(t,)) for t in ("Alpha", "Beta")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["412", "ok"]
    current, revision = maintenances.get_maintenance(ctx, slug="upgrade")
    assert revision == 2
    assert current.title.fr in ("Alpha", "Beta")
    assert len(maintenances.history(ctx, slug="upgrade")) == 2


def test_eight_concurrent_writers_lose_nothing(store: Store) -> None:
    ctx = context(store)
    catalogue.create_service(ctx, service=make_service())
    maintenances.create_draft(
        ctx, maintenance=make_maintenance(make_interruption(), state=State.DRAFT)
    )
    writers, each = 8, 6
    errors: list[BaseException] = []
    barrier = threading.Barrier(writers)

    def work(n: int) -> None:
        barrier.wait()
        try:
            for k in range(each):
                if k % 2:  # half of the writes go to one shared maintenance, without a revision
                    start = T0 + (n * each + k) * HOUR
                    item = Interruption("online-shop", Impact.LIMITED, start, start + HOUR)
                    maintenances.add_interruption(ctx, slug="upgrade", interruption=item)
                else:  # the other half create services of their own
                    catalogue.create_service(ctx, service=make_service(f"s-{n}-{k}"))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    services = catalogue.list_services(ctx)
    assert len(services) == 1 + writers * (each // 2)
    current, revision = maintenances.get_maintenance(ctx, slug="upgrade")
    assert len(current.interruptions) == 1 + writers * (each // 2)
    assert revision == 1 + writers * (each // 2)
    assert len(maintenances.history(ctx, slug="upgrade")) == revision
