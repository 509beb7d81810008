"""Naming a notice's rows from the catalogue: each printed name as a catalogue service (its
own names, the names staff corrected to it before, close spellings), or a warning."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Protocol

from rapidfuzz import fuzz, process

from preavis.domain.service import Alias, Service, alias_key
from preavis.domain.text import Lang
from preavis.notices.evidence import Concerned, Evidence, Match
from preavis.notices.layout import Record
from preavis.notices.limits import Deadline
from preavis.notices.ocr import Correction, fold
from preavis.notices.reading import NoticeInterruption

NAME_MATCH = 86  # rapidfuzz score from which a printed name is taken as a catalogue service
NAME_SUGGEST = 70  # from which it is only suggested, with a warning
_JOINED = re.compile(r"\s*(?:,|;|&|\bet\b|\band\b)\s*", re.IGNORECASE)


class Speaker(Protocol):
    """The reader as this module needs it: what it says is about, and its warnings."""

    about: object | None
    concerned: Concerned
    deadline: Deadline

    def warn(self, line: int | None, message: str, code: str, /, **params: Any) -> None: ...


def match_catalogue(
    reader: Speaker,
    found: list[NoticeInterruption],
    corrections: list[Correction],
    catalogue: Sequence[Service],
    aliases: Sequence[Alias],
    language: Lang,
) -> list[NoticeInterruption]:
    """Each row's printed name as a catalogue service: one of its names (folded), a name
    staff corrected to it before (`aliases`, said on the row's evidence), a close enough
    spelling (a correction); else a warning that it is not in the catalogue."""
    if not catalogue:
        return found
    choices: dict[str, Service] = {}
    for service in catalogue:
        for name in (service.name.fr, service.name.en):
            if name:
                choices[fold(name)] = service
    names = list(choices)
    by_slug = {service.slug: service for service in catalogue}
    remembered = {
        a.key: by_slug[a.service] for a in aliases if a.service in by_slug
    }  # names staff corrected before: taken as surely as the catalogue's own

    def lookup(printed: str, scorer: Any = fuzz.WRatio) -> tuple[Service, float] | None:
        key = fold(printed)
        if key in choices:
            return choices[key], 100.0
        hit = process.extractOne(key, names, scorer=scorer)
        return (choices[hit[0]], hit[1]) if hit is not None else None

    matched: list[NoticeInterruption] = []

    def alias(item: NoticeInterruption, printed: str, service: Service) -> None:
        """The row read as `service` through a remembered correction, said on its
        evidence."""
        name = service.name.get(language)
        corrections.append(Correction(item.line, printed, name))
        why = Match("alias", printed, service.slug, name)
        evidence = replace(item.evidence, match=why) if item.evidence is not None else None
        reader.concerned.records.update(_moved(reader.concerned.records, item.evidence, evidence))
        matched.append(replace(item, service=name, slug=service.slug, evidence=evidence))

    def remembered_as(printed: str) -> Service | None:
        if fold(printed) in choices:  # the catalogue's own name comes first
            return None
        return remembered.get(alias_key(printed))

    for item in found:
        reader.deadline.check()
        if (taught := remembered_as(item.service)) is not None:
            alias(item, item.service, taught)
            continue
        if fold(item.service) not in choices:
            # "Colis clic et Expédition en ligne seront indisponibles …": several services.
            parts = [p.strip() for p in _JOINED.split(item.service) if p.strip()]
            hits = [
                (known, 100.0) if (known := remembered_as(p)) is not None
                else lookup(p, fuzz.ratio) for p in parts
            ] if len(parts) > 1 else []  # fmt: skip
            sure = [h for h in hits if h is not None and h[1] >= NAME_MATCH]
            if hits and len(sure) == len(parts):
                for part, (service, _) in zip(parts, sure, strict=True):
                    if remembered_as(part) is not None:
                        alias(item, part, service)
                        continue
                    name = service.name.get(language)
                    corrections.append(Correction(item.line, part, name))
                    matched.append(replace(item, service=name, slug=service.slug))
                continue
        reader.about = item
        best = lookup(item.service)
        if best is not None and best[1] >= NAME_MATCH:
            service = best[0]
            name = service.name.get(language)
            if name != item.service:
                corrections.append(Correction(item.line, item.service, name))
            matched.append(replace(item, service=name, slug=service.slug))
            continue
        _not_found(reader, item, best, language)
        matched.append(item)
    return matched


def _not_found(
    reader: Speaker, item: NoticeInterruption, best: tuple[Service, float] | None, language: Lang
) -> None:
    """The warning that a row's name is not in the catalogue (with a guess when one is near)."""
    if best is not None and best[1] >= NAME_SUGGEST:
        guess = best[0].name.get(language)
        reader.warn(
            item.line,
            f"“{item.service}” is not in the catalogue; did you mean “{guess}”?",
            "notice.not_in_catalogue_guess",
            service=item.service,
            guess=guess,
        )
    else:
        reader.warn(
            item.line,
            f"“{item.service}” is not in the catalogue",
            "notice.not_in_catalogue",
            service=item.service,
        )


def _moved(
    records: dict[int, tuple[Evidence, Record]], before: Evidence | None, after: Evidence | None
) -> dict[int, tuple[Evidence, Record]]:
    """The record a row's evidence was read from, under the evidence given a match (so that
    the warnings about that record stay on the row: evidence.row_warnings)."""
    if before is None or after is None or id(before) not in records:
        return {}
    return {id(after): (after, records[id(before)][1])}
