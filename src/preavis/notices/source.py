"""Notice bytes to text: UTF-8 or Windows-1252/Latin-1 text, or a PDF's text layer (pypdf).

A PDF is read under caps (see `limits`): each stream may decompress to at most
PDF_MAX_CONTENT_BYTES, the pages' content together too, the text extracted to NOTICE_MAX_TEXT
characters, and the deadline is checked at every content-stream operator.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError, PyPdfError
from pypdf.generic import ArrayObject, StreamObject

from preavis.domain.errors import NoticeError
from preavis.notices.limits import (
    NOTICE_MAX_BYTES,
    NOTICE_MAX_PAGES,
    NOTICE_MAX_TEXT,
    PDF_MAX_CONTENT_BYTES,
    PDF_MAX_TOKENS_PER_STREAM,
    Deadline,
    pdf_too_complex,
    pdf_too_large,
    too_much_text,
)

__all__ = ["NOTICE_MAX_BYTES", "NOTICE_MAX_PAGES", "PAGE_BREAK", "decode", "pdf_text"]

PAGE_BREAK = "\f"
# Form XObjects a page may invoke while its text is extracted (pypdf's default is 5,000).
PDF_MAX_FORMS_PER_PAGE = 200
# pypdf's own limits, lowered to ours: every decoder stops at the content cap.
_PDF_DECODERS = (
    "zlib_maximum_output_length",
    "lzw_maximum_output_length",
    "run_length_maximum_output_length",
    "brotli_maximum_output_length",
    "jbig2_maximum_output_length",
    "array_based_stream_maximum_output_length",
    "image_maximum_buffer_size",
    "xmp_maximum_input_length",
)
_PDF_LIMITS: dict[str, int] = dict.fromkeys(_PDF_DECODERS, PDF_MAX_CONTENT_BYTES)
_PDF_LIMITS["stream_decoding_work_maximum_length"] = 4 * PDF_MAX_CONTENT_BYTES
_PDF_LIMITS["xform_maximum_invocations_per_extraction"] = PDF_MAX_FORMS_PER_PAGE
_PDF_LIMITS["stream_parsing_work_maximum_count"] = PDF_MAX_TOKENS_PER_STREAM


def decode(data: bytes, deadline: Deadline | None = None) -> str:
    """Text from bytes: a PDF's text layer, else UTF-8, else Windows-1252 (Latin-1 at worst)."""
    if len(data) > NOTICE_MAX_BYTES:
        raise NoticeError.said("notice.too_large", size=len(data), limit=NOTICE_MAX_BYTES)
    if data.lstrip()[:5] == b"%PDF-":
        return pdf_text(data, deadline)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise NoticeError.said("notice.utf16", byte=exc.start) from exc
    if b"\x00" in data[:4096]:
        raise NoticeError.said("notice.binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


class _Stop(BaseException):
    """Carries a NoticeError out of pypdf, which catches Exception around form XObjects."""

    def __init__(self, error: NoticeError) -> None:
        super().__init__(str(error))
        self.error = error


def pdf_text(data: bytes, deadline: Deadline | None = None) -> str:
    """The text layer of a PDF, pages separated by form feeds."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    clock = deadline or Deadline(None)
    try:
        with apply_configuration(None, **_PDF_LIMITS):
            return _extract(data, clock)
    except _Stop as stop:
        raise stop.error from None
    except NoticeError:
        raise
    except LimitReachedError as exc:
        if "decompress" in str(exc) or "decoding work" in str(exc):
            raise pdf_too_large() from exc
        if "number of tokens" in str(exc):
            raise pdf_too_complex(
                f"a page has more than {PDF_MAX_TOKENS_PER_STREAM:,} drawing instructions"
            ) from exc
        raise pdf_too_complex(str(exc).rstrip(".")) from exc
    except MemoryError as exc:
        raise pdf_too_large() from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise NoticeError.said("notice.pdf_unreadable", why=f"{type(exc).__name__}: {exc}") from exc
    except RecursionError as exc:
        raise NoticeError.said("notice.pdf_nested") from exc


def _content_bytes(page: Any) -> int:
    """How many bytes the page's content streams and its forms decompress to (pypdf keeps
    them decoded, so extraction does not decompress them again)."""
    contents = page.get("/Contents")
    found = None if contents is None else contents.get_object()
    parts: list[Any] = list(found) if isinstance(found, ArrayObject) else [found]
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else {}
    forms = resources.get("/XObject") if hasattr(resources, "get") else None
    forms = forms.get_object() if forms is not None else {}
    if hasattr(forms, "values"):
        parts.extend(forms.values())
    total = 0
    for part in parts:
        stream = part.get_object() if part is not None else None
        if isinstance(stream, StreamObject) and stream.get("/Subtype") != "/Image":
            total += len(stream.get_data())
    return total


def _extract(data: bytes, deadline: Deadline) -> str:
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise NoticeError.said("notice.pdf_encrypted")
    if len(reader.pages) > NOTICE_MAX_PAGES:
        raise NoticeError.said("notice.pdf_pages", pages=len(reader.pages), limit=NOTICE_MAX_PAGES)
    expanded = 0
    characters = 0

    def each_operator(*_: Any) -> None:
        try:
            deadline.check()
        except NoticeError as exc:
            raise _Stop(exc) from None

    runs: list[tuple[str, float, float]] = []

    def each_text(text: str, _cm: Any, tm: Any, *_: Any) -> None:
        nonlocal characters
        characters += len(text)
        if characters > NOTICE_MAX_TEXT:
            raise _Stop(too_much_text(characters))
        runs.append((text, float(tm[4]), float(tm[5])))

    for page in reader.pages:  # all pages first: refused before any page is parsed
        deadline.check()
        expanded += _content_bytes(page)
        if expanded > PDF_MAX_CONTENT_BYTES:
            raise pdf_too_large()
    pages = []
    for page in reader.pages:
        deadline.check()
        runs.clear()
        text = page.extract_text(visitor_operand_before=each_operator, visitor_text=each_text)
        pages.append(columns(runs, text or ""))
    text = f"\n{PAGE_BREAK}\n".join(pages)
    if not any(ch.isalnum() for ch in text):
        raise NoticeError.said("notice.pdf_no_text")
    return text


_COLUMN_LINES = 3  # a column is an x position where pieces of at least this many lines begin


def columns(runs: list[tuple[str, float, float]], text: str) -> str:
    """The page's text with a tab before each piece that begins a table column.

    pypdf gives each piece of text with its position. An x position where pieces of three or
    more lines begin, to the right of another piece of the same line, is a column of a table:
    the piece is one cell, and a tab marks it so that the table reads as a tab table
    (notices/blocks.py). `text` (pypdf's own) is kept when there is no column, or when the
    pieces do not add up to it."""
    if "".join(t for t, _, _ in runs) != text:
        return text
    starts: dict[float, set[float]] = {}
    previous: tuple[float, float] | None = None
    for piece, x, y in runs:
        if not piece.strip():
            previous = None if "\n" in piece else previous
            continue
        if previous is not None and previous[1] == y and x > previous[0]:
            starts.setdefault(round(x), set()).add(y)
        previous = (x, y)
    found = {x for x, lines in starts.items() if len(lines) >= _COLUMN_LINES}
    if not found:
        return text
    out: list[str] = []
    previous = None
    for piece, x, y in runs:
        if not piece.strip():
            previous = None if "\n" in piece else previous
            out.append(piece)
            continue
        cell = previous is not None and previous[1] == y and x > previous[0] and round(x) in found
        previous = (x, y)
        out.append("\t" + piece.lstrip(" ") if cell else piece)
    return "".join(out)
