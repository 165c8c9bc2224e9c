"""Read a report file of any supported kind into a :class:`~govreport.model.Document`.

Dispatch is by file extension; each reader returns the decoded text and the encoding or
format it found. Unreadable input raises a :class:`~govreport.errors.ReadError` whose message
names the file and the problem.
"""

from __future__ import annotations

from pathlib import Path

from govreport.errors import EmptyDocument, UnsupportedFormat
from govreport.model import Document
from govreport.read.text import MAX_BYTES, decode_bytes

READERS = {".txt": "text", ".text": "text", ".md": "text"}


def _reader(suffix: str):  # noqa: ANN202 - returns a reader function
    if suffix in (".txt", ".text", ".md", ""):
        from govreport.read.text import read_text_file

        return read_text_file, "txt"
    if suffix == ".docx":
        from govreport.read.docx import read_docx

        return read_docx, "docx"
    if suffix == ".pdf":
        from govreport.read.pdf import read_pdf

        return read_pdf, "pdf"
    if suffix in (".html", ".htm", ".xhtml"):
        from govreport.read.html import read_html

        return read_html, "html"
    return None, None


SUPPORTED = (".txt", ".docx", ".pdf", ".html", ".htm")


def read_document(path: str | Path) -> Document:
    """Read ``path`` into a Document (text and provenance; structure comes later)."""
    p = Path(path)
    reader, fmt = _reader(p.suffix.lower())
    if reader is None:
        raise UnsupportedFormat(p.name, f"unsupported file type {p.suffix!r}",
                                "govreport reads " + ", ".join(SUPPORTED))
    text, encoding = reader(p)
    # universal newlines, as Python's text mode reads a file: offsets then agree with any tool
    # that opens the file as text (a CRLF file's spans would otherwise drift by one per line)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyDocument(p.name, "no text in the file")
    return Document(text=text, name=p.name, path=str(p), format=fmt, encoding=encoding)


def document_from_text(text: str, name: str = "<text>") -> Document:
    """Wrap a string that is already decoded."""
    return Document(text=text, name=name, format="text", encoding=None)


__all__ = ["read_document", "document_from_text", "decode_bytes", "SUPPORTED", "MAX_BYTES"]
