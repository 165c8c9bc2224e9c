"""Web pages: the report's paragraphs, one per line, without menus, footers and comments.

trafilatura finds the main text; when it finds none (or too little), the body text is taken with
navigation, header, footer, script and form elements removed. A page with too little
Chinese text left is not a report (:class:`NotAReport`).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import trafilatura
from selectolax.lexbor import LexborHTMLParser

from govreport.errors import NotAReport
from govreport.read.text import decode_bytes, read_limited

MIN_CJK = 200  # a work report has thousands of Chinese characters; a menu a few dozen
MIN_PARAGRAPH = 40  # ... and at least one paragraph this long
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_GB = ("gb2312", "gbk", "gb18030", "cp936", "x-gbk")
_DROP = "script, style, noscript, nav, header, footer, aside, form, iframe, select, button"


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode with the page's declared charset when it is valid, else by detection."""
    match = _META_CHARSET.search(data[:4096])
    if match:
        declared = match.group(1).decode("ascii").lower()
        encoding = "gb18030" if declared in _GB else declared
        try:
            codecs.lookup(encoding)
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; detect instead
    return decode_bytes(data, name)


def _main_text(html: str) -> str:
    """trafilatura's main text, or ``""`` when it finds none or fails."""
    try:
        text = trafilatura.extract(
            html, output_format="txt", favor_recall=True, include_comments=False,
            include_tables=True, include_images=False, include_links=False,
            include_formatting=False, deduplicate=False, with_metadata=False,
        )
    except Exception:  # trafilatura/lxml can fail on odd markup; the fallback handles it
        return ""
    return text or ""


def _body_text(html: str) -> str:
    """Body text without navigation, header, footer and scripts, one block per line."""
    tree = LexborHTMLParser(html)
    for node in tree.css(_DROP):
        node.decompose()
    root = tree.body or tree.root
    if root is None:
        return ""
    lines = (line.strip() for line in root.text(separator="\n").splitlines())
    return "\n".join(line for line in lines if line)


def read_html(path: Path) -> tuple[str, str]:
    """Read a saved web page into ``(text, "html")``: the report's paragraphs, one per line."""
    html, _ = _decode(read_limited(path), path.name)
    main = _main_text(html).strip()
    if _has_report(main):
        return main, "html"
    body = _body_text(html)  # trafilatura found nothing, or too little
    if _has_report(body):
        return body, "html"
    raise NotAReport(path.name, "no report text found in the page")


def _has_report(text: str) -> bool:
    """Enough Chinese text, with at least one real paragraph (a menu has only short lines)."""
    longest = max((len(_CJK.findall(line)) for line in text.splitlines()), default=0)
    return longest >= MIN_PARAGRAPH and len(_CJK.findall(text)) >= MIN_CJK
