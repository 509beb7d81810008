"""The dependency rules of shared/design/architecture.md: import-linter contracts (pyproject.toml)
plus an AST check that the domain uses only the standard library. Each check is also run on a
copy of the package with a planted violation, to prove it can fail."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "preavis"
STDLIB = set(sys.stdlib_module_names)
LINT = Path(sys.executable).with_name("lint-imports")
# The packages the rules name; each must exist with code, or a rule about it checks nothing.
PACKAGES = ("domain", "formats", "notices", "storage", "notify", "actions", "web", "cli")


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, root: Path = SRC) -> set[str]:
    """Every module `path` imports, relative imports resolved and `from a import b` read as both
    `a` and `a.b` (b may be a submodule)."""
    here = module_name(path, root)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def domain_violations(root: Path) -> list[str]:
    bad = []
    for path in sorted((root / "domain").rglob("*.py")):
        for name in sorted(imports(path, root)):
            top = name.split(".")[0]
            if not (
                top in STDLIB or name == "preavis.domain" or name.startswith("preavis.domain.")
            ):
                bad.append(f"{path.name} imports {name}")
    return bad


def lint_imports(src: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(LINT), "--no-cache", "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip


def planted(tmp_path: Path, where: str, code: str) -> Path:
    """A copy of the package with one more module holding `code`; returns the copy's src dir."""
    shutil.copytree(SRC, tmp_path / "preavis", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "preavis" / where).write_text(f'"""Planted."""\n\n{code}\n', encoding="utf-8")
    return tmp_path


def test_every_package_named_by_the_rules_exists_with_code() -> None:
    for package in PACKAGES:
        assert len(list((SRC / package).rglob("*.py"))) >= 2, package


def test_domain_uses_only_the_standard_library_and_itself() -> None:
    assert domain_violations(SRC) == []


@pytest.mark.parametrize(
    "code",
    ["from .. import storage", "from preavis import web", "from ..formats.ical import calendar",
     "import sqlalchemy"],
)  # fmt: skip
def test_the_domain_check_catches_a_planted_import(tmp_path: Path, code: str) -> None:
    assert domain_violations(planted(tmp_path, "domain/planted.py", code) / "preavis")


def test_the_import_contracts_hold() -> None:
    result = lint_imports(SRC.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    ("where", "code"),
    [
        ("formats/planted.py", "from preavis import storage"),  # adapters never import each other
        ("notices/planted.py", "from ..formats import ical"),
        ("notify/planted.py", "from preavis.formats import wording"),  # actions hands words in
        ("notify/planted.py", "from preavis import storage"),
        ("storage/planted.py", "from preavis.actions import data"),  # adapters under actions
        ("web/planted.py", "from preavis.storage.schema import metadata"),  # storage internals
        ("cli/planted.py", "from preavis.storage import store"),
    ],
)
def test_the_import_contracts_fail_on_a_planted_violation(
    tmp_path: Path, where: str, code: str
) -> None:
    result = lint_imports(planted(tmp_path, where, code))
    assert result.returncode != 0, result.stdout
    assert "BROKEN" in result.stdout


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
