import pytest

from preavis.domain import ValidationError
from preavis.settings import Settings, documented


def test_every_setting_is_documented() -> None:
    assert all(documented().values()), documented()


def test_from_env() -> None:
    assert Settings.from_env({}) == Settings()
    assert Settings.from_env({}).database_url == "sqlite:///preavis.db"
    env = {
        "PREAVIS_LANG": "EN",
        "PREAVIS_DEBUG": "1",
        "PREAVIS_LANGUAGES": "fr",
        "PREAVIS_ACTOR": "ops",
        "PREAVIS_DATABASE_URL": "postgresql+psycopg://db/x",
    }
    assert Settings.from_env(env) == Settings(
        "en", True, "postgresql+psycopg://db/x", ("fr",), "ops"
    )
    with pytest.raises(ValidationError, match="PREAVIS_LANG"):
        Settings.from_env({"PREAVIS_LANG": "de"})
    with pytest.raises(ValidationError, match="PREAVIS_LANGUAGES"):
        Settings.from_env({"PREAVIS_LANGUAGES": "fr,de"})


def test_every_setting_is_in_the_operations_guide() -> None:
    from pathlib import Path

    guide = (Path(__file__).resolve().parents[1] / "docs" / "operations.md").read_text("utf-8")
    for name in documented():
        assert f"PREAVIS_{name.upper()}" in guide, name


def test_leading_lang_reads_only_before_the_command() -> None:
    from preavis.settings import leading_lang

    assert leading_lang(["--lang", "en", "status"]) == ("en", ["status"])
    assert leading_lang(["--lang=fr", "--help"]) == ("fr", ["--help"])
    assert leading_lang(["--help", "--lang", "en"]) == ("en", ["--help"])
    assert leading_lang(["status", "--lang", "en"]) == (None, ["status", "--lang", "en"])
    assert leading_lang(["--", "--lang", "en"]) == (None, ["--", "--lang", "en"])
    assert leading_lang(["--lang"]) == ("", [])
    assert leading_lang([]) == (None, [])
