"""Shared factories: plain functions with named states, a fixed instant, no clock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import settings

from preavis.actions import Context, example_text
from preavis.domain import Impact, Interruption, Maintenance, Schedule, Service, State, Text
from preavis.domain.access import Actor, Role
from preavis.formats.schedule import load_schedule
from preavis.storage import Store

# No test asserts on time: Hypothesis's default 200 ms deadline per example is one, and fails
# on a loaded machine (CI, several checkouts testing at once).
settings.register_profile("preavis", deadline=None)
settings.load_profile("preavis")

T0 = datetime(2025, 6, 30, 23, 0, tzinfo=UTC)  # 19:00 in Toronto (EDT)
HOUR = timedelta(hours=1)
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_658e30807bfc5fb2.txt"


def make_service(slug: str = "online-shop", **kwargs: object) -> Service:
    name = kwargs.pop("name", Text(fr=f"{slug} (fr)", en=f"{slug} (en)"))
    return Service(slug=slug, name=name, **kwargs)  # type: ignore[arg-type]


def make_interruption(
    state: Literal["upcoming", "ongoing", "past"] = "ongoing",
    *,
    at: datetime = T0,
    service: str = "online-shop",
    impact: Impact = Impact.UNAVAILABLE,
    hours: int = 2,
) -> Interruption:
    """An interruption that is upcoming, ongoing or past as seen from `at`."""
    start = {"upcoming": at + HOUR, "ongoing": at - HOUR, "past": at - (hours + 1) * HOUR}[state]
    return Interruption(
        service=service,
        impact=impact,
        starts_at=start,
        ends_at=start + hours * HOUR,
        description=Text(fr="Fermé.", en="Closed."),
    )


def make_maintenance(
    *items: Interruption, slug: str = "upgrade", state: State = State.PUBLISHED, **kwargs: object
) -> Maintenance:
    return Maintenance(
        slug=slug,
        title=Text(fr="Mise à niveau", en="Upgrade"),
        timezone=str(kwargs.pop("timezone", "America/Toronto")),
        interruptions=items,
        state=state,
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="session")
def example() -> Schedule:
    return load_schedule(example_text()).schedule


# -- databases: SQLite always, PostgreSQL when PREAVIS_TEST_DATABASE_URL names one -------------

PG_URL = os.environ.get("PREAVIS_TEST_DATABASE_URL", "")
ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def fresh_url(engine: str, tmp_path: Path) -> str:
    """An empty database of that engine (PostgreSQL: its public schema emptied)."""
    if engine == "sqlite":
        tmp_path.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{tmp_path}/preavis-test.db"
    if not PG_URL:
        pytest.skip("PostgreSQL leg: set PREAVIS_TEST_DATABASE_URL (.ci/postgres.sh start)")
    from sqlalchemy import create_engine, text

    engine_ = create_engine(PG_URL)
    with engine_.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine_.dispose()
    return PG_URL


@pytest.fixture(params=ENGINES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    made = Store(fresh_url(request.param, tmp_path))
    made.upgrade()
    yield made
    made.dispose()


class TickingClock:
    """A fixed clock that moves only when told to."""

    def __init__(self, at: datetime = T0) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at


ADMIN = Actor("test-admin", Role.ADMIN)


def context(store: Store, role: Role = Role.ADMIN, name: str = "tester") -> Context:
    return Context(store=store, clock=TickingClock(), actor=Actor(name, role))


@pytest.fixture(autouse=True)
def _no_stray_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Commands under test never see a preavis.db left in the working directory."""
    monkeypatch.setenv("PREAVIS_DATABASE_URL", f"sqlite:///{tmp_path}/cli.db")
    monkeypatch.delenv("PREAVIS_LANG", raising=False)
    monkeypatch.delenv("PREAVIS_LANGUAGES", raising=False)
    for name in ("LC_ALL", "LC_MESSAGES"):  # the command line's language falls back on these
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
