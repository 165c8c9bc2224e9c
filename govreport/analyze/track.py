"""Target tracking: did a region do what its report promised?

For each region, every target of year N (stated in the report delivered in N) is paired with the
outcome of the same indicator and measure for year N (stated in the review of the report
delivered in N+1). The status follows the target's qualifier and the indicator's direction:

- ``met``: at or above the target (at_least, plain, ``about`` targets; a range counts from its
  low end); for ceilings — an ``at_most`` target or an indicator listed as ``lower_is_better``
  in ``lexicon/data/tracking.yaml`` (CPI, unemployment, energy intensity, deficit ratio) — at or
  under it (a range counts up to its high end).
- ``met (about)``: an ``about`` target (左右) missed by no more than ``about_tolerance``:
  percentage points for rates and growth figures, per cent of the target for other levels.
- ``missed``; ``no outcome reported`` (report N+1 states no comparable figure, or is not there);
  ``not comparable`` (the outcome's unit cannot be converted to the target's: % against
  个百分点, 亿元 against 亿美元); ``no target`` (an outcome of an indicator the region targets in
  other years, for a year whose report is present but set no target for it).

The gap is ``outcome − target`` in percentage points for rates and growth figures, and
``outcome / target`` for other levels, after converting units (亿元 against 万亿元). Text, when
given (``texts``: report name -> text), picks the headline figure when a report states one
several times and finds what the review says of last year's targets (``self_status``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import pandas as pd

from govreport.lexicon import indicators, load_lexicon, units
from govreport.model import Report
from govreport.numbers import unit_scale

STATUSES = ("met", "met (about)", "missed", "no outcome reported", "not comparable", "no target")
_EPS = 1e-9
_SENTENCE_END = "。！？!?\n"
_CLAUSE_END = "；;。！？!?\n"
_CONTINUED = "：:；;，,、"

FACT_COLUMNS = [
    "report", "region", "level", "report_year", "indicator", "period", "year", "measure", "value",
    "value_high", "unit", "qualifier", "value_text", "unit_text", "evidence", "start", "end",
    "target_sentence",
]
COLUMNS = [
    "region", "level", "indicator", "name", "measure", "year", "status", "gap", "gap_unit",
    "target", "target_high", "qualifier", "target_unit", "outcome", "outcome_unit",
    "target_evidence", "outcome_evidence", "self_status", "self_scope", "self_evidence",
    "target_report", "outcome_report", "target_start", "target_end", "outcome_start", "outcome_end",
]


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


# ---------------------------------------------------------------- units


def convert(value: float, unit: str, to_unit: str) -> float | None:
    """``value`` in ``unit`` expressed in ``to_unit``, or None when the two cannot be compared."""
    f1, b1 = unit_scale(unit)
    f2, b2 = unit_scale(to_unit)
    if b1 != b2:
        return None
    return value * f1 / f2


# ---------------------------------------------------------------- text helpers


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


# How a target figure's sentence ranks it as its year's headline target (target_sentence):
# the first figure in a sentence of targets (预期目标) wins over figures of other sentences.
TARGET_SENTENCES: dict[str, int | None] = {
    "targets": 0,  # in a sentence of targets
    "targets_after_goal": 1,  # in a sentence of targets, after a five-year word (年均, 今后五年)
    "other": 2,  # in another sentence
    "later_goal": None,  # after a five-year word, outside a sentence of targets: not this year's
}


def target_sentence(text: str, start: int) -> str:
    """The kind of sentence the target figure at ``start`` stands in (a key of ``TARGET_SENTENCES``).

    >>> target_sentence("今年主要预期目标是：地区生产总值增长6%左右。", 16)
    'targets'
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


def target_sentences(text: str, facts: Iterable[Any], report_year: int | None) -> list[str | None]:
    """:func:`target_sentence` of each fact that is a target of the report's own year, else None."""
    return [target_sentence(text, f.start) if f.period == "target" and f.year == report_year
            and report_year is not None else None for f in facts]


def _self_match(text: str, start: int, end: int, patterns: Iterable[tuple[str, re.Pattern[str]]]
                ) -> tuple[str, str] | None:
    """The first (status, phrase) matched in ``text[start:end]`` outside an excluded clause."""
    excludes = tracking_lexicon().self_excludes
    for status, pattern in patterns:
        for m in pattern.finditer(text, start, end):
            cs, ce = _span(text, m.start(), "，,；;。！？\n")
            if not any(x in text[cs:ce] for x in excludes):
                return status, m.group(0)
    return None


# ---------------------------------------------------------------- picking headline figures


