import pytest

from preavis.domain import ValidationError
from preavis.settings import Settings, documented


def test_every_setting_is_documented() -> None:
    assert all(documented().values()), documented()


def test_from_env() -> None:
    assert Settings.from_env({}) == Settings(lang="fr", debug=False)
    assert Settings.from_env({"PREAVIS_LANG": "EN", "PREAVIS_DEBUG": "1"}) == Settings("en", True)
    with pytest.raises(ValidationError, match="PREAVIS_LANG"):
        Settings.from_env({"PREAVIS_LANG": "de"})
