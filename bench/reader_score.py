"""Score the notice reader on the real notices of tests/corpus/real (published by others).

Every notice is read through the same code path as `preavis parse-notice --json` (the
`read_as_cli` adapter below: the only place that knows the reader's API), with the options
of its expected file (`--timezone`, `--reference`). For each half it prints:

- exact-window recall and precision: a produced row is exact when its service is one of the
  expected names (compared casefolded, accents, punctuation and spaces folded) and its start
  and end are the same instants as an expected row's;
- per-field accuracy (service, impact, start, end) over the aligned pairs (each expected row
  paired with the produced row that agrees with it on most fields, exact pairs first);
- the silently-wrong rate: produced rows that are not exact, or exact with the wrong impact,
  and that carry no warning, over all produced rows. A row carries a warning when it has one
  itself (`warnings`/`warning`, or inside its `evidence`) or when a top-level warning names
  its line.

A notice the reader rejects (NoticeError, or a reading with errors: exit status 1) counts as
all its expected rows missed and produces no row: an honest non-answer, never silently wrong.

    python bench/reader_score.py [--half dev|test|fresh|all] [--part 0|1] [--json] [--verbose]

`--part N` keeps only the notices whose name (the file name without `.txt`) has
`zlib.crc32(name.encode("utf-8")) % 2 == N`: a fixed split of the development half into a part
to tune on (0) and a part only measured (1). `--verbose` is refused with `--part 1`, so that
its misses are never read while tuning.

`fresh` is the second sealed half (gathered in session 4, never tuned on): it is scored only
when asked for by name, never by `--half all` (which stays dev + test), so that no run made
while working on the reader reads it by accident.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from preavis.actions.files import parse_notice
from preavis.domain.errors import PreavisError
from preavis.notices.reader import as_json

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "real"
HALVES = ("dev", "test", "fresh")
ALL = ("dev", "test")  # what --half all scores; the sealed fresh half only by name

Json = dict[str, Any]
Reader = Callable[[Path, Json], Json]


class Rejected(Exception):
    """The reader refused the notice (unreadable input or a reading with errors)."""


def read_as_cli(path: Path, options: Json) -> Json:
    """What `preavis parse-notice PATH --timezone TZ --reference DATE --json` prints.

    Raises Rejected where the command would fail (exit status 1).
    """
    reference = options.get("reference")
    try:
        reading = parse_notice(
            path=path,
            timezone=options.get("timezone"),
            reference=date.fromisoformat(reference) if reference else None,
        )
    except PreavisError as exc:  # NoticeError and the file errors: exit 1
        raise Rejected(str(exc)) from exc
    data: Json = as_json(reading)
    if data.get("errors"):
        raise Rejected("; ".join(str(e.get("message")) for e in data["errors"]))
    return data


# --- comparing rows -------------------------------------------------------------------------

_DASHES = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})


def fold(name: str) -> str:
    """Casefold, drop accents, turn punctuation and runs of spaces into one space."""
    text = unicodedata.normalize("NFKD", name.translate(_DASHES).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("'", "")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def names(expected: Json) -> set[str]:
    service = expected["service"]
    return {fold(s) for s in ([service] if isinstance(service, str) else service)}


def instant(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        return None
    return at if at.tzinfo is not None else None


def same_instant(a: str | None, b: str | None) -> bool:
    x, y = instant(a), instant(b)
    return x is not None and y is not None and x == y


def overlaps(expected: Json, produced: Json) -> bool:
    a, b = instant(expected["starts_at"]), instant(expected["ends_at"])
    c, d = instant(produced.get("starts_at")), instant(produced.get("ends_at"))
    return None not in (a, b, c, d) and a < d and c < b  # type: ignore[operator]


@dataclass(frozen=True)
class Fields:
    service: bool
    impact: bool
    start: bool
    end: bool

    @property
    def exact(self) -> bool:
        return self.service and self.start and self.end


def compare(expected: Json, produced: Json) -> Fields:
    return Fields(
        service=fold(str(produced.get("service") or "")) in names(expected),
        impact=produced.get("impact") == expected["impact"],
        start=same_instant(expected["starts_at"], produced.get("starts_at")),
        end=same_instant(expected["ends_at"], produced.get("ends_at")),
    )


def warned(row: Json, reading: Json) -> bool:
    if row.get("warnings") or row.get("warning"):
        return True
    evidence = row.get("evidence")
    if isinstance(evidence, dict) and (evidence.get("warnings") or evidence.get("warning")):
        return True
    line = row.get("line")
    return line is not None and any(w.get("line") == line for w in reading.get("warnings", ()))


# --- scoring --------------------------------------------------------------------------------


@dataclass
class NoticeScore:
    name: str
    expected: int
    produced: int = 0
    exact: int = 0
    rejected: str | None = None
    pairs: list[Fields] = field(default_factory=list)
    silently_wrong: int = 0
    problems: list[str] = field(default_factory=list)
    misses: Counter[str] = field(default_factory=Counter)  # expected rows not exact, by why


def _show(row: Json) -> str:
    return (
        f"{row.get('service')!r} {row.get('impact')} {row.get('starts_at')} → {row.get('ends_at')}"
    )


def near(expected: Json, produced: Json) -> bool:
    """The produced name holds an expected name's words, or is held in one (a boundary miss)."""
    said = fold(str(produced.get("service") or "")).split()
    if not said:
        return False
    for name in names(expected):
        words = name.split()
        if not words:
            continue
        short, long = sorted((said, words), key=len)
        if any(long[k : k + len(short)] == short for k in range(len(long) - len(short) + 1)):
            return True
    return False


