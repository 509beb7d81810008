"""`preavis service alias list|add|remove`, driven as an operator would, in both languages;
and a notice read by `preavis maintenance import` afterwards reads the alias as its service."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import run

NOTICE = """Planned maintenance

The Web Self Service will be unavailable on Saturday, March 14, 2026 from 8 p.m. to 11 p.m. ET.
"""


def test_add_list_remove_and_an_import_reads_the_alias(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PREAVIS_LANG", "en")
    run(capsys, "db", "upgrade")
    run(capsys, "service", "create", "portal", "--fr", "Portail client", "--en", "Customer portal")
    code, out, err = run(capsys, "service", "alias", "add", "portal", "Web Self Service")
    assert (code, out.strip()) == (0, "service portal: alias “Web Self Service” added"), err
    code, out, _ = run(capsys, "service", "alias", "list", "--json")
    assert json.loads(out) == {"aliases": [{"name": "Web Self Service", "service": "portal"}]}
    notice = tmp_path / "notice.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    code, out, err = run(capsys, "maintenance", "import", str(notice), "--json")
    assert code == 0, err
    assert [i["service"] for i in json.loads(out)["interruptions"]] == ["portal"]
    code, out, err = run(capsys, "--lang", "fr", "service", "alias", "remove", "portal",
                         "web self-service")  # fmt: skip
    nb = "\u00a0"
    said = f"service portal{nb}: alias «{nb}web self-service{nb}» retiré"
    assert (code, out.strip()) == (0, said)
    code, _, err = run(capsys, "service", "alias", "remove", "portal", "Web Self Service")
    assert code == 1
    assert err.strip() == "preavis: error: service 'portal' has no alias 'Web Self Service'"
