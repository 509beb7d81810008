"""OCR repair: lost or wrong accents, confused letters, lost apostrophes, stray quotes.

Words are checked against the French and English word lists that the `pyspellchecker` package
ships (with frequencies); a word is changed only when it is not a word and exactly one repair
makes it one. Every change is reported, with its line.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from preavis.domain.text import Lang

_WORD = re.compile(r"(?<![\w'’])([^\W\d_]+(?:['’][^\W\d_]+)?|['’][^\W\d_]+)(?![\w'’])")
_ELISIONS = ("qu", "l", "d", "n", "s", "c", "j", "m", "t", "jusqu", "lorsqu", "puisqu")
# Letters an OCR engine confuses, as (seen, meant).
_CONFUSIONS = (("Q", "O"), ("0", "o"), ("I", "l"), ("l", "I"), ("1", "l"), ("rn", "m"), ("|", "l"))
_VOWEL_START = re.compile(r"[aeiouyhàâäéèêëîïôöùûü]", re.IGNORECASE)
_A_BEFORE = re.compile(
    r"\s+(?:\d{1,2}\s?h|\d{1,2}:\d\d|minuit|midi|partir\b|compter\b|niveau\b|la\s+fin\b|[lI]['’])",
    re.IGNORECASE,
)
# "en personne a un comptoir": after a phrase that cannot be the subject of "a" (has), the
# preposition "à" lost its accent.
_NO_SUBJECT_BEFORE = re.compile(
    r"\b(?:en\s+personne|en\s+ligne|sur\s+place|par\s+téléphone|par\s+la\s+poste)\s+$",
    re.IGNORECASE,
)
MIN_FREQUENCY = 3


def _a_is_a(text: str, match: re.Match[str]) -> bool:
    """Whether a bare "a" is the preposition "à" whose accent was lost."""
    if _A_BEFORE.match(text, match.end()):
        return True
    return bool(
        _NO_SUBJECT_BEFORE.search(text, 0, match.start())
        and re.match(r"\s+une?\s", text[match.end() :])
    )


# Function words that tell a line's language; "et" only in lowercase ("ET" is Eastern Time).
_FRENCH_WORDS = re.compile(
    r"\b(?i:le|la|les|des|du|de|est|sont|pas|une|pour|avec|sera|seront|au|aux|il|ne)\b|\bet\b"
)
_ENGLISH_WORDS = re.compile(
    r"\b(?i:the|and|is|are|not|will|be|from|to|of|for|with|until|can|all)\b"
)


def _line_language(text: str, default: Lang) -> tuple[Lang, bool]:
    """A line's own language (notices mix them), and whether its words make that clear."""
    french, english = len(_FRENCH_WORDS.findall(text)), len(_ENGLISH_WORDS.findall(text))
    if abs(french - english) < 2:
        return (default if french == english else ("fr" if french > english else "en")), False
    return ("fr" if french > english else "en"), True


@dataclass(frozen=True, slots=True)
class Correction:
    line: int
    before: str
    after: str


class Lexicon:
    """A language's words with their frequencies, and the accented words by their bare form."""

    def __init__(self, words: dict[str, int]) -> None:
        self.words = words
        self.by_bare: dict[str, tuple[str, int]] = {}
        for word, count in words.items():
            if word.isascii():
                continue
            bare = fold(word)
            best = self.by_bare.get(bare)
            if best is None or count > best[1]:
                self.by_bare[bare] = (word, count)

    def known(self, word: str) -> bool:
        return word.lower() in self.words

    def accented(self, word: str) -> str | None:
        """The usual accented spelling of a word whose accents were lost or mangled."""
        hit = self.by_bare.get(fold(word))
        if hit is None or hit[1] < MIN_FREQUENCY or hit[0] == word.lower():
            return None
        bare_hit = self.words.get(fold(word))
        if bare_hit is not None and bare_hit >= hit[1]:
            return None  # the bare spelling is a word of its own, and the likelier one
        return hit[0]


def fold(word: str) -> str:
    """Lowercase, without accents."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=2)
def lexicon(lang: Lang) -> Lexicon:
    """The word list of `lang`, loaded once per process from the pyspellchecker package."""
    data = resources.files("spellchecker.resources").joinpath(f"{lang}.json.gz").read_bytes()
    words: dict[str, int] = json.loads(gzip.decompress(data))
    return Lexicon(words)


def _same_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _fix_word(word: str, lex: Lexicon, apostrophe: str) -> str | None:
    """A repaired spelling of `word`, or None when it is fine or cannot be repaired safely."""
    if len(word) < 2 or lex.known(word):
        return None
    if word.isupper() and len(word) <= 5:
        return None  # an acronym (DD, CAL, OEE)
    if word[0] in "'’":  # a stray quote where an elided "l’" was lost: "de 'entreprise"
        rest = word[1:]
        if _VOWEL_START.match(rest) and lex.known(rest):
            return f"l{apostrophe}{rest}"
        return rest if lex.known(rest) else None
    if "'" in word or "’" in word:
        head, _, tail = word.replace("’", "'").partition("'")
        mark = "’" if "’" in word else "'"
        fixed_tail = tail if lex.known(tail) else (lex.accented(tail) or tail)
        if not lex.known(fixed_tail):
            return None
        fixed_tail = _same_case(tail, fixed_tail)
        if head.lower() in _ELISIONS:
            return None if fixed_tail == tail else f"{head}{mark}{fixed_tail}"
        for seen, meant in _CONFUSIONS:
            candidate = head.replace(seen, meant)
            if candidate.lower() in _ELISIONS:
                return f"{candidate}{mark}{fixed_tail}"
        joined = head + tail
        return joined if lex.known(joined) else None
    accented = lex.accented(word)
    if accented is not None:
        return _same_case(word, accented)
    for seen, meant in _CONFUSIONS:
        if seen in word:
            candidate = word.replace(seen, meant, 1)
            if lex.known(candidate):
                return _same_case(word, candidate.lower()) if candidate[:1].islower() else candidate
            accented = lex.accented(candidate)
            if accented is not None:
                return _same_case(candidate, accented)
    for elision in ("qu", "l", "d", "n", "s", "c", "j", "m", "t"):
        rest = word[len(elision) :]
        if (
            word.lower().startswith(elision)
            and len(rest) >= 2
            and _VOWEL_START.match(rest)
            and lex.words.get(rest.lower(), 0) >= 1000
        ):
            return f"{word[: len(elision)]}{apostrophe}{rest}"
    return None


def repair_line(
    text: str, line: int, lang: Lang, apostrophe: str = "’"
) -> tuple[str, list[Correction]]:
    """`text` with its OCR damage repaired, and the list of what was changed."""
    # Accents are French: a line reads against the French list unless it is English.
    own, sure = _line_language(text, lang)
    english = own == "en"
    lex, other = (lexicon("en"), lexicon("fr")) if english else (lexicon("fr"), lexicon("en"))
    corrections: list[Correction] = []
    pieces: list[str] = []
    last = 0
    for match in _WORD.finditer(text):
        word = match.group(1)
        # Unless the line clearly reads as one language, a word of the other is left alone.
        fixed = None if not sure and other.known(word) else _fix_word(word, lex, apostrophe)
        if fixed is None and not english and word == "a" and _a_is_a(text, match):
            fixed = "à"
        if fixed is None or fixed == word:
            continue
        pieces.append(text[last : match.start(1)])
        pieces.append(fixed)
        last = match.end(1)
        corrections.append(Correction(line, word, fixed))
    if not corrections:
        return text, []
    pieces.append(text[last:])
    return "".join(pieces), corrections
