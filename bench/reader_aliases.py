"""What remembered corrections (aliases) are worth on notices from the same sender, measured on
the development half of tests/corpus/real only (the test and fresh halves are never opened).

An organisation that imports notices from the same sender again and again is simulated with
the senders that have two notices or more in `dev` (the same organisation prefix of the file
name: `aarhus-it-service-window-2015-01` and `-2015-04`), in the order they were written (the
year and month in the name, else the name). Each notice in turn is:

1. read as the site would read it: against the catalogue built so far, with the aliases
   learned so far (and, for the baseline, with no aliases at all);
2. "reviewed": its expected (hand-written) rows stand for what staff saved — every expected
   service joins the catalogue (named by its first expected name), and every produced row
   paired with an expected row (bench/reader_score.py `align`: the same pairing the score
   uses) whose name is not the expected service's, and that the reader did not take from the
   catalogue, teaches an alias: the name as printed → that service. This is what the import
   review does when a row's service is changed to a catalogue service.

Notices after the first of their sender are scored three ways, with reader_score's scoring:
without a catalogue (as `reader_score.py` reads them), with the catalogue built from the
earlier notices (no aliases), and with that catalogue and the aliases. The first notice of
each sender is only reviewed (its reading cannot use anything learned).

    python bench/reader_aliases.py [--json] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from preavis.domain.errors import PreavisError
from preavis.domain.service import Alias, Service
from preavis.domain.text import Text
from preavis.notices.evidence import name_doubted
from preavis.notices.limits import NOTICE_MAX_BYTES
from preavis.notices.reader import as_json, read_notice
from reader_score import (
    NoticeScore,
    Rejected,
    align,
    expected_for,
    fold,
    notices,
    report,
    score_notice,
    summarise,
)

Json = dict[str, Any]
# File-name prefixes that name a kind of sender, not one: the organisation takes more words
# ("ch-langon" and "ch-manosque" are two hospitals; three CISSS are "cisss-monteregie-…").
PREFIX_WORDS = {"ch": 2, "cisss": 3, "saint": 2, "la": 2}
_WHEN = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:-(\d\d))?(?!\d)")


def sender(name: str) -> str:
    words = name.split("-")
    return "-".join(words[: PREFIX_WORDS.get(words[0], 1)])


def written(name: str) -> tuple[int, int, str]:
    found = _WHEN.search(name)
    return (int(found[1]), int(found[2] or 0), name) if found else (0, 0, name)


def senders(paths: Sequence[Path]) -> dict[str, list[Path]]:
    """The senders with two notices or more, each's notices in the order they were written."""
    by: dict[str, list[Path]] = {}
    for path in paths:
        by.setdefault(sender(path.stem), []).append(path)
    return {
        k: sorted(v, key=lambda p: written(p.stem)) for k, v in sorted(by.items()) if len(v) > 1
    }


@dataclass
class Site:
    """What the site knows of one sender so far: its catalogue and the aliases taught."""

    services: dict[str, Service] = field(default_factory=dict)  # folded name -> service
    aliases: dict[str, Alias] = field(default_factory=dict)  # folded printed name -> alias
    # As the import review teaches: not from a name the reader doubted (False: every
    # correction is taught, to show what the guard is worth).
    guarded: bool = True

    def catalogue(self) -> tuple[Service, ...]:
        return tuple(self.services.values())

    def service_for(self, expected: Json) -> Service:
        given = expected["service"]
        first = given if isinstance(given, str) else given[0]
        key = fold(first)
        if key not in self.services:
            self.services[key] = Service(f"s{len(self.services) + 1}", Text(first, first))
        return self.services[key]

    def review(self, expected: Sequence[Json], reading: Json | None) -> int:
        """Learn from one reviewed notice; how many aliases it taught."""
        own = {fold(n) for s in self.services.values() for n in (s.name.fr, s.name.en)}
        targets = [self.service_for(e) for e in expected]
        if reading is None:  # refused: filled in by hand, nothing read to correct
            return 0
        produced = reading["interruptions"]
        taught = 0
        for i, j, f in align(expected, produced):
            row = produced[j]
            evidence = row.get("evidence", {})
            match = evidence.get("match")
            printed = match["printed"] if match else row["service"]
            if f.service and not match:
                continue  # read right: nothing to correct
            if not match and fold(printed) in own:
                continue  # taken from the catalogue: the review shows no printed name
            if self.guarded and name_doubted(w["code"] for w in evidence.get("warnings", ())):
                continue  # the reader said its name was a guess: the review teaches nothing
            target = targets[i]
            if fold(printed) in {fold(target.name.fr), fold(target.name.en)}:
                continue
            try:
                alias = Alias(printed, target.slug)
            except PreavisError:
                continue
            if self.aliases.get(alias.key) != alias:
                self.aliases[alias.key] = alias
                taught += 1
        return taught


