"""Notice reader benchmark: the reference notice and a generated 1,000-row notice.

Baseline in the same run: the window grammar alone over the same text (what any reader must at
least do). Prints medians and the ratio. Usage:

    python bench/notice_bench.py [--rows N] [--repeat R]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from preavis.domain import Impact, Interruption, Maintenance, Service, State, Text
from preavis.formats.notice import render_notice
from preavis.notices.ocr import lexicon
from preavis.notices.reader import read_notice
from preavis.notices.when import find_windows

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_658e30807bfc5fb2.txt"
WORDS = ["Portail", "Centre", "Suivi", "Facturation", "Expédition", "Retour", "Paie", "Outil"]
PLACES = ["des partenaires", "des envois", "en ligne", "mobile", "des colis", "des comptes"]


def generated(rows: int, seed: int = 3) -> tuple[str, int]:
    rnd = random.Random(seed)
    services = [
        Service(f"s{n}", Text(f"{rnd.choice(WORDS)} {rnd.choice(PLACES)} {n}", f"Service {n}"))
        for n in range(max(1, rows // 5))
    ]
    base = datetime(2025, 6, 1, 4, tzinfo=UTC)
    items = []
    for _ in range(rows):
        start = base + timedelta(minutes=rnd.randrange(0, 60 * 24 * 60, 15))
        items.append(
            Interruption(
                rnd.choice(services).slug,
                rnd.choice([Impact.LIMITED, Impact.UNAVAILABLE]),
                start,
                start + timedelta(minutes=rnd.randrange(30, 60 * 24 * 5, 15)),
                Text("Le service est fermé pendant la mise à niveau.", "Closed for the upgrade."),
            )
        )
    m = Maintenance("m", Text("Mise à niveau", "Upgrade"), "America/Toronto", tuple(items),
                    state=State.PUBLISHED)  # fmt: skip
    return render_notice(m, {s.slug: s for s in services}, "fr"), rows


def timed(fn: object, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)

    start = time.perf_counter()
    lexicon("fr")
    lexicon("en")
    cold = time.perf_counter() - start
    print(f"notice benchmark (medians of {args.repeat})")
    print(f"  word lists, loaded once per process  {cold * 1e3:9.1f} ms")
    cases = []
    if SEED.exists():
        cases.append(("reference notice (28 rows)", SEED.read_text(encoding="utf-8"), 28))
    text, rows = generated(args.rows)
    cases.append((f"generated notice ({rows:,} rows)", text, rows))
    for label, body, expected in cases:
        reading = read_notice(body, year=2025, reference=date(2025, 1, 1))
        assert len(reading.interruptions) == expected, (label, len(reading.interruptions))
        assert not reading.errors, reading.errors[:3]
        full = timed(lambda b=body: read_notice(b, year=2025), args.repeat)
        grammar = timed(lambda b=body: find_windows(b), args.repeat)
        print(f"  {label:36} {full * 1e3:9.1f} ms  (grammar alone {grammar * 1e3:.1f} ms, "
              f"ratio {full / grammar:.1f}×)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
