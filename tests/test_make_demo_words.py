"""`make demo` speaks the language it serves the example in (DEMO_LANG, French by default)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def said(*args: str) -> str:
    done = subprocess.run(
        ["make", "-n", "demo", "PORT=18999", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_demo_speaks_french_by_default_and_english_when_asked() -> None:
    french, english = said(), said("DEMO_LANG=en")
    assert "Site servi sur http://127.0.0.1:18999/" in french
    assert "connectez-vous comme demo@example.org, mot de passe" in french
    assert "documentation de l’API\u00a0: http://127.0.0.1:18999/docs" in french
    assert "Serving on" not in french and "sign in as" not in french
    assert "Serving on http://127.0.0.1:18999/" in english
    assert "sign in as demo@example.org, password" in english
    assert "/en/subscribe" in english and "Site servi" not in english