def _clean(facts: pd.DataFrame) -> pd.DataFrame:
    """Numbers as numbers; text columns as plain Python objects (row by row access to
    Arrow-backed strings costs microseconds a cell, and tracking walks the rows). Built as
    one new frame: setting columns one by one costs more than the conversions."""
    cols: dict[str, pd.Series] = {}
    for col in facts.columns:
        s = facts[col]
        if col in ("value", "value_high"):
            s = pd.to_numeric(s, errors="coerce")
        elif col in ("year", "report_year", "start", "end"):
            s = pd.to_numeric(s, errors="coerce").astype("Int64")
        elif col == "qualifier":
            s = s.astype(object).where(s.notna(), None)
        elif pd.api.types.is_string_dtype(s.dtype) and s.dtype != object:
            s = s.astype(object)
        cols[col] = s
    df = pd.DataFrame(cols, index=facts.index)
    return df.dropna(subset=["region", "year", "report_year", "value"])


def _target_rank(row: Any, texts: dict[str, str] | None) -> tuple[int, int, str, int] | None:
    kind = getattr(row, "target_sentence", None)
    if not isinstance(kind, str):  # a frame without the column: from the text, if given
        text = texts.get(row.report) if texts else None
        kind = target_sentence(text, int(row.start)) if text is not None else None
    if kind is not None:
        cls = TARGET_SENTENCES[kind]
        return None if cls is None else (cls, 0, row.report, int(row.start))
    marked = any(m in row.evidence for m in tracking_lexicon().target_markers)
    return (0 if marked else 1, 0 if row.qualifier else 1, row.report, int(row.start))


def headline_targets(facts: pd.DataFrame, texts: dict[str, str] | None = None) -> pd.DataFrame:
    """One target per (region, indicator, measure, year): the headline one of report N.

    By each figure's ``target_sentence`` (stored with the fact; else found in ``texts``): the
    first figure in a sentence holding a target marker (预期目标), before figures of other
    sentences; a figure after a five-year word in its sentence (今后五年, 年均, “十四五”, 届时 …)
    and without a marker there is no target of the year. With neither: a marker in the
    evidence, then a qualified figure (左右, 以上 …), then the first.
    """
    t = facts[(facts["period"] == "target") & (facts["year"] == facts["report_year"])]
    if t.empty:
        return t
    ranks = [_target_rank(r, texts) for r in t.itertuples(index=False)]
    t = t.assign(_rank=ranks)
    t = t[t["_rank"].notna()].sort_values("_rank")
    return t.drop_duplicates(["region", "indicator", "measure", "year"]).drop(columns="_rank")


def outcome_candidates(facts: pd.DataFrame) -> pd.DataFrame:
    """Outcomes of year N stated in the report of N+1, in the order they are written; figures
    with a qualifier (预计增长5%左右, 控制在5.3%) after plain ones: a qualified figure in a review
    is often an estimate or last year's target quoted again."""
    a = facts[(facts["period"] == "actual") & (facts["year"] == facts["report_year"] - 1)]
    a = a.assign(_q=a["qualifier"].notna())
    return a.sort_values(["region", "_q", "report", "start"]).drop(columns="_q")


# ---------------------------------------------------------------- status


def judge(indicator: str, qualifier: str | None, target: float, target_high: float | None,
          outcome: float, *, percent: bool, tolerance: float = 0.5) -> tuple[str, float | None]:
    """(status, gap) of one outcome against one target; see the module docstring."""
    ceiling = indicator in tracking_lexicon().lower_is_better or qualifier == "at_most"
    ref = target_high if ceiling and target_high is not None else target
    slack = tolerance if percent else abs(ref) * tolerance / 100
    short = outcome - ref if ceiling else ref - outcome  # > 0: on the wrong side of the target
    if short <= _EPS:
        status = "met"
    elif qualifier == "about" and short <= slack + _EPS:
        status = "met (about)"
    else:
        status = "missed"
    if percent:
        gap = round(outcome - ref, 4)
    else:
        gap = round(outcome / ref, 4) if ref else None
    return status, gap


# ---------------------------------------------------------------- self-reported status


