"""Subjects that their own predicate does not say are cut (session 7, round 4).

The layout takes the noun phrase before a sentence's window as its service ("The portal will
be unavailable from …"). When the verb that follows that noun phrase says something else
happens to it — "Reminders were emailed to tenants on Friday, warning of outages from 1 to
4 a.m.", "The crew will start at 9 p.m.", « Des avis ont été envoyés aux locataires, annonçant
une coupure de 1 h à 4 h » — it is the sentence's subject, not what is interrupted: the
window is named by the rules after it (the names the notice gives elsewhere, what its event
is of, the title), never by that subject.

A predicate says something is cut when it holds an impact word (notices/impact.py), an impact
predicate or a lost access (notices/subjects.py), or a word of maintenance, closure or
return ("will resume at 9 a.m." says it was down before)."""

from __future__ import annotations

import re

from preavis.notices import impact as impacts
from preavis.notices import subjects

# A finite verb group right after the subject: an auxiliary (or a modal), then the verb.
_VERB_GROUP = re.compile(
    r"\s+(?:(?:will|would|shall|is|are|was|were|has|have|had|can|could|may|might|must|should"
    r"|does|do|did)(?:\s+not|n['’]t)?(?:\s+[^\W\d_]+ly)?(?:\s+(?:be|been|being|have))?"
    r"|(?:sera|seront|serait|seraient|est|sont|était|étaient|a|ont|avait|avaient|va|vont"
    r"|doit|doivent|peut|peuvent|fut|furent)(?:\s+(?:pas|bien|déjà|aussi|été))?)"
    r"\s+(?P<verb>[^\W\d_]{2,})",
    re.IGNORECASE,
)
# Words that say the subject is worked on, cut, closed or back after a cut.
_ACTS = re.compile(
    r"\b(?:maint[ae]n|upgrad|updat|migrat|patch|reboot|restart|replac|shut|clos|cut|interrupt"
    r"|disrupt|affect|impact|offline|down|outage|undergo|work|repair|resum|restor|reopen|return"
    r"|back|moved?|switch|suspend|paus|stop|halt|disabl|deactivat|retir|decommission|schedul"
    r"|plann|travaux|entretien|mis[es]*\s+à\s+(?:jour|niveau)|coup|ferm|interromp|arrêt|perturb"
    r"|suspend|rétabli|reprend|rouvr|remis|désactiv|prévu|planifi|programm|touch|visé)",
    re.IGNORECASE,
)
# What may come before the subject: nothing, a bullet, or one determiner ("The", « Les », « L’ »).
_FRONT = re.compile(r"[\W_]*(?:[^\W\d_]{1,4}(?:\s+|['’]))?", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:.!?()]|" + subjects.WINDOW)


def idle_subject(name: str, clause: str) -> bool:
    """Whether `name` is printed in `clause` as the subject of a verb that does not say it is
    cut: "Messages were sent out to customers …, notifying them of disruptions <window>"."""
    if not name or not clause:
        return False
    said = re.search(rf"(?<![^\W_]){re.escape(name)}(?![^\W_])", clause, re.IGNORECASE)
    if said is None or not _FRONT.fullmatch(clause[: said.start()]):
        return False  # only the subject the sentence opens with
    group = _VERB_GROUP.match(clause, said.end())
    if group is None:
        return False
    end = _CLAUSE_END.search(clause, group.end())
    predicate = clause[said.end() : end.start() if end else len(clause)]
    return not (
        impacts.DOWN.search(predicate)
        or impacts.STRONG_LIMITED.search(predicate)
        or subjects.PREDICATE_EN.search(predicate)
        or subjects.PREDICATE_FR.search(predicate)
        or subjects.OBJECT.search(predicate)
        or _ACTS.search(predicate)
    )
