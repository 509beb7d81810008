"""The notice reader on generated hostile files: no crash, each file within its time budget.

Each file is read the way `preavis parse-notice` and the admin API's notice import read one
(`read_notice` on the uploaded bytes, with the example's catalogue), and the run prints one row
per kind of file: how many, how many were answered or refused with a NoticeError, crashes (any
other exception), the slowest, the largest growth of resident memory, and whether every file
ended within the reader's budget. Usage:

    python bench/hostile_notices.py [--files 1000] [--seed 8] [--scale 1.0]

`--scale` shrinks the sizes (0.05 for the quick run in tests/notices/test_hostile.py).
"""

from __future__ import annotations

import argparse
import random
import resource
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from fpdf import FPDF

from preavis.actions.files import open_schedule
from preavis.domain.errors import NoticeError
from preavis.domain.service import Service
from preavis.notices.limits import NOTICE_BUDGET_SECONDS
from preavis.notices.ocr import lexicon
from preavis.notices.reader import read_notice

REFERENCE = date(2025, 1, 15)
ROW = (
    "Boutique en ligne | La boutique n'est pas accessible. | Du 25 juin, 20 h au 2 juillet, "
    "7 h (HE)"
)
SENTENCE = "Du 25 juin, 20 h au 2 juillet, 7 h (HE) la boutique en ligne sera indisponible, "
TOKENS = ["20 h", "7 h 30", "12:00", "3 p.m.", "2025-06-25", "25/06/2025", "minuit", "1er",
    "juin", "June 25", "(HE)", "ET", "au", "to", "-", "du", "from", "2025", "24 h"]  # fmt: skip
PAGE = 4096
# The budget is checked between steps; the step that spends it (one pypdf parse of a content
# stream at most) still finishes. A file is within budget when it ends by budget + grace.
GRACE_SECONDS = 1.0
Generator = Callable[[random.Random, float], bytes]


# -- PDFs written by hand: one FlateDecode content stream, shared or not -------------------------


def _pdf(pages: list[bytes], streams: list[bytes], extra: tuple[bytes, ...] = ()) -> bytes:
    """A PDF whose page dictionaries are `pages` (objects 4+len(streams)+...), streams as given.

    Objects: 1 catalog, 2 page tree, 3 font, then the streams, then `extra`, then the pages."""
    first_page = 4 + len(streams) + len(extra)
    kids = " ".join(f"{first_page + n} 0 R" for n in range(len(pages)))
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *streams,
        *extra,
        *pages,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(bodies) + 1,
        xref,
    )
    return bytes(out)


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(content, 9)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n%s\nendstream" % (
        len(packed),
        extra,
        packed,
    )


def _page(contents: str, resources: str = "/Font << /F1 3 0 R >>") -> bytes:
    return (
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << {resources} >> "
        f"/Contents {contents} >>"
    ).encode()


def _count(rnd: random.Random, low: int, high: int, scale: float) -> int:
    """A page or call count between low and high, shrunk with the sizes (never below 2)."""
    return max(2, int(rnd.randint(low, high) * min(1.0, scale * 20)))


