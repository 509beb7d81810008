"""Store: transactions over the schema, in and out of domain objects. All SQL lives here."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    MetaData,
    Row,
    String,
    Table,
    delete,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.exc import (
    DataError,
    DBAPIError,
    DisconnectionError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    StatementError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from preavis.domain.errors import (
    ConflictError,
    NotFoundError,
    StaleRevisionError,
    StorageUnavailableError,
    ValidationError,
)
from preavis.domain.interruption import Impact, Interruption
from preavis.domain.maintenance import Maintenance, State
from preavis.domain.messages import Said
from preavis.domain.revision import FieldChange, Revision
from preavis.domain.service import Channel, Group, Service
from preavis.domain.text import Text
from preavis.storage import schema as t
from preavis.storage.aliases import AliasesTx
from preavis.storage.backup import BackupTx
from preavis.storage.engine import READ_ONLY, make_engine
from preavis.storage.hooks import HooksTx
from preavis.storage.outbox import OutboxTx
from preavis.storage.people import PeopleTx
from preavis.storage.public import PublicTx

HEAD = "0008"
log = logging.getLogger(__name__)


@contextmanager
def driver_errors() -> Iterator[None]:
    """Driver errors as domain errors, at the storage boundary. A database that cannot be
    reached (or stays locked past the wait) is StorageUnavailableError, whose message names no
    host or port: the driver's text goes to the log only."""
    try:
        yield
    # The driver's words (constraint, table and column names, sometimes a value) go to the log;
    # people get a message of ours and the field when it is known.
    except IntegrityError as exc:  # a unique slug taken meanwhile, a row still referenced
        log.info(Said("log.integrity_error", detail=_first_line(exc)))
        raise ConflictError.said("database.integrity") from exc
    except DataError as exc:  # a value this engine cannot store (NUL in PostgreSQL text)
        log.info(Said("log.data_error", detail=_first_line(exc)))
        field = _field_of(exc)  # the parameter holding a NUL, the one value PostgreSQL refuses
        if field:
            raise ValidationError.said("database.nul", field=field, name=field) from exc
        raise ValidationError.said("database.unstorable") from exc
    except (OperationalError, InterfaceError, DisconnectionError, PoolTimeoutError) as exc:
        detail = _first_line(exc)
        refused = _REFUSED.search(detail) is not None
        code = "log.database_refused" if refused else "log.database_unavailable"
        log.warning(Said(code, detail=detail))
        raise StorageUnavailableError(detail=detail, refused=refused) from exc
    except DBAPIError as exc:
        if not exc.connection_invalidated:
            raise
        log.warning(Said("log.database_lost", detail=_first_line(exc)))
        raise StorageUnavailableError(detail=_first_line(exc)) from exc
    except StatementError as exc:  # values of the wrong type (a restored export, say)
        log.info(Said("log.statement_error", detail=_first_line(exc)))
        raise ValidationError.said("database.wrong_type") from exc


# PostgreSQL's answers to a client it will not let in (libpq's words; no SQLSTATE reaches the
# client for them): a wrong password, a host not allowed, a role or a database that is not there.
_REFUSED = re.compile(
    r"password authentication failed|authentication failed for user|no pg_hba\.conf entry"
    r"|(role|database) \".*\" does not exist|password must be provided|no password supplied"
)


def _first_line(exc: Exception) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


def _field_of(exc: StatementError) -> str | None:
    """The field whose value holds a NUL, from the statement's parameters ("slug_1" -> slug)."""
    params = exc.params
    for group in params if isinstance(params, list | tuple) else [params]:
        if isinstance(group, dict):
            for name, value in group.items():
                if isinstance(value, str) and "\x00" in value:
                    return re.sub(r"_\d+$", "", str(name))
    return None


