"""The reader on hostile input: it answers or raises NoticeError, nothing else, and never hangs."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from preavis.domain import NoticeError
from preavis.notices.ocr import lexicon
from preavis.notices.reader import read_notice
from tests.corpus.answers import HERE

CORPUS = [p.read_bytes() for p in sorted(HERE.glob("*.txt"))]
FUZZ = settings(
    max_examples=120,
    deadline=3000,  # ms: a regex that backtracks badly would blow far past this
    suppress_health_check=[HealthCheck.too_slow],
)
lexicon("fr")  # load the word lists once, outside the timed examples
lexicon("en")


def read(data: bytes | str) -> None:
    try:
        reading = read_notice(data, reference=date(2025, 1, 15))
    except NoticeError:
        return
    for item in reading.interruptions:
        assert item.ends_at > item.starts_at


words = st.sampled_from(
    ["Du", "au", "juin", "25", "20 h", "23 h 59", "(HE)", "from", "to", "p.m.", "June", "midi",
     "minuit", "noon", "ET", "|", "•", "-", ":", "\n", "\n\n", "Application", "Durée", "2025",
     "Boutique", "indisponible", "limité", "1er", "Saturday", "samedi", "à", "a", "EST", "24 h"]
)  # fmt: skip


@FUZZ
@given(st.text(max_size=400))
def test_random_text(text: str) -> None:
    read(text)


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    read(data)


@FUZZ
@given(st.lists(words, max_size=80).map(" ".join))
def test_notice_shaped_word_salad(text: str) -> None:
    read(text)


@FUZZ
@given(st.sampled_from(CORPUS), st.data())
def test_truncated_and_mutated_corpus(notice: bytes, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(notice)))
    read(notice[:cut])
    position = data.draw(st.integers(0, max(0, len(notice) - 1)))
    junk = data.draw(st.binary(min_size=1, max_size=8))
    read(notice[:position] + junk + notice[position + 1 :])
    text = notice.decode("utf-8", errors="replace")
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    read(text[:start] + text[end:])
