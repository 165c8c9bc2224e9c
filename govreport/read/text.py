"""Plain-text reports: UTF-8 (with or without BOM), UTF-16, GBK/GB18030 and what
charset-normalizer recognises.

>>> decode_bytes("各位代表".encode("gbk"), "x.txt")[0]
'各位代表'
>>> decode_bytes(b"\\xef\\xbb\\xbf" + "报告".encode("utf-8"), "x.txt")
('报告', 'utf-8-sig')
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from govreport.errors import EmptyDocument, ReadError

MAX_BYTES = 20 * 1024 * 1024
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # below 32, other than \t \n \f \r
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _looks_textual(text: str) -> bool:
    """Text, not binary junk decoded by luck: few control characters, some CJK."""
    if not text:
        return False
    sample = text[:20000]
    controls = len(_CONTROLS.findall(sample))
    return controls <= len(sample) * 0.01


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode report bytes; return ``(text, encoding)``. Raises ReadError naming ``name``."""
    if not data.strip():
        raise EmptyDocument(name, "the file is empty")
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # UTF-16 without a BOM: every other byte of ASCII/CJK text is often zero.
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _looks_textual(text) and any("\u4e00" <= c <= "\u9fff" for c in text[:2000]):
                return text, enc
        raise ReadError(name, "binary data, not text")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise ReadError(name, f"not valid {enc} despite its byte-order mark ({exc.reason})") from exc
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_textual(text):
            return text, "gb18030" if enc == "gb18030" else enc
        raise ReadError(name, "binary data, not text")
    # A few corrupt bytes in otherwise good UTF-8 or GBK text: keep it, replacing them.
    for enc in ("utf-8", "gb18030"):
        text = data.decode(enc, errors="replace")
        if text.count("\ufffd") <= max(3, len(text) // 2000) and _looks_textual(text):
            return text, f"{enc} (with undecodable bytes replaced)"
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise ReadError(name, "cannot detect the text encoding (binary data?)")
    if best.encoding.replace("_", "").startswith(("gb", "big5", "cp936", "hz")):
        # Chinese text with a few bad bytes: keep it, replacing what cannot be decoded.
        text = data.decode("gb18030", errors="replace")
        enc = "gb18030 (with undecodable bytes replaced)"
    else:
        text = data.decode(best.encoding, errors="replace")
        enc = best.encoding
    if not _looks_textual(text):
        raise ReadError(name, "binary data, not text")
    return text, enc


def read_limited(path: Path) -> bytes:
    """The file's bytes; a ReadError naming it when it is unreadable or too large for a report."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(path.name, f"file too large ({size / 1e6:.0f} MB; a work report is under 1 MB)")
        return path.read_bytes()
    except OSError as exc:
        raise ReadError(path.name, f"cannot read the file ({exc.strerror or exc})") from exc


def read_text_file(path: Path) -> tuple[str, str]:
    return decode_bytes(read_limited(path), path.name)
