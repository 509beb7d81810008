"""Several web nodes and workers started at once, each running `preavis db upgrade` first (a
container's entry point does): on an empty PostgreSQL database their migrations must not
collide. They used to, about one time in three: one process failed with "the database refused
the change: a name that must be unique is taken" and exit status 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from preavis.storage import HEAD, Store
from tests.conftest import fresh_url

PREAVIS = str(Path(sys.executable).with_name("preavis"))
ROUNDS = 6  # the collision showed in about one round of three; six make missing it unlikely
AT_ONCE = 3


@pytest.mark.postgres
@pytest.mark.slow
def test_nodes_upgrading_an_empty_database_at_once_all_succeed(tmp_path: Path) -> None:
    for round_ in range(ROUNDS):
        url = fresh_url("postgresql", tmp_path / str(round_))  # empty again
        env = {**os.environ, "PREAVIS_DATABASE_URL": url, "PREAVIS_LANG": "en"}
        started = [
            subprocess.Popen(
                [PREAVIS, "db", "upgrade"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(AT_ONCE)
        ]
        for process in started:
            out, err = process.communicate(timeout=120)
            assert process.returncode == 0, f"round {round_}: {err}"
            assert out.strip().endswith(f"schema {HEAD}")
        store = Store(url)
        try:
            assert store.version() == HEAD
        finally:
            store.dispose()
