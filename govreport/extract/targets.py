"""What a report's wording says about its targets, read beside its facts for target tracking.

Two readings, each a property of the text around a figure, made once when a report is parsed
(and stored with its facts), so that tracking and comparing read no report text:

- ``target_sentence``: the kind of sentence a target of the report's own year stands in, which
  ranks it as that year's headline target — the first figure in a sentence of targets (预期目标)
  wins over figures of other sentences; after a five-year word (今后五年, 年均, “十四五”) and
  outside a sentence of targets it is a later goal, no target of the year.
- self-reported status: what the review says of last year's targets — in an outcome figure's
  own clause (``self_status`` of the fact: 未完成年度目标), or anywhere in the review part
  (the report's: 主要目标任务较好完成). The phrases are ``lexicon/data/tracking.yaml``.

>>> from govreport.pipeline import parse
>>> r = parse("各位代表：\\n一、2023年工作回顾\\n地区生产总值增长5%，完成年度目标。\\n二、2024年工作安排\\n"
...           "今年主要预期目标是：地区生产总值增长6%左右。")
>>> [(f.period, f.year, f.value) for f in r.facts]
[('actual', 2023, 5.0), ('target', 2024, 6.0)]
>>> readings = read_targets(r.text, r.facts, r.metadata.year)
>>> readings.target_sentence, readings.self_status
([None, 'targets'], [('met', '完成年度目标'), None])
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from govreport.lexicon import indicators, load_lexicon

_SENTENCE_END = "。！？!?\n"
_CLAUSE_END = "；;。！？!?\n"
_PHRASE_END = "，,；;。！？\n"
_CONTINUED = "：:；;，,、"

# target_sentence -> rank among a year's targets (lower first); None: not a target of the year
TARGET_SENTENCES: dict[str, int | None] = {
    "targets": 0,  # in a sentence of targets
    "targets_after_goal": 1,  # in a sentence of targets, after a five-year word (年均, 今后五年)
    "other": 2,  # in another sentence
    "later_goal": None,  # after a five-year word, outside a sentence of targets
}


@dataclass(frozen=True)
class TrackingLexicon:
    lower_is_better: frozenset[str]
    target_markers: tuple[str, ...]
    target_excludes: tuple[str, ...]
    self_indicator: tuple[tuple[str, re.Pattern[str]], ...]  # (status, pattern), in order
    self_report: tuple[tuple[str, re.Pattern[str]], ...]
    self_excludes: tuple[str, ...]


@cache
def tracking_lexicon() -> TrackingLexicon:
    """tracking.yaml, validated and compiled once."""
    from govreport.errors import LexiconError

    data = load_lexicon("tracking.yaml", {"lower_is_better", "target_markers", "target_excludes",
                                          "self_report", "self_excludes"})
    unknown = set(data["lower_is_better"]) - set(indicators().names)
    if unknown:
        raise LexiconError(f"tracking.yaml: lower_is_better names unknown indicator(s) {sorted(unknown)}")

    def compile_scope(scope: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
        by_status = data["self_report"][scope]
        bad = set(by_status) - {"met", "missed", "exceeded"}
        if bad:
            raise LexiconError(f"tracking.yaml: self_report.{scope}: unknown status(es) {sorted(bad)}")
        try:
            return tuple((status, re.compile(p)) for status, pats in by_status.items() for p in pats)
        except re.error as exc:
            raise LexiconError(f"tracking.yaml: self_report.{scope}: bad pattern ({exc})") from exc

    return TrackingLexicon(
        frozenset(data["lower_is_better"]), tuple(data["target_markers"]), tuple(data["target_excludes"]),
        compile_scope("indicator"), compile_scope("report"), tuple(data["self_excludes"]))


# ---------------------------------------------------------------- text spans


@cache
def _ends_pattern(ends: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(ends) + "]")


def _span(text: str, offset: int, ends: str) -> tuple[int, int]:
    """The stretch of ``text`` around ``offset`` between two of the ``ends`` characters.

    One pattern for all the ``ends`` (a find per character scans to the end of the text for
    each one that is absent); backwards in growing windows, as a sentence is short."""
    pattern = _ends_pattern(ends)
    m = pattern.search(text, offset)
    stop = m.start() if m else len(text)
    hi, width = offset, 256
    while hi > 0:
        lo = max(0, hi - width)
        last = None
        for last in pattern.finditer(text, lo, hi):  # noqa: B007 - the last one is wanted
            pass
        if last is not None:
            return last.start() + 1, stop
        hi, width = lo, width * 4
    return 0, stop


def _sentence_span(text: str, offset: int) -> tuple[int, int]:
    """The sentence around ``offset``; a line break after ：；，、 continues it (a list of targets
    set one per line still counts as one sentence)."""
    s, e = _span(text, offset, _SENTENCE_END)
    while s > 1 and text[s - 1] == "\n" and text[:s - 1].rstrip()[-1:] in _CONTINUED:
        s = _span(text, s - 2, _SENTENCE_END)[0]
    while e < len(text) and text[e] == "\n" and text[:e].rstrip()[-1:] in _CONTINUED:
        e = _span(text, e + 1, _SENTENCE_END)[1]
    return s, e


# ---------------------------------------------------------------- the readings


def target_sentence(text: str, start: int) -> str:
    """The kind of sentence the target figure at ``start`` stands in (a key of ``TARGET_SENTENCES``).

    >>> target_sentence("今后五年，地区生产总值年均增长6%。", 5)
    'later_goal'
    """
    lex = tracking_lexicon()
    s, e = _sentence_span(text, start)
    sentence = text[s:e]
    marked = any(m in sentence for m in lex.target_markers)
    excluded = any(x in text[s:start] for x in lex.target_excludes)
    if excluded:
        return "targets_after_goal" if marked else "later_goal"
    return "targets" if marked else "other"


def self_match(text: str, start: int, end: int, patterns: Iterable[tuple[str, re.Pattern[str]]]
               ) -> tuple[str, str] | None:
    """The first (status, phrase) matched in ``text[start:end]`` outside an excluded clause."""
    excludes = tracking_lexicon().self_excludes
    for status, pattern in patterns:
        for m in pattern.finditer(text, start, end):
            cs, ce = _span(text, m.start(), _PHRASE_END)
            if not any(x in text[cs:ce] for x in excludes):
                return status, m.group(0)
    return None


def review_self_status(text: str, review_end: int) -> tuple[str, str] | None:
    """What ``text[:review_end]`` (the review) says of last year's targets as a whole."""
    return self_match(text, 0, review_end, tracking_lexicon().self_report)


