"""Calendar writing: Préavis's own iCalendar writer against the icalendar-object writer it
replaced (tests/formats/ical_reference.py, which the tests hold it to byte for byte), on the
generated catalogue of `web_bench.generated` (default 5,000 services / 50,000 interruptions).
Prints the median of a few runs of each and the ratio. Usage:

    python bench/calendar_bench.py [--services 5000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from tests.formats import ical_reference  # noqa: E402

from preavis.formats import ical  # noqa: E402
from web_bench import generated  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    schedule = generated(args.services, args.services * 10)
    services = {s.slug: s for s in schedule.services}
    stamp = datetime(2026, 11, 1, tzinfo=UTC)
    entries = [
        ical.CalendarEntry(
            replace(
                m,
                interruptions=tuple(replace(i, key=f"k{n}") for n, i in enumerate(m.interruptions)),
            ),
            1,
            stamp,
        )
        for m in schedule.maintenances
    ]
    events = sum(len(e.maintenance.interruptions) for e in entries)
    figures = {}
    for label, writer in (
        ("icalendar objects", ical_reference.calendar),
        ("préavis", ical.calendar),
    ):
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            body = writer(entries, services, "fr", "Préavis")
            times.append(time.perf_counter() - started)
        figures[label] = statistics.median(times)
        print(
            f"  {label:18} {figures[label]:7.2f} s for {events:,} events ({len(body) / 1e6:.1f} MB)"
        )
    ratio = figures["icalendar objects"] / figures["préavis"]
    print(f"  préavis writes the calendar {ratio:.0f}× faster")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
