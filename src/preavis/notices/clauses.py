"""Several subjects in one sentence, each with its own impact predicate: "The booking site
will be unavailable and all ticket counters will be closed during this time", « Le site sera
indisponible et les comptoirs seront fermés ». The chunker (`notices/subjects.py`) reads the
subject of every predicate; the simpler subject reading of `shared.subjects` reads the first.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from preavis.notices import subjects as chunker

# "que la nécessité d’éteindre les serveurs …": a clause, not a name
CLAUSE_WORD = re.compile(r"^(?:que|qu['’]|that|which|if|si|whether)\b", re.IGNORECASE)
_WORDS = 6  # a coordinated subject is a name, not a phrase


def coordinated(sentence: str, generic: Callable[[str], bool]) -> list[str]:
    """The subjects of the sentence's impact predicates, when the chunker finds more than one
    (none otherwise: one subject is read as before)."""
    found = [
        s.name
        for s in chunker.chunk(sentence)
        if s.how == "subject"
        and not s.negated
        and not generic(s.name)
        and not CLAUSE_WORD.match(s.name)
        and len(s.name.split()) <= _WORDS
    ]
    return found if len(found) > 1 else []
