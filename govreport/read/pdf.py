"""PDF reports, through the text layer that PDFium finds.

A PDF breaks every paragraph into visual lines. A line that runs to the right margin,
followed by one that is not indented, continues the same paragraph, so the two are joined
back: a figure split over two lines (388.\\n2亿元) would otherwise be lost. This holds across
a page break too when no page footer sits between; otherwise pages are joined by a newline.
A PDF without a text layer (a scan) is an :class:`EmptyDocument`.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import pypdfium2 as pdfium

from govreport.errors import EmptyDocument, ReadError
from govreport.read.text import read_limited

_EOF_WINDOW = 2048  # %%EOF must be this close to the end of an untruncated file
_MIN_CHARS_PER_PAGE = 5  # fewer visible characters than this per page: no text layer


def _page_lines(textpage: pdfium.PdfTextPage) -> list[tuple[str, bool, bool]]:
    """The page's visual lines as ``(text, reaches_right_margin, flush_left)``."""
    text = textpage.get_text_range()
    raw_lines = text.split("\n")
    boxes: list[tuple[float, float, float] | None] = []  # (left, right, median char width)
    index = 0
    geometry = textpage.count_chars() == len(text)  # char boxes line up with the string
    for raw in raw_lines:
        lefts, rights, widths = [], [], []
        if geometry:
            for i, ch in enumerate(raw, start=index):
                if not ch.isspace():
                    x0, _, x1, _ = textpage.get_charbox(i, loose=True)
                    lefts.append(x0)
                    rights.append(x1)
                    widths.append(x1 - x0)
        index += len(raw) + 1
        boxes.append((min(lefts), max(rights), statistics.median(widths)) if widths else None)
    measured = [b for b in boxes if b]
    if not measured:
        return [(raw.rstrip("\r"), False, False) for raw in raw_lines]
    margin_left = min(b[0] for b in measured)
    margin_right = max(b[1] for b in measured)
    char_w = statistics.median(b[2] for b in measured)
    return [
        (raw.rstrip("\r"),
         b is not None and b[1] >= margin_right - 1.5 * char_w,
         b is not None and b[0] <= margin_left + 0.5 * char_w)
        for raw, b in zip(raw_lines, boxes, strict=True)
    ]


def _reflow(lines: list[tuple[str, bool, bool]]) -> str:
    """Join lines that continue a paragraph: the line reaches the margin, the next is not indented."""
    if not lines:
        return ""
    parts = [lines[0][0]]
    for prev, cur in zip(lines, lines[1:], strict=False):
        parts.append("" if prev[1] and cur[2] else "\n")
        parts.append(cur[0])
    return "".join(parts)


def _open(path: Path) -> tuple[pdfium.PdfDocument, bytes]:
    data = read_limited(path)
    if not data.strip():
        raise EmptyDocument(path.name, "the file is empty")
    if b"%PDF-" not in data[:1024]:
        raise ReadError(path.name, "not a PDF file (no %PDF header)")
    if b"%%EOF" not in data.rstrip(b"\x00\r\n\t ")[-_EOF_WINDOW:]:
        raise ReadError(path.name, "truncated PDF (the end of the file is missing)", "download it again")
    try:
        return pdfium.PdfDocument(data), data
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReadError(path.name, "password-protected PDF", "remove the password first") from exc
        raise ReadError(path.name, f"corrupt PDF ({exc})") from exc


def read_pdf(path: Path) -> tuple[str, str]:
    """Read a PDF's text layer into ``(text, "pdf")``, its paragraphs one per line."""
    document, _ = _open(path)
    lines: list[tuple[str, bool, bool]] = []
    pages = len(document)
    try:
        for i in range(pages):
            page = document[i]
            textpage = page.get_textpage()
            try:
                lines.extend(_page_lines(textpage))
            finally:
                textpage.close()
                page.close()
    except pdfium.PdfiumError as exc:
        raise ReadError(path.name, f"corrupt PDF: a page cannot be read ({exc})") from exc
    finally:
        document.close()
    text = _reflow(lines)
    visible = sum(1 for c in text if not c.isspace())
    if visible < _MIN_CHARS_PER_PAGE * max(1, pages):
        raise EmptyDocument(path.name, "no text layer (scanned PDF?); run OCR first")
    return text, "pdf"