@lru_cache(maxsize=16)
def _text_content(size: int, line: str) -> bytes:
    unit = f"BT /F1 10 Tf 72 700 Td ({line}) Tj ET\n".encode("latin-1")
    return unit * max(1, size // len(unit))


def pdf_shared_stream(rnd: random.Random, scale: float) -> bytes:
    """Every page draws the same compressed stream (60 MB expanded at full scale)."""
    size = int(rnd.choice([20, 60, 80]) * 1024 * 1024 * scale)
    stream = _stream(_text_content(size, "Du 25 juin 20 h au 2 juillet 7 h Boutique"))
    return _pdf([_page("4 0 R")] * _count(rnd, 2, 200, scale), [stream])


def pdf_many_streams(rnd: random.Random, scale: float) -> bytes:
    """Many pages, each with its own stream just under a few MB."""
    pages = _count(rnd, 3, 60, scale)
    size = int(rnd.choice([1, 2, 3]) * 1024 * 1024 * scale)
    streams = [_stream(_text_content(size, f"Service {n} indisponible")) for n in range(pages)]
    return _pdf([_page(f"{4 + n} 0 R") for n in range(pages)], streams)


def pdf_operators(rnd: random.Random, scale: float) -> bytes:
    """Millions of cheap operators and no text: parsing costs, extraction finds nothing."""
    size = int(rnd.choice([4, 30, 70]) * 1024 * 1024 * scale)
    content = b"q 1 0 0 1 0 0 cm Q\n" * (size // 19)
    return _pdf([_page("4 0 R")] * _count(rnd, 1, 20, scale), [_stream(content)])


def pdf_forms(rnd: random.Random, scale: float) -> bytes:
    """A page that invokes one text form XObject thousands of times."""
    form = _stream(
        _text_content(int(256 * 1024 * scale) or 1, "Boutique du 25 juin 20 h au 26 juin 7 h"),
        b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> >> ",
    )
    calls = b"/X1 Do\n" * _count(rnd, 500, 20_000, scale)
    resources = "/Font << /F1 3 0 R >> /XObject << /X1 4 0 R >>"
    return _pdf([_page("5 0 R", resources)], [form, _stream(calls)])


def pdf_nested(rnd: random.Random, scale: float) -> bytes:
    """Deeply nested arrays and dictionaries in a content stream."""
    depth = rnd.randint(1_000, int(200_000 * scale) + 1_000)
    content = b"[" * depth + b"(x)" + b"]" * depth + b" TJ\n" + b"<<" * depth + b" BI\n"
    return _pdf([_page("4 0 R")], [_stream(content)])


def pdf_broken(rnd: random.Random, scale: float) -> bytes:
    """A real PDF (fpdf2) with some of its bytes overwritten or cut."""
    doc = FPDF()
    doc.add_page()
    doc.set_font("helvetica", size=10)
    for _ in range(rnd.randint(5, 40)):
        doc.cell(0, 6, ROW[: rnd.randint(10, len(ROW))], new_x="LMARGIN", new_y="NEXT")
    data = bytearray(doc.output())
    for _ in range(rnd.randint(1, 50)):
        data[rnd.randrange(len(data))] = rnd.randrange(256)
    return bytes(data[: rnd.randint(len(data) // 2, len(data))])


def pdf_text_rows(rnd: random.Random, scale: float) -> bytes:
    """A real PDF (fpdf2) whose text is thousands of table rows."""
    doc = FPDF()
    doc.set_font("helvetica", size=6)
    doc.add_page()
    for _ in range(int(rnd.randint(200, 3_000) * scale) + 10):
        doc.cell(0, 3, ROW.replace("’", "'"), new_x="LMARGIN", new_y="NEXT")
    return bytes(doc.output())


# -- text --------------------------------------------------------------------------------------


def long_line(rnd: random.Random, scale: float) -> bytes:
    """One line: a sentence holding a window, repeated thousands of times."""
    return (SENTENCE * int(rnd.choice([500, 1000, 2000, 4000]) * scale + 2)).encode()


def huge_line(rnd: random.Random, scale: float) -> bytes:
    """One line of words with no window at all, up to the text cap and beyond."""
    words = ["service", "la", "boutique", "sera", "de", "indisponible", "the", "will", "be"]
    size = int(rnd.choice([200_000, 900_000, 1_200_000]) * scale)
    out: list[str] = []
    total = 0
    while total < size:
        word = rnd.choice(words)
        out.append(word)
        total += len(word) + 1
    return " ".join(out).encode()


def repeated_rows(rnd: random.Random, scale: float) -> bytes:
    """A realistic row repeated: piped, stacked over three lines, or as a bullet."""
    shape = rnd.choice(["pipe", "stacked", "bullet"])
    if shape == "pipe":
        row = ROW + "\n"
    elif shape == "stacked":
        row = (
            "Boutique en ligne\nLa boutique n'est pas accessible.\n"
            "Du 25 juin, 20 h au 2 juillet, 7 h\n"
        )
    else:
        row = "• Boutique en ligne : indisponible du 25 juin, 20 h au 2 juillet, 7 h (HE)\n"
    return (row * int(rnd.choice([500, 2000, 5000, 6000]) * scale + 2)).encode()


def shared_windows(rnd: random.Random, scale: float) -> bytes:
    """Labelled start/end pairs repeated, each followed by sentences naming services."""
    n = int(rnd.choice([100, 1000, 3000]) * scale) + 2
    block = (
        "Start: Tuesday, March 10, 2026 at 02:00 UTC\nEnd: Tuesday, March 10, 2026 at 04:00 UTC\n"
        "Affected services: REST API, Webhooks\n"
    )
    said = "".join(f"Service {k} will be unavailable.\n" for k in range(n))
    return (block * n + said).encode()


def nesting(rnd: random.Random, scale: float) -> bytes:
    """Brackets and bullets nested thousands deep, around a window."""
    depth = int(rnd.choice([1_000, 10_000, 100_000]) * scale) + 10
    kind = rnd.choice(["brackets", "bullets", "quotes"])
    if kind == "brackets":
        body = "(" * depth + "Du 25 juin, 20 h au 2 juillet, 7 h" + ")" * depth
    elif kind == "bullets":
        body = "\n".join(" " * (k % 200) + rnd.choice("-•*▪") + " Boutique" for k in range(depth))
        body += "\n- du 25 juin, 20 h au 2 juillet, 7 h"
    else:
        body = "« “" * depth + "Boutique : du 25 juin, 20 h au 2 juillet, 7 h" + "” »" * depth
    return body.encode()


def whitespace_runs(rnd: random.Random, scale: float) -> bytes:
    """A date or time, then a very long run of spaces, tabs or blank lines."""
    run = int(rnd.choice([10_000, 100_000, 900_000]) * scale) + 10
    blank = rnd.choice([" ", "\t", "\n", " \n", "\u00a0"])
    token = rnd.choice(["20 h", "25 juin", "Du 25 juin, 20 h", "Boutique |", "ET", "(HE)"])
    return (token + blank * (run // len(blank)) + "x au 2 juillet, 7 h").encode()


def digits_and_times(rnd: random.Random, scale: float) -> bytes:
    """Megabytes of digits and time-like tokens (5 MB at full scale; most are over the cap)."""
    size = int(rnd.choice([300_000, 900_000, 5_000_000]) * scale)
    out: list[str] = []
    total = 0
    while total < size:
        token = rnd.choice(TOKENS) if rnd.random() < 0.7 else str(rnd.randrange(10**6))
        out.append(token)
        total += len(token) + 1
    return " ".join(out).encode()[: 5 * 1024 * 1024]


def date_chains(rnd: random.Random, scale: float) -> bytes:
    """'du 1 au 2 au 3 au …' and 'from 1 to 2 to 3 …' repeated."""
    n = int(rnd.choice([1_000, 20_000, 100_000]) * scale) + 5
    if rnd.random() < 0.5:
        body = "Boutique du " + " au ".join(f"{k % 28 + 1} juin {k % 24} h" for k in range(n))
    else:
        body = "Shop from " + " to ".join(f"June {k % 28 + 1}" for k in range(n))
    return body.encode()


def many_lines(rnd: random.Random, scale: float) -> bytes:
    """Tens of thousands of short lines: labels, headers and page numbers."""
    n = int(rnd.choice([5_000, 19_000, 25_000]) * scale) + 5
    pool = ["Indisponible", "Application", "Durée", "Page 3 de 9", "Limité :", "", "Boutique"]
    return "\n".join(rnd.choice(pool) for _ in range(n)).encode()


def random_bytes(rnd: random.Random, scale: float) -> bytes:
    return rnd.randbytes(int(rnd.randint(1, 2_000_000) * scale) + 1)


def bom_binary(rnd: random.Random, scale: float) -> bytes:
    """A UTF-8 byte-order mark, then binary."""
    return b"\xef\xbb\xbf" + rnd.randbytes(int(rnd.randint(1, 500_000) * scale) + 1)


def utf16(rnd: random.Random, scale: float) -> bytes:
    """UTF-16 text with a byte-order mark; sometimes with lone surrogates or an odd length."""
    text = (ROW + "\n") * (int(rnd.randint(1, 3_000) * scale) + 1)
    data = text.encode(rnd.choice(["utf-16", "utf-16-le", "utf-16-be"]))
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = b"\xff\xfe" + data
    if rnd.random() < 0.5:
        data += b"\x00\xd8" * rnd.randint(1, 10) + b"\x00"[: rnd.randint(0, 1)]
    return data


def invalid_utf8(rnd: random.Random, scale: float) -> bytes:
    """A notice with stray bytes that are not UTF-8 (nor always Windows-1252)."""
    text = bytearray(((ROW + "\n") * (int(rnd.randint(1, 2_000) * scale) + 1)).encode())
    for _ in range(rnd.randint(1, 200)):
        text.insert(
            rnd.randrange(len(text)), rnd.choice([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xC3, 0xFF])
        )
    return bytes(text)


KINDS: dict[str, Generator] = {
    "pdf: pages sharing one stream": pdf_shared_stream,
    "pdf: many large streams": pdf_many_streams,
    "pdf: millions of operators": pdf_operators,
    "pdf: form XObject bomb": pdf_forms,
    "pdf: deep nesting": pdf_nested,
    "pdf: damaged or cut": pdf_broken,
    "pdf: thousands of rows": pdf_text_rows,
    "one long line of windows": long_line,
    "one huge line, no window": huge_line,
    "repeated rows": repeated_rows,
    "labelled windows repeated": shared_windows,
    "nested brackets/bullets": nesting,
    "whitespace runs": whitespace_runs,
    "digits and times (5 MB)": digits_and_times,
    "date chains (du 1 au 2 au…)": date_chains,
    "many short lines": many_lines,
    "random bytes": random_bytes,
    "UTF-8 BOM then binary": bom_binary,
    "UTF-16": utf16,
    "invalid UTF-8": invalid_utf8,
}


# -- measuring -----------------------------------------------------------------------------------


def _rss() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * PAGE


class _Peak:
    """The highest resident memory seen while a file is read (sampled every 5 ms)."""

    def __init__(self) -> None:
        self.peak = _rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, _rss())

    def __enter__(self) -> _Peak:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss())


@dataclass
class Outcome:
    kind: str
    seconds: float
    rss_growth: int
    error: str | None  # NoticeError message
    crash: str | None  # any other exception
    rows: int = 0


@dataclass
class Row:
    kind: str
    files: int = 0
    answered: int = 0
    refused: int = 0
    crashes: list[str] = field(default_factory=list)
    max_seconds: float = 0.0
    max_rss: int = 0
    over_budget: int = 0


def read_one(
    kind: str, data: bytes, catalogue: tuple[Service, ...], budget: float | None
) -> Outcome:
    """Read one file as the import does; time it and watch its memory."""
    before = _rss()
    maxrss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    error = crash = None
    rows = 0
    with _Peak() as peak:
        start = time.monotonic()
        try:
            reading = read_notice(data, reference=REFERENCE, catalogue=catalogue, budget=budget)
            rows = len(reading.interruptions)
        except NoticeError as exc:
            error = str(exc)
        except Exception as exc:  # a crash: what this campaign looks for
            crash = f"{type(exc).__name__}: {exc}"[:300]
        seconds = time.monotonic() - start
    maxrss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    peak_seen = max(peak.peak, maxrss_after if maxrss_after > maxrss_before else 0)
    return Outcome(kind, seconds, max(0, peak_seen - before), error, crash, rows)


def campaign(
    count: int = 1000,
    seed: int = 8,
    scale: float = 1.0,
    budget: float | None = NOTICE_BUDGET_SECONDS,
    progress: Callable[[Outcome], None] | None = None,
) -> tuple[list[Row], list[Outcome]]:
    """Generate and read every file; one row per kind. Files are generated one at a time so
    that the campaign's own memory stays small."""
    lexicon("fr")  # the word lists load once per process: not a cost of any file
    lexicon("en")
    catalogue = tuple(open_schedule().schedule.services)
    rows = {kind: Row(kind) for kind in KINDS}
    outcomes = []
    rnd = random.Random(seed)
    names = list(KINDS)
    for n in range(count):
        kind = names[n % len(names)]
        data = KINDS[kind](rnd, scale)
        outcome = read_one(kind, data, catalogue, budget)
        del data
        outcomes.append(outcome)
        row = rows[kind]
        row.files += 1
        if outcome.crash:
            row.crashes.append(outcome.crash)
        elif outcome.error:
            row.refused += 1
        else:
            row.answered += 1
        row.max_seconds = max(row.max_seconds, outcome.seconds)
        row.max_rss = max(row.max_rss, outcome.rss_growth)
        if budget is not None and outcome.seconds > budget + GRACE_SECONDS:
            row.over_budget += 1
        if progress is not None:
            progress(outcome)
    return [r for r in rows.values() if r.files], outcomes


def table(rows: list[Row], budget: float | None) -> str:
    head = (
        "| kind | files | answered | NoticeError | crashes | max s | max RSS growth | "
        "within budget |\n|---|---:|---:|---:|---:|---:|---:|---|"
    )
    lines = [head]
    for r in rows:
        within = "yes" if r.over_budget == 0 else f"no ({r.over_budget} over)"
        lines.append(
            f"| {r.kind} | {r.files} | {r.answered} | {r.refused} | {len(r.crashes)} | "
            f"{r.max_seconds:.2f} | {r.max_rss / 1024 / 1024:.0f} MB | {within} |"
        )
    total = sum(r.files for r in rows)
    crashes = sum(len(r.crashes) for r in rows)
    slowest = max((r.max_seconds for r in rows), default=0.0)
    lines.append(
        f"\n{total} files, {crashes} crashes, slowest {slowest:.2f} s "
        f"(within budget: ended by {budget} s + {GRACE_SECONDS:g} s for the step that spends it)"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--verbose", action="store_true", help="one line per file")
    args = parser.parse_args()

    def show(outcome: Outcome) -> None:
        if args.verbose or outcome.crash:
            what = outcome.crash or outcome.error or f"{outcome.rows} rows"
            print(f"{outcome.kind:32} {outcome.seconds:6.2f} s  {what[:90]}", flush=True)

    started = time.monotonic()
    rows, _ = campaign(args.files, args.seed, args.scale, progress=show)
    print(table(rows, NOTICE_BUDGET_SECONDS))
    print(f"seed {args.seed}, scale {args.scale}, {time.monotonic() - started:.0f} s in all")
    for row in rows:
        for crash in row.crashes[:3]:
            print(f"crash in {row.kind}: {crash}")


if __name__ == "__main__":
    main()
