"""The whole database as rows, for `preavis export` and `restore`: which tables a backup
carries, every exported row checked against the schema before anything is written (the table,
the row and the field named), and the rows read and written as they are.

A mixin of Tx (storage.store), like storage/people.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    Integer,
    String,
    Table,
    UniqueConstraint,
    func,
    insert,
    select,
)

from preavis.domain.errors import ValidationError
from preavis.domain.text import check_text
from preavis.domain.zones import require_aware
from preavis.storage import schema as t

# What a backup carries, in the order rows are written (a row only names rows written before).
CARRIED = (
    "groups",
    "services",
    "maintenances",
    "interruptions",
    "revisions",
    "tokens",
    "users",
    "subscribers",
    "events",
    "deliveries",
    "endpoints",
    "endpoint_deliveries",
    "reminder_offsets",
    "service_aliases",
)
# Left out on purpose (docs/operations.md, backup and restore): what is short-lived or only
# guards against abuse. A table added to the schema must be put in one list or the other
# (tests/storage/test_backup.py checks it).
NOT_CARRIED = ("sessions", "password_links", "sign_in_failures", "throttle_hits")
# Tables added to CARRIED since version 2 was first written: a version 2 file without them is
# read as having none of their rows (it was written before they existed).
LATER = ("service_aliases",)

INT_LOW, INT_HIGH = -(2**31), 2**31 - 1  # PostgreSQL's INTEGER, the tightest engine
# The catalogue's text follows the domain's one rule on characters (domain/text.py), said here
# with its table and row; these columns may hold several lines. A revision's changes are JSON.
RULED = ("groups", "services", "service_aliases", "maintenances", "interruptions", "revisions")
MULTI_LINE = {"summary_fr", "summary_en", "description_fr", "description_en", "reason"}


def _key(table: Table, row: Mapping[str, Any]) -> str:
    """How a row is named in an error: its primary key ("id 7", "slug upgrade")."""
    parts = [f"{c.name} {row.get(c.name)!s}" for c in table.primary_key.columns]
    return ", ".join(parts)


def problem_at(
    table: str, row: int, key: str, name: str, error: ValidationError
) -> ValidationError:
    """`error` found in a field of an exported row, said with the table, row and field."""
    return ValidationError.said(
        "export.at", field=f"{table}[{row}].{name}", table=table, row=row, key=key, name=name,
        error=error,
    )  # fmt: skip


def _value(column: Any, value: Any, ruled: bool = False) -> Any:
    """One exported value as the column takes it; ValidationError saying what is wrong."""
    if value is None:
        if not column.nullable:
            raise ValidationError.said("export.null")
        return None
    kind = column.type
    if isinstance(kind, t.UTCDateTime):
        try:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise ValidationError.said("export.instant", value=str(value)[:80])
        return require_aware(moment)  # within the years every page can show
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise ValidationError.said("export.boolean", value=str(value)[:80])
        return value
    if isinstance(kind, Integer):
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not INT_LOW <= value <= INT_HIGH
        ):
            raise ValidationError.said(
                "export.integer", value=str(value)[:80], low=INT_LOW, high=INT_HIGH
            )
        return value
    if not isinstance(value, str):
        raise ValidationError.said("export.text", value=str(value)[:80])
    if "\x00" in value:  # PostgreSQL cannot store it; nothing we write holds it
        raise ValidationError.said("export.nul")
    limit = getattr(kind, "length", None) if isinstance(kind, String) else None
    if limit is not None and len(value) > limit:
        raise ValidationError.said("export.too_long", length=len(value), limit=limit)
    if ruled and column.name != "changes":
        check_text(value, "", multiline=column.name in MULTI_LINE)
    return value


def decode_rows(name: str, rows: object) -> list[dict[str, Any]]:
    """The rows of table `name` as exported, checked column by column and converted (instants
    from RFC 3339); ValidationError naming the table, the row (from 1) and the field."""
    table = t.metadata.tables[name]
    if not isinstance(rows, list):
        raise ValidationError.said("export.rows", field=name, table=name)
    decoded = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise ValidationError.said(
                "export.not_a_row", field=f"{name}[{number}]", table=name, row=number
            )
        key = _key(table, row)
        for field in row:
            if field not in table.columns:
                raise problem_at(
                    name, number, key, str(field), ValidationError.said("export.unknown")
                )
        values: dict[str, Any] = {}
        for column in table.columns:
            if column.name not in row:
                if column.nullable:  # a column added since the file was written
                    values[column.name] = None
                    continue
                raise problem_at(
                    name, number, key, column.name, ValidationError.said("export.missing")
                )
            try:
                values[column.name] = _value(column, row[column.name], name in RULED)
            except ValidationError as exc:
                raise problem_at(name, number, key, column.name, exc) from None
        decoded.append(values)
    return decoded


def check_links(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
    """Keys unique where the schema says so, and every reference to a row that is there: said
    with the table, row and field before the database would refuse them in its own words."""
    for name, rows in tables.items():
        table = t.metadata.tables[name]
        uniques = [tuple(c.name for c in table.primary_key.columns)]
        uniques += [(c.name,) for c in table.columns if c.unique]
        uniques += [
            tuple(c.name for c in constraint.columns)
            for constraint in table.constraints
            if isinstance(constraint, UniqueConstraint)
        ]
        for columns in dict.fromkeys(uniques):
            seen: dict[tuple[Any, ...], int] = {}
            for number, row in enumerate(rows, start=1):
                value = tuple(row[c] for c in columns)
                if value in seen:
                    error = ValidationError.said(
                        "export.duplicate", value=" ".join(map(str, value)), other=seen[value]
                    )
                    raise problem_at(name, number, _key(table, row), columns[-1], error)
                seen[value] = number
        for foreign in table.foreign_keys:
            target = foreign.column.table.name
            there = {r[foreign.column.name] for r in tables.get(target, ())}
            for number, row in enumerate(rows, start=1):
                value = row[foreign.parent.name]
                if value is not None and value not in there:
                    error = ValidationError.said(
                        "export.reference", value=str(value), target=target
                    )
                    raise problem_at(name, number, _key(table, row), foreign.parent.name, error)


class BackupTx:
    """Whole tables read and written, inside the transaction of `conn`."""

    conn: Connection

    def is_empty(self) -> bool:
        """No row in any table a backup carries (a restore goes into an empty database)."""
        for name in CARRIED:
            table = t.metadata.tables[name]
            if self.conn.execute(select(func.count()).select_from(table)).scalar_one():
                return False
        return True

    def rows(self, table_name: str) -> list[dict[str, Any]]:
        """Every row of a table, by primary key (export)."""
        table = t.metadata.tables[table_name]
        query = select(table).order_by(*table.primary_key.columns)
        return [dict(r._mapping) for r in self.conn.execute(query)]

    def load_rows(self, table_name: str, rows: list[dict[str, Any]]) -> None:
        """Insert rows as decode_rows gave them, keys included (restore into an empty
        database); on PostgreSQL the id sequence then continues after the largest id."""
        table = t.metadata.tables[table_name]
        if not rows:
            return
        self.conn.execute(insert(table), rows)
        if self.conn.dialect.name == "postgresql" and "id" in table.columns:
            self.conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table_name}', 'id'), "
                f"(SELECT MAX(id) FROM {table_name}))"
            )
