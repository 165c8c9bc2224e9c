"""Word (.docx) reports: body paragraphs and table cells, in document order, one per line.

Headers, footers, footnotes and text boxes are left out: in work reports they hold page
numbers and the like, not report text.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.table import Table

from govreport.errors import EmptyDocument, ReadError

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # OLE compound file: an encrypted .docx, or an old .doc


def _table_lines(table: Table) -> list[str]:
    """One line per row, cells separated by a tab; a merged cell counts once."""
    lines = []
    for row in table.rows:
        seen: set[int] = set()
        cells = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            if text:
                cells.append(text)
        if cells:
            lines.append("\t".join(cells))
    return lines


def _check_container(path: Path) -> None:
    """Reject what python-docx cannot open, with a reason a person can act on."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ReadError(path.name, f"cannot read the file ({exc.strerror or exc})") from exc
    if not head:
        raise EmptyDocument(path.name, "the file is empty")
    if head.startswith(_OLE_MAGIC):
        raise ReadError(path.name, "password-protected, or an old Word .doc file, not a valid .docx file",
                        "remove the password or save it as .docx in Word")
    if not head.startswith(_ZIP_MAGIC) or not zipfile.is_zipfile(path):
        raise ReadError(path.name, "not a valid .docx file (not a zip archive; corrupt or misnamed)")


def read_docx(path: Path) -> tuple[str, str]:
    """Read a .docx into ``(text, "docx")``: paragraphs and table rows joined by newlines."""
    _check_container(path)

    try:
        document = docx.Document(str(path))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_lines(block))
            else:
                lines.append(block.text)
    except zipfile.BadZipFile as exc:
        raise ReadError(path.name, f"corrupt .docx file ({exc})") from exc
    except Exception as exc:  # python-docx/lxml raise many types for broken parts
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReadError(path.name, f"not a valid .docx file ({reason})") from exc
    text = "\n".join(lines)
    if not text.strip():
        raise EmptyDocument(path.name, "the Word file has no text (only images?)")
    return text, "docx"