def _why(f: Fields, expected: Json, produced: Json) -> str:
    """Why an aligned expected row is not exact: which part of the reading went wrong."""
    if f.start and f.end:
        return "window right, name " + ("cut or padded" if near(expected, produced) else "other")
    if f.service:
        return "name right, window wrong"
    return "name and window wrong"


def align(expected: Sequence[Json], produced: Sequence[Json]) -> list[tuple[int, int, Fields]]:
    """Each expected row (index i) paired with the produced row (index j) that agrees with it
    on most fields, exact pairs first; a row is in one pair at most."""
    candidates = []
    for i, e in enumerate(expected):
        for j, p in enumerate(produced):
            f = compare(e, p)
            agree = f.service + f.start + f.end
            if agree or overlaps(e, p):
                rank = (f.exact, f.exact and f.impact, agree, overlaps(e, p), f.impact)
                candidates.append((rank, i, j, f))
    candidates.sort(key=lambda c: c[0], reverse=True)
    pairs: list[tuple[int, int, Fields]] = []
    used_e: set[int] = set()
    used_p: set[int] = set()
    for _, i, j, f in candidates:
        if i in used_e or j in used_p:
            continue
        used_e.add(i)
        used_p.add(j)
        pairs.append((i, j, f))
    return pairs


def score_notice(name: str, expected: Sequence[Json], reading: Json | None) -> NoticeScore:
    """Score one notice; `reading` is the --json output, None when the reader rejected it."""
    score = NoticeScore(name, expected=len(expected))
    if reading is None:
        score.problems += [f"missed   {_show(e)}" for e in expected]
        score.misses["in a rejected notice"] += len(expected)
        return score
    produced: list[Json] = list(reading.get("interruptions", ()))
    score.produced = len(produced)
    used_e: set[int] = set()
    used_p: dict[int, Fields] = {}
    for i, j, f in align(expected, produced):
        used_e.add(i)
        used_p[j] = f
        score.pairs.append(f)
        if f.exact:
            score.exact += 1
        if not f.exact:
            score.misses[_why(f, expected[i], produced[j])] += 1
        if not (f.exact and f.impact):
            wrong = [k for k in ("service", "impact", "start", "end") if not getattr(f, k)]
            score.problems.append(f"wrong {','.join(wrong)}: expected {_show(expected[i])}")
            score.problems.append(f"          produced {_show(produced[j])}")
    for i, e in enumerate(expected):
        if i not in used_e:
            score.problems.append(f"missed   {_show(e)}")
            shared = any(overlaps(e, p) for p in produced)
            score.misses[
                "its time read, no row of its own" if shared else "no row at its time"
            ] += 1
    for j, p in enumerate(produced):
        pair = used_p.get(j)
        good = pair is not None and pair.exact and pair.impact
        if pair is None:
            score.problems.append(f"spurious {_show(p)}")
        if not good and not warned(p, reading):
            score.silently_wrong += 1
    return score


@dataclass
class Summary:
    notices: int
    rejected: int
    expected: int
    produced: int
    exact: int
    pairs: int
    field_accuracy: dict[str, float | None]
    silently_wrong: int
    fully_right: int = 0  # notices read exactly: every expected row, nothing more
    misses: Counter[str] = field(default_factory=Counter)
    macro_recall: float | None = None  # the mean of each notice's recall (one big table ≠ all)

    @property
    def recall(self) -> float | None:
        return self.exact / self.expected if self.expected else None

    @property
    def precision(self) -> float | None:
        return self.exact / self.produced if self.produced else None

    @property
    def silently_wrong_rate(self) -> float | None:
        return self.silently_wrong / self.produced if self.produced else None

    def as_dict(self) -> Json:
        return {
            "notices": self.notices,
            "rejected": self.rejected,
            "expected_rows": self.expected,
            "produced_rows": self.produced,
            "exact_rows": self.exact,
            "recall": self.recall,
            "precision": self.precision,
            "aligned_pairs": self.pairs,
            "field_accuracy": self.field_accuracy,
            "silently_wrong_rows": self.silently_wrong,
            "silently_wrong_rate": self.silently_wrong_rate,
            "notices_fully_right": self.fully_right,
            "macro_recall": self.macro_recall,
            "misses": dict(self.misses),
        }


