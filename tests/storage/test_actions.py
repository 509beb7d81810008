"""Stored use cases, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from preavis.actions import Context, backup, catalogue, data, maintenances
from preavis.actions import access as tokens
from preavis.domain import (
    ConflictError,
    Impact,
    Interruption,
    NotFoundError,
    Schedule,
    State,
    Text,
    ValidationError,
)
from preavis.domain.access import Role
from preavis.domain.errors import (
    AuthenticationError,
    PermissionDeniedError,
    StaleRevisionError,
)
from preavis.storage import Store
from tests.conftest import (
    HOUR,
    SEED,
    T0,
    context,
    fresh_url,
    make_interruption,
    make_maintenance,
    make_service,
)


def seeded(store: Store) -> Context:
    ctx = context(store)
    catalogue.create_service(
        ctx, service=make_service("online-shop", name=Text("Boutique", "Shop"))
    )
    catalogue.create_service(
        ctx, service=make_service("tracking", name=Text("Repérage", "Tracking"))
    )
    return ctx


def draft(ctx: Context, *items: Interruption) -> str:
    m = make_maintenance(*(items or (make_interruption("upcoming"),)), state=State.DRAFT)
    stored, revision = maintenances.create_draft(ctx, maintenance=m)
    assert revision == 1
    assert all(i.key for i in stored.interruptions)
    return stored.slug


def test_draft_life_cycle_with_history(store: Store) -> None:
    ctx = seeded(store)
    slug = draft(ctx)
    added, rev = maintenances.add_interruption(
        ctx, slug=slug, revision=1, reason="tracking too",
        interruption=make_interruption("upcoming", service="tracking", impact=Impact.LIMITED),
    )  # fmt: skip
    assert rev == 2
    key = added.interruptions[1].key
    edited, rev = maintenances.edit_interruption(
        ctx, slug=slug, key=key, revision=2,
        interruption=replace(added.interruptions[1], ends_at=T0 + 5 * HOUR),
    )  # fmt: skip
    assert edited.interruptions[1].ends_at == T0 + 5 * HOUR
    removed, rev = maintenances.remove_interruption(ctx, slug=slug, key=key, revision=rev)
    assert len(removed.interruptions) == 1
    published, rev = maintenances.publish(ctx, slug=slug, revision=rev, reason="go")
    assert published.state is State.PUBLISHED
    history = maintenances.history(ctx, slug=slug)
    assert [h.number for h in history] == [1, 2, 3, 4, 5]
    assert history[1].reason == "tracking too"
    assert history[1].actor == "tester"
    assert any(c.field.endswith(".service") and c.after == "tracking" for c in history[1].changes)
    assert [(c.field, c.before, c.after) for c in history[-1].changes] == [
        ("state", "draft", "published")
    ]


def test_an_outdated_revision_is_refused_and_nothing_is_lost(store: Store) -> None:
    ctx = seeded(store)
    slug = draft(ctx)
    maintenances.update_details(ctx, slug=slug, revision=1, title=Text("Nouveau", "New"))
    with pytest.raises(StaleRevisionError):
        maintenances.update_details(ctx, slug=slug, revision=1, title=Text("Autre", "Other"))
    current, revision = maintenances.get_maintenance(ctx, slug=slug)
    assert (current.title.en, revision) == ("New", 2)


def test_publishing_needs_both_languages(store: Store) -> None:
    ctx = seeded(store)
    item = replace(make_interruption("upcoming"), description=Text(fr="Fermé", en=""))
    slug = draft(ctx, item)
    with pytest.raises(ValidationError, match=r"missing translations.*description\.en"):
        maintenances.publish(ctx, slug=slug)
    one_language = replace(ctx, languages=("fr",))
    assert maintenances.publish(one_language, slug=slug)[0].state is State.PUBLISHED


def test_reschedule_extend_end_early_cancel(store: Store) -> None:
    ctx = seeded(store)
    slug = draft(ctx, make_interruption("upcoming", hours=4))
    maintenances.publish(ctx, slug=slug)
    moved, _ = maintenances.reschedule(ctx, slug=slug, starts_at=T0 + 24 * HOUR)
    assert moved.interruptions[0].starts_at == T0 + 24 * HOUR
    longer, _ = maintenances.extend(ctx, slug=slug, ends_at=T0 + 30 * HOUR)
    assert longer.interruptions[0].ends_at == T0 + 30 * HOUR
    shorter, _ = maintenances.end_early(ctx, slug=slug, at=T0 + 26 * HOUR)
    assert shorter.interruptions[0].ends_at == T0 + 26 * HOUR
    cancelled, _ = maintenances.cancel(ctx, slug=slug, reason="no longer needed")
    assert cancelled.state is State.CANCELLED
    assert maintenances.get_maintenance(ctx, slug=slug)[0].state is State.CANCELLED
    with pytest.raises(ConflictError):
        maintenances.publish(ctx, slug=slug)


def test_roles(store: Store) -> None:
    ctx = seeded(store)
    slug = draft(ctx)
    viewer, editor = context(store, Role.VIEWER, "v"), context(store, Role.EDITOR, "e")
    assert maintenances.get_maintenance(viewer, slug=slug)[1] == 1
    with pytest.raises(PermissionDeniedError):
        maintenances.update_details(viewer, slug=slug, title=Text("x", "y"))
    maintenances.update_details(editor, slug=slug, title=Text("x", "y"))
    with pytest.raises(PermissionDeniedError):
        maintenances.publish(editor, slug=slug)
    maintenances.publish(ctx, slug=slug)
    with pytest.raises(PermissionDeniedError, match="publisher"):
        maintenances.update_details(editor, slug=slug, title=Text("z", "z"))
    with pytest.raises(PermissionDeniedError):
        catalogue.create_service(editor, service=make_service("other"))
    # A refused write changes nothing, the revision included.
    assert maintenances.get_maintenance(viewer, slug=slug)[1] == 3


def test_services_rename_regroup_retire(store: Store) -> None:
    ctx = seeded(store)
    service, rev = catalogue.rename_service(ctx, slug="tracking", name=Text("Suivi", "Tracking"))
    assert (service.name.fr, rev) == ("Suivi", 2)
    with pytest.raises(ValidationError, match="unknown group"):
        catalogue.regroup_service(ctx, slug="tracking", group="nowhere")
    slug = draft(ctx, make_interruption("upcoming", service="tracking"))
    with pytest.raises(ConflictError, match="still to come"):
        catalogue.retire_service(ctx, slug="tracking")
    maintenances.cancel(ctx, slug=slug)
    retired, _ = catalogue.retire_service(ctx, slug="tracking", reason="replaced")
    assert retired.retired
    with pytest.raises(ConflictError):
        catalogue.create_service(ctx, service=make_service("tracking"))


def test_unknown_objects(store: Store) -> None:
    ctx = seeded(store)
    with pytest.raises(NotFoundError):
        maintenances.get_maintenance(ctx, slug="nope")
    with pytest.raises(NotFoundError):
        maintenances.publish(ctx, slug="nope")
    slug = draft(ctx)
    with pytest.raises(NotFoundError):
        maintenances.remove_interruption(ctx, slug=slug, key="abc")
    with pytest.raises(ValidationError, match="unknown service"):
        maintenances.add_interruption(
            ctx, slug=slug, interruption=make_interruption(service="ghost")
        )


def test_apply_the_example_twice_changes_nothing(store: Store, example: Schedule) -> None:
    ctx = context(store)
    first = data.apply_schedule(ctx, schedule=example, publish=True)
    assert len(first.created) == 7 + 26 + 1  # groups, services, the maintenance
    assert first.published == ["maintenance:mise-a-niveau-2025"]
    second = data.apply_schedule(ctx, schedule=example, publish=True)
    assert (second.created, second.updated, len(second.unchanged)) == ([], [], 34)
    keys = [
        i.key for i in maintenances.get_maintenance(ctx, slug="mise-a-niveau-2025")[0].interruptions
    ]
    moved = replace(
        example,
        maintenances=(
            replace(
                example.maintenances[0],
                ends_at=example.maintenances[0].ends_at + timedelta(hours=2),  # type: ignore[operator]
                interruptions=tuple(
                    replace(i, ends_at=i.ends_at + timedelta(hours=2))
                    for i in example.maintenances[0].interruptions
                ),
            ),
        ),
    )
    third = data.apply_schedule(ctx, schedule=moved)
    assert third.updated == ["maintenance:mise-a-niveau-2025"]
    again = maintenances.get_maintenance(ctx, slug="mise-a-niveau-2025")
    assert [i.key for i in again[0].interruptions] == keys  # keys survive a rescheduled file
    assert again[1] == 2


def test_apply_again_restores_what_another_write_changed(store: Store, example: Schedule) -> None:
    """An unchanged file is skipped by its digest, but only while `apply` was the last writer:
    an edit made elsewhere is undone by the next apply of the file, as before."""
    ctx = context(store)
    data.apply_schedule(ctx, schedule=example, publish=True)
    slug = "mise-a-niveau-2025"
    first = maintenances.get_maintenance(ctx, slug=slug)[0].interruptions[0]
    maintenances.remove_interruption(ctx, slug=slug, key=first.key)
    assert len(maintenances.get_maintenance(ctx, slug=slug)[0].interruptions) == 27
    again = data.apply_schedule(ctx, schedule=example, publish=True)
    assert again.updated == [f"maintenance:{slug}"]
    assert len(maintenances.get_maintenance(ctx, slug=slug)[0].interruptions) == 28
    assert f"maintenance:{slug}" in data.apply_schedule(ctx, schedule=example).unchanged
    # A file that differs from the last applied one is compared in full, not skipped.
    other = replace(example, maintenances=(replace(example.maintenances[0], timezone="UTC"),))
    assert data.apply_schedule(ctx, schedule=other).updated == [f"maintenance:{slug}"]


def test_export_restore_round_trip(store: Store, example: Schedule, tmp_path: Path) -> None:
    ctx = context(store)
    data.apply_schedule(ctx, schedule=example, publish=True)
    maintenances.cancel(ctx, slug="mise-a-niveau-2025", reason="for the history")
    tokens.create_token(ctx, name="ci", role=Role.EDITOR)
    document = data.export_data(ctx)
    text = json.dumps(document)
    store.dispose()
    engine = "postgresql" if store.url.startswith("postgresql") else "sqlite"
    target = Store(fresh_url(engine, tmp_path / "restored"))  # same engine, emptied
    target.upgrade()
    done = data.restore_data(context(target), document=json.loads(text))
    assert done.counts["interruptions"] == 28
    assert data.export_data(context(target)) == document
    with pytest.raises(ConflictError, match="empty database"):
        data.restore_data(context(target), document=document)
    # The restored database keeps working: new rows get fresh ids.
    catalogue.create_service(context(target), service=make_service("after-restore"))
    target.dispose()


def test_tokens(store: Store) -> None:
    ctx = context(store)
    secret = tokens.create_token(ctx, name="deploy", role=Role.PUBLISHER)
    actor = tokens.authenticate(store, secret)
    assert (actor.name, actor.role) == ("token:deploy", Role.PUBLISHER)
    with store.reading() as tx:
        assert all(secret not in json.dumps(row, default=str) for row in tx.tokens())
    tokens.revoke_token(ctx, name="deploy")
    with pytest.raises(AuthenticationError):
        tokens.authenticate(store, secret)
    with pytest.raises(AuthenticationError):
        tokens.authenticate(store, "pvs_wrong")
    with pytest.raises(AuthenticationError):
        tokens.authenticate(store, None)


@pytest.mark.skipif(not SEED.exists(), reason="shared/ seeds are not beside this checkout")
def test_import_the_reference_notice_into_a_draft(store: Store, example: Schedule) -> None:
    ctx = context(store)
    stored, revision, reading = maintenances.import_notice(ctx, data=SEED.read_bytes(), year=2025)
    assert revision == 1
    assert stored.state is State.DRAFT
    assert len(stored.interruptions) == 28
    assert len(catalogue.list_services(ctx)) == 26  # created from the names it printed
    assert reading.language == "fr"
    with pytest.raises(ValidationError, match="missing translations"):
        maintenances.publish(ctx, slug=stored.slug)


def test_a_notice_with_errors_is_refused(store: Store) -> None:
    bad = b"- Boutique : indisponible du 31 juin 2025, 20 h au 1er juillet 2025, 2 h (HE)\n"
    with pytest.raises(ValidationError, match="does not exist"):
        maintenances.import_notice(context(store), data=bad)


def test_restore_refuses_a_damaged_export(store: Store) -> None:
    ctx = context(store)
    tables: dict[str, list[dict[str, object]]] = {name: [] for name in backup.TABLES_V1}
    bad = {"format": "preavis-export", "version": 1, "tables": tables}
    bad["tables"]["services"] = [{"id": 1, "slug": "x", "created_at": "yesterday"}]
    with pytest.raises(ValidationError):
        data.restore_data(ctx, document=bad)
    with pytest.raises(ValidationError, match="not a Préavis export"):
        data.restore_data(ctx, document={"format": "other"})
    assert catalogue.list_services(ctx) == []  # nothing half-restored
