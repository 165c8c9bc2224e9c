"""Where the report proper begins and ends in text saved from a web page.

Pages put furniture around a report: 下载 / 打印 / 【字号：…】 / breadcrumbs before it, and
相关报道 / 扫一扫 / 关闭窗口 / 责任编辑 after it. The report begins with its header: the title,
the meeting line (——2026年1月25日在…会议上), the speaker, then the opening address (各位代表).
The words are in ``lexicon/data/clutter.yaml``; openers and speaker titles in ``phrases.yaml``.

>>> text = ("下载\\n打印\\n】\\n2026年某省政府工作报告\\n"
...         "——2026年1月25日在某省人民代表大会第四次会议上\\n各位代表：\\n现在……")
>>> text[find_body_start(text):].splitlines()[0]
'2026年某省政府工作报告'
>>> find_body_start("各位代表：\\n现在，我代表市人民政府向大会报告工作。")
0
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from govreport.errors import LexiconError
from govreport.lexicon import load_lexicon, phrases

_KEYS = {
    "header_lines", "header_prefixes", "trailer_prefixes", "trailer_regex", "title_words",
    "date_line", "meeting_words", "sentence_marks",
}
_TITLE_MAX = 60  # a title line is short; longer lines holding 工作报告 are prose
_SPEAKER_MAX = 30


@dataclass(frozen=True)
class Clutter:
    header_lines: frozenset[str]
    header_prefixes: tuple[str, ...]
    trailer_prefixes: tuple[str, ...]
    trailer_re: re.Pattern[str]
    title_words: tuple[str, ...]
    date_re: re.Pattern[str]
    meeting_words: tuple[str, ...]
    sentence_marks: tuple[str, ...]


@cache
def clutter() -> Clutter:
    """The clutter lexicon (clutter.yaml), validated once."""
    data = load_lexicon("clutter.yaml", _KEYS)
    try:
        trailer_re, date_re = re.compile(data["trailer_regex"]), re.compile(data["date_line"])
    except re.error as exc:
        raise LexiconError(f"clutter.yaml: bad regex ({exc})") from exc
    words = {k: tuple(str(w) for w in data[k]) for k in _KEYS if isinstance(data[k], list)}
    return Clutter(
        header_lines=frozenset(words["header_lines"]),
        header_prefixes=words["header_prefixes"],
        trailer_prefixes=words["trailer_prefixes"],
        trailer_re=trailer_re,
        title_words=words["title_words"],
        date_re=date_re,
        meeting_words=words["meeting_words"],
        sentence_marks=words["sentence_marks"],
    )


def _squeeze(line: str) -> str:
    return "".join(line.split())  # same whitespace as \s, several times faster than re.sub


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, line without whitespace)`` for each line of ``text``."""
    offset = 0
    for line in text.splitlines(keepends=True):
        yield offset, _squeeze(line)
        offset += len(line)


def is_header_clutter(line: str) -> bool:
    """True for page furniture such as 下载, 【字号：, 您的位置, 首页."""
    s, c = _squeeze(line), clutter()
    return s in c.header_lines or s.startswith(c.header_prefixes)


def is_trailer_clutter(line: str) -> bool:
    """True for a line that starts the clutter after a report (相关报道：, 扫一扫 …)."""
    return _is_trailer(_squeeze(line))


def _is_trailer(s: str) -> bool:
    c = clutter()
    return bool(s) and (s.startswith(c.trailer_prefixes) or bool(c.trailer_re.match(s)))


def _is_prose(s: str) -> bool:
    return any(m in s for m in clutter().sentence_marks)


def _is_title(s: str) -> bool:
    return len(s) <= _TITLE_MAX and any(w in s for w in clutter().title_words) and not _is_prose(s)


def _is_speaker(s: str) -> bool:
    return (len(s) <= _SPEAKER_MAX and not _is_prose(s)
            and any(t in s for t in phrases()["speaker_titles"]))


def _is_date(lines: list[tuple[int, str]], i: int) -> bool:
    """A meeting line; its meeting words may be wrapped onto the next line."""
    c = clutter()
    s = lines[i][1]
    if not c.date_re.match(s):
        return False
    around = s + (lines[i + 1][1] if i + 1 < len(lines) else "")
    return any(w in around for w in c.meeting_words)


def _header_start(lines: list[tuple[int, str]], anchor: int) -> int:
    """Walk back from the anchor over blank and speaker lines to the title, if there is one."""
    first = anchor
    j = anchor - 1
    while j >= 0:
        s = lines[j][1]
        if not s:
            j -= 1
        elif _is_title(s):
            return j
        elif _is_speaker(s):
            first = j
            j -= 1
        else:
            break
    return first


def _lines_to_opener(text: str) -> list[tuple[int, str]]:
    """The lines up to the first opener (各位代表), all lines when there is none: the header is above it."""
    openers = tuple(phrases()["report_openers"])
    lines = []
    for offset, s in _lines(text):
        lines.append((offset, s))
        if s.startswith(openers):
            break
    return lines


def _start_line(lines: list[tuple[int, str]]) -> int:
    openers = tuple(phrases()["report_openers"])
    opener = next((i for i, (_, s) in enumerate(lines) if s.startswith(openers)), None)
    limit = opener if opener is not None else len(lines)
    dates = [i for i in range(limit) if _is_date(lines, i)]
    if dates:
        return _header_start(lines, dates[-1] if opener is not None else dates[0])
    if opener is not None:
        return _header_start(lines, opener)
    # No header found: skip page furniture at the top, if any.
    i = 0
    while i < len(lines) and (not lines[i][1] or is_header_clutter(lines[i][1])):
        i += 1
    return i if i < len(lines) else 0


def find_body_start(text: str) -> int:
    """Offset where the report proper begins (its title, meeting line or 各位代表); 0 if no clutter."""
    lines = _lines_to_opener(text)
    if not lines:
        return 0
    i = _start_line(lines)
    if all(not s for _, s in lines[:i]):
        return 0
    return lines[i][0]


def find_body_end(text: str, start: int | None = None) -> int:
    """Offset where the clutter after the report begins (相关报道：, 扫一扫 …); ``len(text)`` if none.

    Only the second half of the body is searched, so header furniture after the title never
    cuts the report short; notes and lists appended after the closing words stay inside.
    ``start`` is :func:`find_body_start` of ``text`` when the caller already has it.
    """
    if start is None:
        start = find_body_start(text)
    earliest = start + (len(text) - start) // 2
    offset = 0
    for line in text.splitlines(keepends=True):
        if offset >= earliest and _is_trailer(_squeeze(line)):
            return len(text[:offset].rstrip())
        offset += len(line)
    return len(text)