def read(path: Path, options: Json, site: Site | None, aliases: bool) -> Json:
    reference = options.get("reference")
    try:
        reading = read_notice(
            path.read_bytes()[: NOTICE_MAX_BYTES + 1],
            timezone=options.get("timezone"),
            reference=date.fromisoformat(reference) if reference else None,
            catalogue=site.catalogue() if site else (),
            aliases=tuple(site.aliases.values()) if site and aliases else (),
        )
    except PreavisError as exc:
        raise Rejected(str(exc)) from exc
    data: Json = as_json(reading)
    if data.get("errors"):
        raise Rejected("; ".join(str(e.get("message")) for e in data["errors"]))
    return data


def scored(path: Path, expected: Json, site: Site | None, aliases: bool) -> NoticeScore:
    try:
        reading: Json | None = read(path, expected["options"], site, aliases)
        rejected = None
    except Rejected as exc:
        reading, rejected = None, str(exc) or "rejected"
    score = score_notice(path.stem, expected["interruptions"], reading)
    score.rejected = rejected
    return score


WAYS = ("no catalogue", "catalogue", "catalogue + aliases")


def run(guarded: bool = True) -> tuple[dict[str, list[NoticeScore]], dict[str, int], list[str]]:
    results: dict[str, list[NoticeScore]] = {way: [] for way in WAYS}
    taught: dict[str, int] = {}
    used: list[str] = []
    for name, paths in senders(notices("dev")).items():
        site = Site(guarded=guarded)
        taught[name] = 0
        for k, path in enumerate(paths):
            expected = expected_for(path)
            if k:
                results[WAYS[0]].append(scored(path, expected, None, False))
                results[WAYS[1]].append(scored(path, expected, site, False))
                with_aliases = scored(path, expected, site, True)
                results[WAYS[2]].append(with_aliases)
                used.append(f"{path.stem} ({len(site.aliases)} aliases known)")
            try:
                reading: Json | None = read(path, expected["options"], site, True)
            except Rejected:
                reading = None
            taught[name] += site.review(expected["interruptions"], reading)
    return results, taught, used


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--verbose", action="store_true", help="per-notice mismatches")
    args = parser.parse_args(argv)
    results, taught, used = run()
    loose, loose_taught, _ = run(guarded=False)
    if args.json:
        figures = {way: summarise(scores).as_dict() for way, scores in results.items()}
        figures["every correction taught"] = summarise(loose[WAYS[2]]).as_dict()
        print(json.dumps({"aliases_taught": taught, "aliases_taught_unguarded": loose_taught,
                          "scored": used, **figures}, indent=2))  # fmt: skip
        return 0

    def said(counts: dict[str, int]) -> str:
        return f"{sum(counts.values())} ({', '.join(f'{k} {n}' for k, n in counts.items() if n)})"

    print(f"senders with two notices or more in dev: {len(taught)}; later notices scored: "
          f"{len(used)}; aliases taught: {said(taught)}; taught if every correction were: "
          f"{said(loose_taught)}")  # fmt: skip
    for way, scores in results.items():
        print(report(way, scores, args.verbose))
    print(report("every correction taught (no guard) + catalogue", loose[WAYS[2]], args.verbose))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
