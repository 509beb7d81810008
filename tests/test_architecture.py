"""The dependency rules of docs/architecture (shared/design/architecture.md), checked on the AST."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "preavis"
STDLIB = set(sys.stdlib_module_names)


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def files(package: str) -> list[Path]:
    return sorted((SRC / package).rglob("*.py"))


def test_domain_uses_only_the_standard_library_and_itself() -> None:
    for path in files("domain"):
        for name in imports(path):
            top = name.split(".")[0]
            assert top in STDLIB or name.startswith("preavis.domain"), f"{path.name} imports {name}"


@pytest.mark.parametrize("adapter", ["formats", "notices", "storage", "notify"])
def test_adapters_never_import_each_other(adapter: str) -> None:
    others = {"formats", "notices", "storage", "notify", "web", "cli", "actions"} - {adapter}
    for path in files(adapter):
        for name in imports(path):
            parts = name.split(".")
            if parts[0] == "preavis" and len(parts) > 1:
                assert parts[1] not in others, f"{path.name} imports {name}"


def test_only_the_clock_reads_the_current_time() -> None:
    for path in SRC.rglob("*.py"):
        if path.name == "clock.py":
            continue
        text = path.read_text(encoding="utf-8")
        for needle in ("datetime.now(", "date.today(", "utcnow(", "time.time(", "datetime.today("):
            assert needle not in text, f"{path} reads the time ({needle})"


def test_only_settings_reads_the_environment() -> None:
    for path in SRC.rglob("*.py"):
        if path.name != "settings.py":
            assert "os.environ" not in path.read_text(encoding="utf-8"), path


def test_modules_stay_small_and_say_what_they_do() -> None:
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{path} has no module docstring"
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 600, path
