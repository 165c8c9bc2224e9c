"""An uploaded report file: check its name, type and size, write it to a fresh temporary folder
and ingest it exactly as ``govreport ingest`` does (``Corpus.ingest``).

A file name is reduced to its last path component (browsers send only that); a name that
tries to climb (``..``), holds a path separator, a NUL or control character, or is empty is
refused. The file is written only inside a new ``tempfile.mkdtemp`` folder, which is removed
afterwards, whatever happens.

>>> safe_filename("伊宁市 2024.txt")
'伊宁市 2024.txt'
>>> safe_filename("../../etc/passwd.txt")
Traceback (most recent call last):
...
govreport.web.upload.UploadError: ../../etc/passwd.txt: the file name holds a path; send a plain file name
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import IO, Any

ALLOWED = (".txt", ".docx", ".pdf", ".html", ".htm")
MAX_NAME = 120  # characters kept of a long file name (the stem is cut, the suffix kept)
CHUNK = 1 << 16
_ODD = re.compile(r"[<>:\"|?*\x00-\x1f\x7f]")


class UploadError(Exception):
    """An upload refused: ``status`` and ``code`` for the HTTP answer, ``str()`` for the message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def safe_filename(name: str | None) -> str:
    """The file name to store, or UploadError (400) when it is empty or tries to be a path."""
    raw = name or ""
    shown = raw[:MAX_NAME]
    if not raw.strip():
        raise UploadError(400, "bad_filename", "the upload has no file name")
    if "/" in raw or "\\" in raw or "\x00" in raw:
        raise UploadError(400, "bad_filename", f"{shown}: the file name holds a path; send a plain file name")
    clean = unicodedata.normalize("NFC", _ODD.sub("_", raw)).strip(" .")
    if not clean or clean.startswith(".") or set(clean) <= {"."}:
        raise UploadError(400, "bad_filename", f"{shown}: not a usable file name")
    stem, suffix = os.path.splitext(clean)
    if len(clean) > MAX_NAME:
        clean = stem[: MAX_NAME - len(suffix)] + suffix
    return clean


def check_type(filename: str) -> str:
    """The lower-case suffix of an allowed type, or UploadError (415)."""
    suffix = Path(filename).suffix.lower()
    if suffix not in ALLOWED:
        raise UploadError(415, "unsupported_type",
                          f"{filename}: unsupported file type {suffix or '(none)'!r}; "
                          f"upload one of {', '.join(ALLOWED)}")
    return suffix


def too_large(limit: int) -> UploadError:
    return UploadError(413, "too_large", f"the upload is larger than the limit of {limit:,} bytes")


def save(source: IO[bytes], filename: str, folder: Path, limit: int) -> Path:
    """Copy ``source`` to ``folder/filename`` in chunks; UploadError (413) past ``limit`` bytes."""
    target = (folder / filename).resolve()
    if target.parent != folder.resolve():  # belt and braces: safe_filename already refused paths
        raise UploadError(400, "bad_filename", f"{filename}: not a usable file name")
    size = 0
    with target.open("xb") as out:
        while chunk := source.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise too_large(limit)
            out.write(chunk)
    if size == 0:
        raise UploadError(400, "empty_file", f"{filename}: the file is empty")
    return target


def ingest_upload(corpus: Any, source: IO[bytes], name: str | None, limit: int) -> dict[str, Any]:
    """Check, save and ingest one uploaded file; returns ``{"report": {...}, "created": bool}``.

    ``created`` is False when the same content was already stored (the stored report is
    returned). A file that is not a readable work report raises UploadError (422).
    """
    filename = safe_filename(name)
    check_type(filename)
    folder = Path(tempfile.mkdtemp(prefix="govreport-upload-"))
    try:
        path = save(source, filename, folder, limit)
        result = corpus.ingest([path])
        if result.failed:
            _, why = result.failed[0]
            raise UploadError(422, "not_ingested", f"{filename}: {why}")
        created = bool(result.ingested)
        report = stored_report(corpus, path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if report is None:
        raise UploadError(500, "internal_error", f"{filename}: stored, but cannot be found again")
    return {"report": report, "created": created}


def stored_report(corpus: Any, path: Path) -> dict[str, Any] | None:
    """The stored report with the content of ``path`` (found by its hash), as a dict of metadata."""
    from govreport.store.ingest import sha256_file
    from govreport.store.queries import records

    digest = sha256_file(path)
    df = corpus.reports()
    match = df[df["sha256"] == digest]
    return records(match)[0] if not match.empty else None
