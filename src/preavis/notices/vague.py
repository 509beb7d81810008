"""A name given with a vague quantifier is a category, not a service.

"Several services will be closed on Friday", « Plusieurs services de santé seront fermés »,
"some services will be unavailable", "most associated systems will be taken offline": the
window's sentence says how many, not which. The reader treats such a row like one named by a
generic word (`reader._by_reference`): the services the notice names in its other sentences or
lists take the window too. The category itself is not dropped: "most online services will be
unavailable" may be all a notice says of them, and a careful reader keeps it as a row."""

from __future__ import annotations

import re

from preavis.notices.layout import Record

# "several", "some", "many", "most", "various", "a variety of", "a number of", "a few",
# « plusieurs », « certains », « quelques », « divers », « la plupart des »; up to two words
# ("most associated", « plusieurs autres ») may stand between the quantifier and the name.
_QUANTIFIER = (
    r"(?:several|some|many|most|various|a\s+variety\s+of|a\s+number\s+of|a\s+few|certain"
    r"|plusieurs|certaine?s|quelques|divers(?:es)?|la\s+plupart\s+des|nombre\s+de)"
)


def category(record: Record) -> bool:
    """Whether the record's name follows a vague quantifier in the sentence it was read in."""
    name = record.name.strip()
    if not name:
        return False
    said = record.context or record.description
    head = re.escape(name.split()[0])
    pattern = rf"\b{_QUANTIFIER}\s+(?:[^\W\d_]+\s+){{0,2}}?{head}\b"
    return re.search(pattern, said, re.IGNORECASE) is not None