class _SelfReports:
    """What each report's review says of last year's targets, found in its text.

    The facts are grouped by report once (sorted offsets, searched by bisection): a lookup
    never scans the whole facts table.
    """

    def __init__(self, facts: pd.DataFrame, texts: dict[str, str] | None) -> None:
        self.texts = texts or {}
        self.facts = facts
        self._report_cache: dict[str, tuple[str, str] | None] = {}
        self._spans: dict[str, tuple[list[int], list[int]]] | None = None
        self._target_start: dict[str, int] | None = None

    def _review_end(self, report: str) -> int:
        if self._target_start is None:
            f = self.facts
            f = f[(f["period"] == "target") & (f["year"] == f["report_year"])]
            self._target_start = {k: int(v) for k, v in f.groupby("report")["start"].min().items()}
        return self._target_start.get(report, len(self.texts[report]))

    def _offsets(self, report: str) -> tuple[list[int], list[int]]:
        """(starts, ends) of the report's facts, each sorted."""
        if self._spans is None:
            spans: dict[str, tuple[list[int], list[int]]] = {}
            f = self.facts
            rows = zip(f["report"].tolist(), f["start"].tolist(), f["end"].tolist(), strict=True)
            for rep, start, end in rows:
                starts, ends = spans.setdefault(rep, ([], []))
                starts.append(int(start))
                ends.append(int(end))
            for starts, ends in spans.values():
                starts.sort()
                ends.sort()
            self._spans = spans
        return self._spans.get(report, ([], []))

    def for_report(self, report: str) -> tuple[str, str] | None:
        if report not in self._report_cache:
            text = self.texts.get(report)
            hit = None
            if text is not None:
                hit = _self_match(text, 0, self._review_end(report), tracking_lexicon().self_report)
            self._report_cache[report] = hit
        return self._report_cache[report]

    def for_outcome(self, report: str, start: int, end: int) -> tuple[str, str] | None:
        """A phrase in the outcome's clause, cut at the neighbouring figures of other indicators."""
        text = self.texts.get(report)
        if text is None:
            return None
        cs, ce = _span(text, start, _CLAUSE_END)
        starts, ends = self._offsets(report)
        i = bisect_left(starts, end)  # the first figure starting at or after this one's end
        if i < len(starts) and starts[i] < ce:
            ce = starts[i]
        j = bisect_right(ends, start) - 1  # the last figure ending at or before this one's start
        if j >= 0 and ends[j] > cs:
            cs = ends[j]
        return _self_match(text, cs, ce, tracking_lexicon().self_indicator)


# ---------------------------------------------------------------- tracking


def _match_region(df: pd.DataFrame, region: str | None) -> pd.DataFrame:
    if not region:
        return df
    exact = df[df["region"] == region]
    return exact if not exact.empty else df[df["region"].astype(str).str.contains(region, regex=False)]


