"""Fit the weights of notices/ranking.py on part 0 of the development half (never part 1).

A coordinate search: each weight in turn (the thresholds `FLAWED`, `MARGIN`, `WEAK`, `CLOSE`
and the prior of each source) is tried at a few values, the others held, and the value that
scores best on part 0 is kept; the passes repeat until none changes (at most `--passes`).
The objective is the number of exact rows minus twice the silently wrong rows (a wrong row
with no warning costs more than a missed one) minus half the right rows that carry a warning
(a warning nobody needed: so that a warning on every row does not win); a tie keeps the
current value, so a weight the data does not speak about stays where it was set by hand.

    python bench/fit_ranking.py [--passes 2]

It prints each change and, at the end, the weights found. They are written in
notices/ranking.py only if the unit tests of the design still pass with them
(tests/notices/test_ranking.py): in session 5 the search's optimum (title 2.5, MARGIN 1.0)
broke four and was refused (docs/notices.md, "Round 2"). It reads
only part 0 (`reader_score.score_half("dev", part=0)`): part 1 is measured afterwards, once,
with bench/reader_score.py.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reader_score
from preavis.notices import ranking

THRESHOLDS: dict[str, tuple[float, ...]] = {
    "FLAWED": (-1.5, -1.0, -0.5, -0.3, 0.0),
    "MARGIN": (0.0, 0.25, 0.5, 1.0, 1.5),
    "WEAK": (1.0, 1.5, 2.0, 2.5),
    "CLOSE": (0.25, 0.5, 0.75, 1.0),
}
PRIORS: tuple[float, ...] = (0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 3.0)
# Orders the design keeps whatever the data says (a unit test holds each): the window's own
# clause counts more than the rest of its paragraph.
ABOVE: tuple[tuple[str, str], ...] = (("same clause", "paragraph"),)


def _allowed() -> bool:
    return all(ranking.PRIOR[a] > ranking.PRIOR[b] for a, b in ABOVE)


def objective() -> tuple[float, int, int, int]:
    """(exact − 2 × silently wrong − 0.5 × right rows warned, exact, silently wrong, right
    rows warned) on part 0: a warning on a right row costs, so that warning on every row is
    not a way to win."""
    exact = silent = noise = 0
    for notice in reader_score.notices("dev", part=0):
        expected = reader_score.expected_for(notice)
        try:
            reading: reader_score.Json | None = reader_score.read_as_cli(
                notice, expected["options"]
            )
        except reader_score.Rejected:
            reading = None
        score = reader_score.score_notice(notice.stem, expected["interruptions"], reading)
        exact, silent = exact + score.exact, silent + score.silently_wrong
        for row in reading.get("interruptions", ()) if reading is not None else ():
            assert reading is not None
            right = any(
                (f := reader_score.compare(e, row)).exact and f.impact
                for e in expected["interruptions"]
            )
            noise += right and reader_score.warned(row, reading)
    return round(exact - 2 * silent - 0.5 * noise, 2), exact, silent, noise


def _set(name: str, value: float) -> None:
    if name in THRESHOLDS:
        setattr(ranking, name, value)
    else:
        ranking.PRIOR[name] = value


def _get(name: str) -> float:
    return float(getattr(ranking, name)) if name in THRESHOLDS else ranking.PRIOR[name]


def fit(passes: int) -> dict[str, float]:
    best = objective()
    print(f"start: {best} (objective, exact, silently wrong, right rows warned)")
    weights = [*THRESHOLDS, *ranking.PRIOR]
    for round_ in range(passes):
        changed = False
        for name in weights:
            values = THRESHOLDS.get(name, PRIORS)
            kept = _get(name)
            for value in values:
                if value == kept:
                    continue
                _set(name, value)
                if not _allowed():
                    continue
                got = objective()
                if got[0] > best[0]:
                    print(f"pass {round_ + 1}: {name} {kept} -> {value}: {got}")
                    best, kept, changed = got, value, True
            _set(name, kept)
        if not changed:
            break
    print(f"end: {best}")
    return {name: _get(name) for name in weights}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=2)
    args = parser.parse_args(argv)
    for name, value in fit(args.passes).items():
        print(f"{name} = {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