class Store:
    """One database (a URL); hands out transactions. Builds nothing until asked."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)

    def dispose(self) -> None:
        self.engine.dispose()

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """A read-write transaction: committed on success, rolled back on any error."""
        with driver_errors(), self.engine.begin() as conn:
            yield Tx(conn)

    @contextmanager
    def reading(self) -> Iterator[Tx]:
        """A read-only transaction that sees one moment (SQLite's WAL snapshot, PostgreSQL's
        REPEATABLE READ; its default would show each statement its own moment: an export could
        hold a maintenance's interruptions and not the maintenance). Never queues on SQLite."""
        with driver_errors(), self.engine.connect() as plain:
            options: dict[str, Any] = {READ_ONLY: True}
            if self.engine.dialect.name == "postgresql":
                options["isolation_level"] = "REPEATABLE READ"
            conn = plain.execution_options(**options)
            trans = conn.begin()
            try:
                yield Tx(conn)
            finally:
                trans.rollback()

    def upgrade(self) -> str:
        """Create or migrate the schema to the latest version; returns that version."""
        # Alembic only here: serving and reading never import it.
        from alembic import command  # noqa: PLC0415
        from alembic.config import Config  # noqa: PLC0415

        config = Config()
        config.set_main_option("script_location", "preavis.storage:migrations")
        with driver_errors(), self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # Nodes started together each run `db upgrade`: one migrates, the others wait
                # here for its commit, then find the schema current (SQLite's writers queue).
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _UPGRADE_LOCK})
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
        return HEAD

    def exists(self) -> bool:
        """Whether the database is there with a schema (a missing SQLite file is not created);
        StorageUnavailableError when it cannot be reached, which is not the same answer."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite" and not Path(url.database or "").exists():
            return False
        return self.version() is not None

    def version(self) -> str | None:
        """The schema version of the database, or None when it has none (Alembic's
        `alembic_version` table, read without importing Alembic)."""
        with driver_errors(), self.engine.connect() as conn:
            if not inspect(conn).has_table(_VERSIONS.name):
                return None
            found = conn.execute(select(_VERSIONS.c.version_num)).scalars().all()
            return found[0] if len(found) == 1 else None

    def schema_behind(self) -> str | None:
        """The schema version when older than this code's (`db upgrade` not run after an
        update), else None; a newer one is let be (old nodes serve during a roll-out)."""
        version = self.version()
        return version if version is not None and version < HEAD else None

    def table_names(self) -> list[str]:
        return sorted(inspect(self.engine).get_table_names())


# The advisory lock `preavis db upgrade` holds on PostgreSQL while it migrates ("préavis" as a
# number: any constant that no other application of the database uses).
_UPGRADE_LOCK = 0x70726561766973

# Alembic's own table of the schema's version (one row; none before the first migration).
_VERSIONS = Table("alembic_version", MetaData(), Column("version_num", String(32)))


def _text(row: Row[Any], prefix: str) -> Text:
    return Text(fr=row._mapping[f"{prefix}_fr"], en=row._mapping[f"{prefix}_en"])


def _service(row: Row[Any]) -> Service:
    m = row._mapping
    return Service(
        slug=m["slug"],
        name=_text(row, "name"),
        group=m["group_slug"],
        channel=Channel(m["channel"]) if m["channel"] else None,
        retired=bool(m["retired"]),
    )


class Tx(PeopleTx, OutboxTx, HooksTx, PublicTx, BackupTx, AliasesTx):
    """Queries and writes inside one transaction (people: storage/people.py; aliases:
    storage/aliases.py; notifications:
    storage/outbox.py; the public pages' reads: storage/public.py; whole tables for backups:
    storage/backup.py)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # -- groups and services --------------------------------------------------------------

    def groups(self) -> list[Group]:
        rows = self.conn.execute(select(t.groups).order_by(t.groups.c.id))
        return [Group(r.slug, _text(r, "name")) for r in rows]

    def put_group(self, group: Group) -> str | None:
        """Insert or update a group by slug: "created", "updated", or None when unchanged."""
        row = self.conn.execute(select(t.groups).where(t.groups.c.slug == group.slug)).first()
        values = {"name_fr": group.name.fr, "name_en": group.name.en}
        if row is None:
            self.conn.execute(insert(t.groups).values(slug=group.slug, **values))
            return "created"
        if Group(row.slug, _text(row, "name")) == group:
            return None
        self.conn.execute(update(t.groups).where(t.groups.c.id == row.id).values(**values))
        return "updated"

    def services(self) -> list[Service]:
        rows = self.conn.execute(select(t.services).order_by(t.services.c.id))
        return [_service(r) for r in rows]

    def services_with_revisions(self) -> list[tuple[Service, int]]:
        rows = self.conn.execute(select(t.services).order_by(t.services.c.id))
        return [(_service(r), r.revision) for r in rows]

    def service(self, slug: str) -> tuple[Service, int] | None:
        row = self.conn.execute(select(t.services).where(t.services.c.slug == slug)).first()
        return None if row is None else (_service(row), row.revision)

    def insert_service(self, service: Service, at: datetime) -> None:
        self.conn.execute(
            insert(t.services).values(
                slug=service.slug,
                revision=1,
                created_at=at,
                updated_at=at,
                **_service_values(service),
            )
        )

    def update_service(self, service: Service, at: datetime, expected: int | None = None) -> int:
        """Write a service's new version; returns its new revision (StaleRevisionError if the
        caller's revision is outdated)."""
        query = update(t.services).where(t.services.c.slug == service.slug)
        if expected is not None:
            query = query.where(t.services.c.revision == expected)
        result = self.conn.execute(
            query.values(
                revision=t.services.c.revision + 1, updated_at=at, **_service_values(service)
            ).returning(t.services.c.revision)
        ).first()
        if result is None:
            current = self.service(service.slug)
            if current is None:
                raise NotFoundError.said("service.unknown", slug=service.slug)
            raise StaleRevisionError(f"service {service.slug!r}", expected or 0, current[1])
        return int(result[0])

    def service_in_use(self, slug: str, after: datetime) -> int:
        """How many interruptions of non-cancelled maintenances name the service and end after
        `after` (past ones are history, and do not keep a service from retiring)."""
        query = (
            select(func.count())
            .select_from(t.interruptions.join(t.services).join(t.maintenances))
            .where(
                t.services.c.slug == slug,
                t.maintenances.c.state != State.CANCELLED.value,
                t.interruptions.c.ends_at > after,
            )
        )
        return int(self.conn.execute(query).scalar_one())

    def _service_ids(self) -> dict[str, int]:
        return {r.slug: r.id for r in self.conn.execute(select(t.services.c.slug, t.services.c.id))}

    # -- maintenances ---------------------------------------------------------------------

    def maintenances(self, states: Iterable[State] | None = None) -> list[tuple[Maintenance, int]]:
        """Every maintenance (with its revision), in creation order."""
        query = select(t.maintenances).order_by(t.maintenances.c.id)
        if states is not None:
            query = query.where(t.maintenances.c.state.in_([s.value for s in states]))
        rows = list(self.conn.execute(query))
        return [(m, r.revision) for m, r in zip(self._load(rows), rows, strict=True)]

    def _load(self, rows: list[Row[Any]]) -> list[Maintenance]:
        """The maintenances of these rows, with their interruptions. Equal texts and instants
        are kept once (a programme repeats its descriptions and windows across services)."""
        if not rows:
            return []
        items: dict[int, list[Interruption]] = {r.id: [] for r in rows}
        query_items = (
            select(t.interruptions, t.services.c.slug.label("service_slug"))
            .join(t.services)
            .where(t.interruptions.c.maintenance_id.in_(list(items)))
            .order_by(t.interruptions.c.maintenance_id, t.interruptions.c.position)
        )
        once: dict[Any, Any] = {}
        for r in self.conn.execute(query_items):
            items[r.maintenance_id].append(_interruption(r, once))
        return [_maintenance(r, items[r.id]) for r in rows]

    def maintenance(self, slug: str) -> tuple[Maintenance, int] | None:
        row = self.conn.execute(select(t.maintenances).where(t.maintenances.c.slug == slug)).first()
        if row is None:
            return None
        query = (
            select(t.interruptions, t.services.c.slug.label("service_slug"))
            .join(t.services)
            .where(t.interruptions.c.maintenance_id == row.id)
            .order_by(t.interruptions.c.position)
        )
        items = [_interruption(r) for r in self.conn.execute(query)]
        return _maintenance(row, items), row.revision

    def claim(self, slug: str, expected: int | None) -> int:
        """Take the maintenance for a write: bump its revision (locking the row until commit).

        With `expected`, a revision other than it raises StaleRevisionError and nothing changes.
        Returns the new revision.
        """
        query = update(t.maintenances).where(t.maintenances.c.slug == slug)
        if expected is not None:
            query = query.where(t.maintenances.c.revision == expected)
        result = self.conn.execute(
            query.values(revision=t.maintenances.c.revision + 1).returning(
                t.maintenances.c.revision
            )
        ).first()
        if result is not None:
            return int(result[0])
        row = self.conn.execute(
            select(t.maintenances.c.revision).where(t.maintenances.c.slug == slug)
        ).first()
        if row is None:
            raise NotFoundError.said("maintenance.unknown", slug=slug)
        raise StaleRevisionError(f"maintenance {slug!r}", expected or 0, int(row[0]))

    def applied_digests(self) -> dict[str, str | None]:
        """Each maintenance's digest of the schedule file `apply` last wrote it from (None once
        anything else wrote it)."""
        query = select(t.maintenances.c.slug, t.maintenances.c.applied_digest)
        return {r.slug: r.applied_digest for r in self.conn.execute(query)}

    def set_applied_digest(self, slug: str, applied: str) -> None:
        """Record that the stored maintenance is what a schedule file with this digest says."""
        query = update(t.maintenances).where(t.maintenances.c.slug == slug)
        self.conn.execute(query.values(applied_digest=applied))

    def insert_maintenance(self, m: Maintenance, at: datetime, applied: str | None = None) -> None:
        published = at if m.state is State.PUBLISHED else None
        result = self.conn.execute(
            insert(t.maintenances)
            .values(
                slug=m.slug,
                revision=1,
                created_at=at,
                updated_at=at,
                published_at=published,
                applied_digest=applied,
                **_maintenance_values(m),
            )
            .returning(t.maintenances.c.id)
        )
        self._write_interruptions(int(result.scalar_one()), m.interruptions)

    def save_maintenance(self, m: Maintenance, at: datetime, applied: str | None = None) -> None:
        """Write a claimed maintenance's new version (fields and interruptions); `applied` is
        the schedule file's digest when `apply` writes it, and is cleared by any other write."""
        published: Any = t.maintenances.c.published_at
        if m.state is State.PUBLISHED:
            published = func.coalesce(t.maintenances.c.published_at, at)
        result = self.conn.execute(
            update(t.maintenances)
            .where(t.maintenances.c.slug == m.slug)
            .values(
                updated_at=at,
                published_at=published,
                applied_digest=applied,
                **_maintenance_values(m),
            )
            .returning(t.maintenances.c.id)
        )
        ident = int(result.scalar_one())
        self.conn.execute(delete(t.interruptions).where(t.interruptions.c.maintenance_id == ident))
        self._write_interruptions(ident, m.interruptions)

    def _write_interruptions(self, ident: int, items: Iterable[Interruption]) -> None:
        ids = self._service_ids()
        rows = []
        for position, i in enumerate(items):
            if i.service not in ids:
                raise NotFoundError.said("service.unknown", slug=i.service)
            rows.append(
                {
                    "maintenance_id": ident,
                    "key": i.key,
                    "service_id": ids[i.service],
                    "impact": i.impact.value,
                    "starts_at": i.starts_at,
                    "ends_at": i.ends_at,
                    "description_fr": i.description.fr,
                    "description_en": i.description.en,
                    "position": position,
                }
            )
        if rows:
            self.conn.execute(insert(t.interruptions), rows)

    def stamp(self) -> str:
        """A version of everything public: it changes whenever anything is written (every
        write records a revision)."""
        latest = self.conn.execute(select(func.max(t.revisions.c.id))).scalar_one()
        count = self.conn.execute(select(func.count()).select_from(t.revisions)).scalar_one()
        return f"{latest or 0}-{count}"

    # -- revisions ------------------------------------------------------------------------

    def add_revision(self, revision: Revision) -> None:
        self.conn.execute(
            insert(t.revisions).values(
                subject=revision.subject,
                number=revision.number,
                actor=revision.actor,
                at=revision.at,
                reason=revision.reason,
                changes=json.dumps(
                    [[c.field, c.before, c.after] for c in revision.changes], ensure_ascii=False
                ),
            )
        )

    def revisions(self, subject: str) -> list[Revision]:
        query = select(t.revisions).where(t.revisions.c.subject == subject)
        return [_revision(r) for r in self.conn.execute(query.order_by(t.revisions.c.number))]

    def all_revisions(self) -> list[Revision]:
        query = select(t.revisions).order_by(t.revisions.c.subject, t.revisions.c.number)
        return [_revision(r) for r in self.conn.execute(query)]

    def last_revision_number(self, subject: str) -> int:
        query = select(func.max(t.revisions.c.number)).where(t.revisions.c.subject == subject)
        return int(self.conn.execute(query).scalar_one() or 0)

    # -- tokens ---------------------------------------------------------------------------

    def insert_token(self, name: str, role: str, digest: str, at: datetime) -> None:
        self.conn.execute(
            insert(t.tokens).values(name=name, role=role, digest=digest, created_at=at)
        )

    def token_by_digest(self, digest: str) -> dict[str, Any] | None:
        row = self.conn.execute(select(t.tokens).where(t.tokens.c.digest == digest)).first()
        return None if row is None else dict(row._mapping)

    def tokens(self) -> list[dict[str, Any]]:
        rows = self.conn.execute(select(t.tokens).order_by(t.tokens.c.id))
        return [dict(r._mapping) for r in rows]

    def revoke_token(self, name: str, at: datetime) -> bool:
        result = self.conn.execute(
            update(t.tokens)
            .where(t.tokens.c.name == name, t.tokens.c.revoked_at.is_(None))
            .values(revoked_at=at)
        )
        return bool(result.rowcount)


