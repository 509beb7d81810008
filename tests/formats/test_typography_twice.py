"""French spacing applied twice (the words, then the whole message) is applied once."""

from __future__ import annotations

from preavis.domain.text import french_spacing
from preavis.formats.notice import typography

NB = "\u00a0"


def test_spacing_already_done_is_left_as_it_is() -> None:
    plain = "Rappel : la maintenance « Mise à niveau » commence le 25 juin, 20 h (HE)."
    once = typography(plain, "fr")
    assert (
        once
        == f"Rappel{NB}: la maintenance «{NB}Mise à niveau{NB}» commence le 25 juin, 20{NB}h (HE)."
    )
    assert typography(once, "fr") == once
    assert typography(french_spacing(plain), "fr") == once
    assert french_spacing(once) == once
