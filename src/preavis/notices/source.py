"""Notice bytes to text: UTF-8 or Windows-1252/Latin-1 text, or a PDF's text layer (pypdf)."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from preavis.domain.errors import NoticeError

NOTICE_MAX_BYTES = 5 * 1024 * 1024
NOTICE_MAX_PAGES = 200
PAGE_BREAK = "\f"


def decode(data: bytes) -> str:
    """Text from bytes: a PDF's text layer, else UTF-8, else Windows-1252 (Latin-1 at worst)."""
    if len(data) > NOTICE_MAX_BYTES:
        raise NoticeError(f"notice too large: {len(data)} bytes (at most {NOTICE_MAX_BYTES})")
    if data.lstrip()[:5] == b"%PDF-":
        return pdf_text(data)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise NoticeError(f"not readable UTF-16 text (byte {exc.start})") from exc
    if b"\x00" in data[:4096]:
        raise NoticeError("this is a binary file, not a text notice or a PDF")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, pages separated by form feeds."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise NoticeError("the PDF is encrypted: export an unprotected copy")
        if len(reader.pages) > NOTICE_MAX_PAGES:
            raise NoticeError(f"the PDF has {len(reader.pages)} pages (at most {NOTICE_MAX_PAGES})")
        pages = [page.extract_text() or "" for page in reader.pages]
    except NoticeError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise NoticeError(f"not a readable PDF ({type(exc).__name__}: {exc})") from exc
    text = f"\n{PAGE_BREAK}\n".join(pages)
    if not any(ch.isalnum() for ch in text):
        raise NoticeError("the PDF has no text layer: run OCR first (e.g. ocrmypdf), then import")
    return text