def summarise(scores: Iterable[NoticeScore]) -> Summary:
    scores = list(scores)
    with_rows = [s for s in scores if s.expected]
    pairs = [f for s in scores for f in s.pairs]
    accuracy = {
        k: (sum(getattr(f, k) for f in pairs) / len(pairs) if pairs else None)
        for k in ("service", "impact", "start", "end")
    }
    return Summary(
        notices=len(scores),
        rejected=sum(s.rejected is not None for s in scores),
        expected=sum(s.expected for s in scores),
        produced=sum(s.produced for s in scores),
        exact=sum(s.exact for s in scores),
        pairs=len(pairs),
        field_accuracy=accuracy,
        silently_wrong=sum(s.silently_wrong for s in scores),
        fully_right=sum(
            s.exact == s.expected == s.produced and all(f.impact for f in s.pairs) for s in scores
        ),
        macro_recall=(
            sum(s.exact / s.expected for s in with_rows) / len(with_rows) if with_rows else None
        ),
        misses=sum((s.misses for s in scores), Counter()),
    )


def part_of(name: str) -> int:
    """The fixed part (0 or 1) of a notice, from its name: tune on 0, only measure 1."""
    return zlib.crc32(name.encode("utf-8")) % 2


def notices(half: str, root: Path = CORPUS, part: int | None = None) -> list[Path]:
    found = sorted((root / half).glob("*.txt"))
    return [n for n in found if part is None or part_of(n.stem) == part]


def expected_for(notice: Path) -> Json:
    data: Json = json.loads(notice.with_name(notice.stem + ".expected.json").read_text("utf-8"))
    return data


def score_half(
    half: str, reader: Reader = read_as_cli, root: Path = CORPUS, part: int | None = None
) -> list[NoticeScore]:
    scores = []
    for notice in notices(half, root, part):
        expected = expected_for(notice)
        try:
            reading: Json | None = reader(notice, expected["options"])
            rejected = None
        except Rejected as exc:
            reading, rejected = None, str(exc) or "rejected"
        score = score_notice(notice.stem, expected["interruptions"], reading)
        score.rejected = rejected
        scores.append(score)
    return scores


def _pct(x: float | None) -> str:
    return "  n/a" if x is None else f"{100 * x:5.1f} %"


def report(half: str, scores: list[NoticeScore], verbose: bool) -> str:
    s = summarise(scores)
    acc = s.field_accuracy
    out = [
        f"{half}: {s.notices} notices ({s.rejected} rejected), {s.expected} expected rows, "
        f"{s.produced} produced",
        f"  exact-window recall    {_pct(s.recall)}  ({s.exact}/{s.expected})",
        f"  exact-window precision {_pct(s.precision)}  ({s.exact}/{s.produced})",
        f"  field accuracy over {s.pairs} aligned pairs: service {_pct(acc['service'])}, "
        f"impact {_pct(acc['impact'])}, start {_pct(acc['start'])}, end {_pct(acc['end'])}",
        f"  silently wrong         {_pct(s.silently_wrong_rate)}  "
        f"({s.silently_wrong}/{s.produced} produced rows wrong with no warning)",
        f"  per notice: {s.fully_right}/{s.notices} read exactly, "
        f"mean recall {_pct(s.macro_recall)}",
        "  expected rows not read exactly: "
        + (", ".join(f"{why} {n}" for why, n in s.misses.most_common()) or "none"),
    ]
    if verbose:
        for score in scores:
            if score.rejected or score.problems:
                head = f"  - {score.name}: {score.exact}/{score.expected} exact"
                if score.rejected:
                    head += f", rejected ({score.rejected})"
                out.append(head)
                out += [f"      {p}" for p in score.problems]
    return "\n".join(out)


def main(argv: Sequence[str] | None = None, reader: Reader = read_as_cli) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=(*HALVES, "all"), default="all")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--verbose", action="store_true", help="per-notice mismatches")
    parser.add_argument(
        "--part", type=int, choices=(0, 1), help="only this part (crc32 of the name %% 2)"
    )
    parser.add_argument("--root", type=Path, default=CORPUS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.part == 1 and args.verbose:
        parser.error("--verbose is refused with --part 1: part 1 is measured, never read")
    halves = ALL if args.half == "all" else (args.half,)
    results = {half: score_half(half, reader, args.root, args.part) for half in halves}
    if args.json:
        print(json.dumps({h: summarise(s).as_dict() for h, s in results.items()}, indent=2))
    else:
        print("\n".join(report(h, s, args.verbose) for h, s in results.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