def clause_self_status(text: str, start: int, end: int, starts: Sequence[int], ends: Sequence[int],
                       ) -> tuple[str, str] | None:
    """What the clause of the figure at ``start``–``end`` says of its target, the clause cut at
    the neighbouring figures (``starts`` and ``ends`` of the report's facts, each sorted)."""
    cs, ce = _span(text, start, _CLAUSE_END)
    i = bisect_left(starts, end)  # the first figure starting at or after this one's end
    if i < len(starts) and starts[i] < ce:
        ce = starts[i]
    j = bisect_right(ends, start) - 1  # the last figure ending at or before this one's start
    if j >= 0 and ends[j] > cs:
        cs = ends[j]
    return self_match(text, cs, ce, tracking_lexicon().self_indicator)


class Figure(Protocol):
    """What the readings need of a fact (a :class:`~govreport.model.Fact`, or a stored row)."""

    period: str
    year: int | None
    start: int
    end: int


@dataclass(frozen=True)
class TargetReadings:
    """The readings of one report: one entry per fact, in the facts' order, and the review's."""

    target_sentence: list[str | None]  # targets of the report's own year
    self_status: list[tuple[str, str] | None]  # outcomes of the year before
    review: tuple[str, str] | None  # the review part as a whole


def read_targets(text: str, facts: Sequence[Figure], report_year: int | None) -> TargetReadings:
    """Each fact's ``target_sentence`` (targets of ``report_year``) and ``self_status`` (outcomes
    of the year before), and what the review, up to the first target, says as a whole."""
    targets = [f.period == "target" and report_year is not None and f.year == report_year for f in facts]
    outcomes = [f.period == "actual" and report_year is not None and f.year == report_year - 1
                for f in facts]
    starts = sorted(f.start for f in facts)
    ends = sorted(f.end for f in facts)
    review_end = min((f.start for f, t in zip(facts, targets, strict=True) if t), default=len(text))
    return TargetReadings(
        target_sentence=[target_sentence(text, f.start) if t else None
                         for f, t in zip(facts, targets, strict=True)],
        self_status=[clause_self_status(text, f.start, f.end, starts, ends) if o else None
                     for f, o in zip(facts, outcomes, strict=True)],
        review=review_self_status(text, review_end),
    )
