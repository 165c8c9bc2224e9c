"""Structure: paragraphs, the heading tree, the review and plan parts, sentences.

Headings are recognised by their numbering (一、 / （一） / 1、 / （1）) or, for unnumbered part
titles ("2023年工作回顾", "2024年主要工作"), by the part words in ``phrases.yaml``. The tree is
built the way a reader builds it: a numbering style seen for the first time opens a new level,
one already open is a sibling, and 三、 after 2、 continues that list whatever the style.

>>> from govreport.model import Document
>>> doc = Document(text="各位代表：\\n一、2023年工作回顾\\n增长。\\n（一）稳增长。"
...                       "\\n二、2024年主要工作\\n目标。")
>>> segment(doc, review_year=2023)
>>> [(s.heading, s.depth, s.part) for s in doc.sections]
[('一、2023年工作回顾', 1, 'review'), ('（一）稳增长。', 2, 'review'), ('二、2024年主要工作', 1, 'plan')]
>>> [doc.text[s.start:s.end] for s in doc.sentences][:3]
['各位代表：', '一、2023年工作回顾', '增长。']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from itertools import repeat

from govreport.lexicon import grammar, phrases
from govreport.model import Document, Paragraph, Section, Sentence
from govreport.normalize import fold

_LIST_FAMILY = {"cn_dun", "ar_dun"}  # 三、 may continue a list that began 1、 2、
# a sentence ends at a line break or after its end punctuation (with any closing quotes)
# (blanks before it, \s being what str.isspace calls blank)(the sentence, with its end punctuation)
_SENTENCE = re.compile(r"[\s\ufeff]*([^。！？!?\n]*(?:[。！？!?]+[”’」』）)]*)?)")
_SENTENCE_END = re.compile(r"[。！？]")
_CLAUSE_MARK = re.compile(r"[。，；：！,;:]")  # a part title is one short phrase, with none of these
# blanks around a line: spaces of every width (NBSP and en/em spaces come from Word files and web pages)
_BLANK = " \t\r\n\u3000\ufeff\xa0\u2002\u2003\u2009\u200b"


@cache
def _numerals() -> str:
    """The heading numerals 一 … 十, in order (a numeral's value is its place + 1)."""
    g = grammar()
    return "".join(g["digits"]) + g["ten"]


@cache
def _markers() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Heading number styles: 一、 / （一） / 1、 / （1）."""
    cn = _numerals()
    return (
        ("cn_dun", re.compile(rf"[{cn}]{{1,3}}\s*[、.．]")),
        ("cn_paren", re.compile(rf"[（(]\s*[{cn}]{{1,3}}\s*[）)]")),
        ("ar_dun", re.compile(r"\d{1,2}\s*[、．.](?!\d)")),
        ("ar_paren", re.compile(r"[（(]\s*\d{1,2}\s*[）)]")),
    )


@cache
def _heading_starts() -> frozenset[str]:
    """Characters a numbered heading can begin with, digits aside: 一 … 十 and opening brackets."""
    return frozenset(_numerals() + "（(")


@cache
def _head_year() -> re.Pattern[str]:
    return re.compile(r"(\d{4})" + re.escape(grammar()["year"]))


@cache
def _not_heading_after() -> frozenset[str]:
    return frozenset(grammar()["not_heading_after"])


@cache
def _part_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    p = phrases()
    review = re.compile("|".join(map(re.escape, p["review_headings"])))
    plan = re.compile("|".join(map(re.escape, p["plan_headings"])))
    opener = re.compile("|".join(map(re.escape, p["plan_openers"])))
    period = re.compile("|".join(map(re.escape, p["plan_period"])))
    return review, plan, opener, period


def _number(token: str) -> int:
    digits = "".join(c for c in token if c.isdecimal())
    if digits:
        return int(digits)
    numerals = _numerals()
    cn = "".join(c for c in token if c in numerals)
    if len(cn) == 1:
        return numerals.index(cn) + 1
    if cn.startswith(numerals[-1]):  # 十一
        return 10 + (numerals.index(cn[1]) + 1 if len(cn) > 1 else 0)
    tens = numerals.index(cn[0]) + 1
    return tens * 10 + (numerals.index(cn[2]) + 1 if len(cn) > 2 else 0)


def _heading(line: str, review_year: int | None) -> tuple[str, int, str] | None:
    """(style, number, heading text) when ``line`` opens a section, else None."""
    stripped = line.strip(_BLANK)
    if not stripped:
        return None
    for style, pattern in _markers():
        m = pattern.match(stripped)
        if m:
            rest = stripped[m.end():]
            if not rest or rest[0] in _not_heading_after():
                return None
            cut = _SENTENCE_END.search(stripped)
            text = stripped if len(stripped) <= 60 or not cut else stripped[: cut.end()]
            return style, _number(m.group()), text
    if len(stripped) <= 30 and not _CLAUSE_MARK.search(stripped):
        review, plan, _, _ = _part_patterns()
        if review.search(stripped) or plan.search(stripped):
            return "title", 0, stripped
    return None


def segment(doc: Document, review_year: int | None = None) -> None:
    """Fill ``doc.paragraphs``, ``doc.sections`` and ``doc.sentences`` (in place)."""
    text = doc.text
    start_at = doc.body_start
    end_at = doc.body_end if doc.body_end is not None else len(text)
    doc.paragraphs, doc.sections, doc.sentences = [], [], []
    stack: list[tuple[str, int, int]] = []  # (style, number, section index)
    may_open = _heading_starts()
    pos = start_at
    for line in text[start_at:end_at].split("\n"):
        at, pos = pos, pos + len(line) + 1
        if not line.strip():
            continue
        stripped = line.strip(_BLANK)
        lead = len(line) - len(line.lstrip(_BLANK))
        doc.paragraphs.append(Paragraph(at + lead, at + len(line.rstrip(_BLANK))))
        if not stripped or not (stripped[0] in may_open or stripped[0].isdecimal() or len(stripped) <= 30):
            continue  # not numbered and too long for a part title
        found = _heading(stripped, review_year)
        if found is None:
            continue
        style, number, heading = found
        level = _place(stack, style, number)
        parent = stack[level - 1][2] if level > 0 else None
        del stack[level:]
        h_start = at + line.index(heading[0])
        sec = Section(len(doc.sections), level + 1, heading, h_start, h_start + len(heading), end_at, parent)
        stack.append((style, number, sec.index))
        doc.sections.append(sec)
    _close_sections(doc, end_at)
    _assign_parts(doc, review_year, start_at, end_at)


def _place(stack: list[tuple[str, int, int]], style: str, number: int) -> int:
    """Stack level for a new heading: a sibling of an open style, else a child of the top."""
    if style == "title":
        return 0
    for level in range(len(stack) - 1, -1, -1):
        s, n, _ = stack[level]
        if s == style:
            return level
        if s in _LIST_FAMILY and style in _LIST_FAMILY and number == n + 1:
            return level
    return len(stack)


def _close_sections(doc: Document, end_at: int) -> None:
    """A section ends where the next section of its depth or shallower begins."""
    open_: list[Section] = []  # sections not yet closed, shallowest first
    for sec in doc.sections:
        while open_ and open_[-1].depth >= sec.depth:
            open_.pop().end = sec.start
        open_.append(sec)
    for sec in open_:
        sec.end = end_at


def _assign_parts(doc: Document, review_year: int | None, start_at: int, end_at: int) -> None:
    review_re, plan_re, opener_re, period_re = _part_patterns()
    text = doc.text
    review_start = plan_start = None
    for sec in doc.sections:
        if sec.depth > 2:
            continue
        head = sec.heading
        # a heading naming the reviewed year is the review's (2025年主要工作和“十四五”发展成就),
        # one naming the year after is the plan's, whatever their other words
        year = _heading_year(head)
        names_review_year = review_year is not None and year == review_year
        names_plan_year = review_year is not None and year == review_year + 1
        if review_start is None and (review_re.search(head) or names_review_year):
            review_start = sec.start
        elif (review_start is not None and plan_start is None and sec.depth <= 2 and not names_review_year
              and (plan_re.search(head) or grammar()["this_year"] in head or names_plan_year
                   # 二、“十五五”发展的主要考虑: a top section about the coming plan period
                   or (sec.depth == 1 and period_re.search(head) and not review_re.search(head)))):
            plan_start = sec.start
            break
    if review_start is None:
        review_start = _first_review_sentence(text, start_at, end_at)
    if plan_start is None:
        m = opener_re.search(doc.norm or text, review_start, end_at)
        plan_start = _line_start(text, m.start()) if m else end_at
    bounds = (review_start, plan_start)

    def part_of(offset: int) -> str:
        if offset < bounds[0]:
            return "front"
        return "review" if offset < bounds[1] else "plan"

    for sec in doc.sections:
        sec.part = part_of(sec.start)  # type: ignore[assignment]
    _add_sentences(doc, start_at, end_at, bounds)


def _add_sentences(doc: Document, start_at: int, end_at: int, bounds: tuple[int, int]) -> None:
    """Split ``[start_at, end_at)`` into sentences, blanks around each left out; each sentence's
    section is the last heading at or before its start, its part the one its start lies in."""
    text = doc.text
    spans = [m.span(1) for m in _SENTENCE.finditer(text, start_at, end_at)]
    starts = [s for s, e in spans if e > s]
    ends = [e if not text[e - 1].isspace() else s + len(text[s:e].rstrip()) for s, e in spans if e > s]
    heads = [sec.start for sec in doc.sections]
    sections = [i - 1 if i else None for i in map(bisect_right, repeat(heads), starts)]
    names = ("front", "review", "plan")
    parts = [names[i] for i in map(bisect_right, repeat(bounds), starts)]
    doc.sentences.extend(map(Sentence, starts, ends, parts, sections))


def _first_review_sentence(text: str, start: int, end: int) -> int:
    """Without a review heading, the review begins after the opening address (各位代表 ...)."""
    openers = phrases()["report_openers"]
    best = None
    for word in openers:
        i = text.find(word, start, end)
        if i >= 0 and (best is None or i < best):
            best = i
    if best is None:
        return start
    nl = text.find("\n", best)
    return nl + 1 if nl >= 0 else best


def _heading_year(head: str) -> int | None:
    m = _head_year().search(fold(head))
    return int(m.group(1)) if m else None


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1
