"""A PREAVIS_ variable that is no setting (a typo, a setting of another version) is said on
standard error, with the setting it was probably meant to be, in the operator's language; the
command still runs. Variables of the tests and benchmarks are not settings and are not named."""

from __future__ import annotations

import pytest

from preavis.settings import unknown_settings
from tests.test_cli import run

NB = "\u00a0"


def test_a_misspelt_setting_is_named_with_the_one_meant(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREAVIS_SMTP_ULR", "smtp://mail.example.org:25")
    monkeypatch.setenv("PREAVIS_LANG", "fr")
    code, out, err = run(capsys, "example")
    assert code == 0 and out.startswith("#")
    assert err.strip() == (
        f"preavis{NB}: avertissement{NB}: PREAVIS_SMTP_ULR n’est pas un réglage de Préavis"
        f" (ignoré){NB}; vouliez-vous dire PREAVIS_SMTP_URL{NB}?"
    )


def test_an_unknown_setting_in_english(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREAVIS_LANG", "en")
    monkeypatch.setenv("PREAVIS_FLUX_CAPACITOR", "1")
    monkeypatch.setenv("preavis_database_url", "sqlite:///x.db")  # the case matters
    code, _, err = run(capsys, "example")
    assert code == 0
    assert err.strip().splitlines() == [
        "preavis: warning: PREAVIS_FLUX_CAPACITOR is not a Préavis setting (ignored)",
        "preavis: warning: preavis_database_url is not a Préavis setting (ignored); did you"
        " mean PREAVIS_DATABASE_URL?",
    ]


def test_known_settings_and_the_tests_own_variables_are_not_named() -> None:
    env = {
        "PREAVIS_DATABASE_URL": "sqlite:///x.db",
        "PREAVIS_WEBHOOK_ALLOW_PRIVATE": "1",
        "PREAVIS_SITE_TITLE_EN": "Status",
        "PREAVIS_TEST_DATABASE_URL": "postgresql+psycopg://x@y/z",
        "PREAVIS_BENCH_PORTS": "8741-8749",
        "PATH": "/usr/bin",
    }
    assert unknown_settings(env) == []
    assert unknown_settings({"PREAVIS_DATABASE": "x"}) == [
        ("PREAVIS_DATABASE", "PREAVIS_DATABASE_URL")
    ]