def track(facts: pd.DataFrame, *, region: str | None = None, indicator: str | None = None,
          year: int | None = None, about_tolerance: float = 0.5, texts: dict[str, str] | None = None,
          no_target: bool = True) -> pd.DataFrame:
    """Targets of year N against outcomes of year N, one row per target (see the module docstring).

    ``facts``: a facts DataFrame (``Report.facts_frame()`` columns). ``texts``: report name ->
    text, to pick headline figures by their sentence and to read the self-reported status.
    ``no_target``: also list outcomes of targeted indicators in years that set no target.
    """
    df = _match_region(_clean(facts), region)
    if indicator:
        df = df[df["indicator"] == indicator]
    targets = headline_targets(df, texts)
    outcomes = outcome_candidates(df)
    if year is not None:
        targets = targets[targets["year"] == year]
        outcomes = outcomes[outcomes["year"] == year]
    selfrep = _SelfReports(df, texts)
    names = indicators().names
    reports_by_year = df.groupby(["region", "report_year"])["report"].first().to_dict()
    groups: dict[tuple[Any, ...], list[Any]] = {}  # (region, indicator, measure, year) -> outcomes in order
    for o in outcomes.itertuples(index=False):
        groups.setdefault((o.region, o.indicator, o.measure, o.year), []).append(o)
    groups = dict(sorted(groups.items(), key=lambda kv: kv[0]))
    rows: list[dict[str, Any]] = []

    def base(r: Any) -> dict[str, Any]:
        return {"region": r.region, "level": r.level, "indicator": r.indicator,
                "name": names.get(r.indicator, r.indicator), "measure": r.measure, "year": int(r.year)}

    def add_self(row: dict[str, Any], outcome: Any | None) -> None:
        hit, scope = None, None
        if outcome is not None:
            hit = selfrep.for_outcome(outcome.report, int(outcome.start), int(outcome.end))
            scope = "indicator"
        next_report = reports_by_year.get((row["region"], row["year"] + 1))
        if hit is None and next_report is not None:
            hit, scope = selfrep.for_report(next_report), "report"
        if hit is not None:
            row.update(self_status=hit[0], self_scope=scope, self_evidence=hit[1])

    for t in targets.itertuples(index=False):
        row = base(t)
        row.update(target=t.value, target_high=None if pd.isna(t.value_high) else t.value_high,
                   qualifier=t.qualifier, target_unit=t.unit, target_evidence=t.evidence,
                   target_report=t.report, target_start=int(t.start), target_end=int(t.end))
        cands = groups.get((t.region, t.indicator, t.measure, t.year))
        chosen, value = None, None
        if cands is not None:
            for c in cands:
                value = convert(c.value, c.unit, t.unit)
                if value is not None:
                    chosen = c
                    break
            else:
                chosen = cands[0]
        if chosen is None:
            row["status"] = "no outcome reported"
        else:
            row.update(outcome=chosen.value, outcome_unit=chosen.unit, outcome_evidence=chosen.evidence,
                       outcome_report=chosen.report, outcome_start=int(chosen.start),
                       outcome_end=int(chosen.end))
            if value is None:
                row["status"] = "not comparable"
            else:
                percent = unit_scale(t.unit)[1] in units().percent
                row["status"], row["gap"] = judge(t.indicator, t.qualifier, t.value, row["target_high"],
                                                  value, percent=percent, tolerance=about_tolerance)
                row["gap_unit"] = "pp" if percent else "ratio"
        add_self(row, chosen)
        rows.append(row)

    if no_target:
        targeted = set(zip(targets["region"], targets["indicator"], targets["measure"], strict=True))
        have = set(zip(targets["region"], targets["indicator"], targets["measure"], targets["year"],
                       strict=True))
        for key, g in groups.items():
            region_, _, _, yr = key
            if key in have or key[:3] not in targeted or (region_, yr) not in reports_by_year:
                continue
            c = g[0]
            row = base(c)
            row.update(status="no target", target_report=reports_by_year[(region_, yr)], outcome=c.value,
                       outcome_unit=c.unit, outcome_evidence=c.evidence, outcome_report=c.report,
                       outcome_start=int(c.start), outcome_end=int(c.end))
            rows.append(row)

    out = pd.DataFrame(rows, columns=COLUMNS)
    for col in ("target_start", "target_end", "outcome_start", "outcome_end"):
        out[col] = out[col].astype("Int64")
    order = {k: i for i, k in enumerate(names)}
    out["_o"] = out["indicator"].map(order)
    out = out.sort_values(["region", "year", "_o", "measure"], kind="stable").drop(columns="_o")
    return out.reset_index(drop=True)


def summarize(tracked: pd.DataFrame) -> pd.DataFrame:
    """Per region: targets met (incl. met (about)), missed, unknown (no outcome / not comparable)."""
    t = tracked[tracked["status"] != "no target"]
    met = t["status"].isin(["met", "met (about)"])
    missed = t["status"] == "missed"
    out = pd.DataFrame({"region": t["region"], "met": met, "missed": missed, "unknown": ~(met | missed)})
    return out.groupby("region", sort=False).sum().reset_index().assign(
        targets=lambda d: d["met"] + d["missed"] + d["unknown"])


def facts_from_reports(reports: Iterable[Report]) -> tuple[pd.DataFrame, dict[str, str]]:
    """(facts DataFrame, texts) of parsed reports, for track/compare without a store."""
    reports = list(reports)
    frames = [r.facts_frame() for r in reports]
    facts = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=FACT_COLUMNS)
    return facts, {r.name: r.text for r in reports}


def corpus_texts(corpus: Any, reports: Iterable[str]) -> dict[str, str] | None:
    """Report texts from a store: ``texts(names)``, ``text(name)`` or ``report(name)["text"]``."""
    reports = list(reports)
    if callable(getattr(corpus, "texts", None)):
        return dict(corpus.texts(reports))
    if callable(getattr(corpus, "text", None)):
        return {name: corpus.text(name) for name in reports}
    if callable(getattr(corpus, "report", None)):
        return {name: corpus.report(name)["text"] for name in reports}
    return None


def track_corpus(corpus: Any, *, region: str | None = None, indicator: str | None = None,
                 year: int | None = None, about_tolerance: float = 0.5) -> pd.DataFrame:
    """:func:`track` over a :class:`govreport.Corpus` (what ``Corpus.track`` returns)."""
    facts = corpus.facts(region=region) if region else corpus.facts()
    texts = corpus_texts(corpus, facts["report"].unique())
    return track(facts, region=region, indicator=indicator, year=year, about_tolerance=about_tolerance,
                 texts=texts)

__all__ = ["STATUSES", "TARGET_SENTENCES", "track", "track_corpus", "summarize", "judge", "convert",
           "unit_scale", "headline_targets", "facts_from_reports", "tracking_lexicon", "target_sentence",
           "target_sentences"]
