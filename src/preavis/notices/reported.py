"""What a notice reports someone said (session 8, round 7).

Notices relayed by the press, and many written by an organisation about itself, open the
sentence that holds the window with who says it: "Hospital officials have said the phone
system will be out of service from 6 to 8 p.m.", "The City announced that its portal will be
offline …", « La Société souhaite aviser les usagers que la bretelle sera fermée … », « Hydro
indique que le courant sera coupé … ». The service is the subject of the reported clause, not
the speaker: the reader reads the clause after the reporting verb (and its "that" / « que »)
as the sentence. A verb of saying with no clause after it ("as the mayor said,") is left alone.
"""

from __future__ import annotations

import re

# The speaker (a few words, no clause break), a verb of saying, an optional addressee, then
# the reported clause, opened by "that" / « que » or, in English after "said" and the like,
# directly by a determiner ("officials said the system will …").
_SAY_EN = (
    r"said|says|announced|announces|stated|states|reported|reports|indicated|indicates"
    r"|confirmed|confirms|explained|explains|noted|notes|warned|warns|advised|advises"
    r"|informed|informs|notified|notifies|reminded|reminds|wrote|writes|added|adds"
)
_SAY_FR = (
    r"indiqu|annonc|précis|rappel|expliqu|confirm|signal|affirm|déclar|souligné|ajout"
    r"|(?:souhait\w*|tien\w*|désir\w*)\s+(?:à\s+)?(?:aviser|informer|rappeler|annoncer|préciser)"
    r"|avis|inform|prévien"
)
_REPORTED = re.compile(
    r"^[^.;:!?\x01]{0,160}?\b(?:(?:has|have|had|will\s+have)\s+)?(?:" + _SAY_EN + r")\b"
    r"(?P<to>[^.;:!?,\x01]{0,60}?)\s+(?:that\s+(?=\S)|(?=(?:the|its|their|our|all|a|an)\s))"
    r"|^[^.;:!?\x01]{0,160}?\b(?:(?:a|ont|avait|avaient)\s+)?(?:" + _SAY_FR + r")\w*\b"
    r"(?P<à>[^.;:!?,\x01]{0,60}?)\s+qu(?:e\s+|['’](?=\S))",
    re.IGNORECASE,
)
_WEEKDAY = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
)
_ADDRESSEE = re.compile(
    r"^(?:\s+(?:to\s+)?(?:the\s+|all\s+|its\s+|our\s+|their\s+)?(?:[^\W\d_]+\s+){0,4}?"
    r"(?:customers|users|residents|clients|members|staff|employees|students|public|patrons"
    r"|usagers|utilisateurs|clients|clientèle|citoyens|résidents|abonnés|membres|population"
    r"|employés|étudiants|public)(?:\s+(?:de|of|du|des)\s+(?:la\s+|l['’])?[^\W\d_]+)?"
    r"|\s+(?:today|yesterday|on\s+[^\W\d_]+|in\s+a\s+(?:[^\W\d_]+\s+){0,2}statement"
    # "said Monday", "announced Thursday afternoon", « a annoncé mardi matin »
    r"|(?:" + _WEEKDAY + r")(?:\s+(?:morning|afternoon|evening|night|matin|après-midi|soir))?"
    r"|(?:this|last)\s+(?:week|morning|afternoon|evening|night)"
    r"|aujourd['’]hui|hier|dans\s+un\s+communiqué|par\s+voie\s+de\s+communiqué))?\s*$",
    re.IGNORECASE,
)


def unreport(text: str) -> str:
    """The clause a sentence reports when it opens with who says it; else the text itself.

    Only a reporting verb followed, at most after its addressee ("aviser les usagers de la
    route", "informs customers") or a time ("said on Friday"), by the reported clause counts.
    """
    found = _REPORTED.match(text)
    if found is None:
        return text
    between = found.group("to") if found.group("to") is not None else found.group("à")
    if between and not _ADDRESSEE.match(between):
        return text
    rest = text[found.end() :].lstrip()
    return rest if rest else text