def _service_values(service: Service) -> dict[str, Any]:
    return {
        "name_fr": service.name.fr,
        "name_en": service.name.en,
        "group_slug": service.group,
        "channel": service.channel.value if service.channel else None,
        "retired": service.retired,
    }


def _maintenance_values(m: Maintenance) -> dict[str, Any]:
    return {
        "title_fr": m.title.fr,
        "title_en": m.title.en,
        "summary_fr": m.summary.fr,
        "summary_en": m.summary.en,
        "timezone": m.timezone,
        "state": m.state.value,
        "starts_at": m.starts_at,
        "ends_at": m.ends_at,
    }


def _interruption(row: Row[Any], once: dict[Any, Any] | None = None) -> Interruption:
    m = row._mapping
    description = _text(row, "description")
    starts_at, ends_at = m["starts_at"], m["ends_at"]
    if once is not None:  # equal values kept once per read
        description = once.setdefault(description, description)
        starts_at = once.setdefault(starts_at, starts_at)
        ends_at = once.setdefault(ends_at, ends_at)
    return Interruption(
        service=m["service_slug"],
        impact=Impact(m["impact"]),
        starts_at=starts_at,
        ends_at=ends_at,
        description=description,
        key=m["key"],
    )


def _maintenance(row: Row[Any], items: list[Interruption]) -> Maintenance:
    m = row._mapping
    return Maintenance(
        slug=m["slug"],
        title=_text(row, "title"),
        timezone=m["timezone"],
        interruptions=tuple(items),
        summary=_text(row, "summary"),
        state=State(m["state"]),
        starts_at=m["starts_at"],
        ends_at=m["ends_at"],
    )


def _revision(row: Row[Any]) -> Revision:
    m = row._mapping
    return Revision(
        subject=m["subject"],
        number=m["number"],
        actor=m["actor"],
        at=m["at"],
        reason=m["reason"],
        changes=tuple(FieldChange(f, b, a) for f, b, a in json.loads(m["changes"])),
    )
