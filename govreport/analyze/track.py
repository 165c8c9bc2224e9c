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
``outcome / target`` for other levels, after converting units (亿元 against 万亿元). What the
wording around each figure says (:mod:`govreport.extract.targets`, carried by every facts frame:
``READINGS``) picks the headline figure when a report states one several times and gives what
the review says of last year's targets (``self_status``); a frame without those columns gets them
from ``texts`` (report name -> text), if given.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from govreport.extract.targets import TARGET_SENTENCES, read_targets, tracking_lexicon
from govreport.lexicon import indicators, units
from govreport.model import Report
from govreport.numbers import unit_scale

# what a report's wording says of each fact (govreport.extract.targets), as facts frames carry it
READINGS = ["target_sentence", "self_status", "self_evidence", "review_self_status", "review_self_evidence"]

STATUSES = ("met", "met (about)", "missed", "no outcome reported", "not comparable", "no target")
_EPS = 1e-9

FACT_COLUMNS = [
    "report", "region", "level", "report_year", "indicator", "period", "year", "measure", "value",
    "value_high", "unit", "qualifier", "value_text", "unit_text", "evidence", "start", "end",
    *READINGS,
]
COLUMNS = [
    "region", "level", "indicator", "name", "measure", "year", "status", "gap", "gap_unit",
    "target", "target_high", "qualifier", "target_unit", "outcome", "outcome_unit",
    "target_evidence", "outcome_evidence", "self_status", "self_scope", "self_evidence",
    "target_report", "outcome_report", "target_start", "target_end", "outcome_start", "outcome_end",
]


# ---------------------------------------------------------------- units


def convert(value: float, unit: str, to_unit: str) -> float | None:
    """``value`` in ``unit`` expressed in ``to_unit``, or None when the two cannot be compared."""
    f1, b1 = unit_scale(unit)
    f2, b2 = unit_scale(to_unit)
    if b1 != b2:
        return None
    return value * f1 / f2


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


def _target_rank(row: Any) -> tuple[int, int, str, int] | None:
    kind = getattr(row, "target_sentence", None)
    if isinstance(kind, str):
        cls = TARGET_SENTENCES[kind]
        return None if cls is None else (cls, 0, row.report, int(row.start))
    marked = any(m in row.evidence for m in tracking_lexicon().target_markers)  # no reading: the
    return (0 if marked else 1, 0 if row.qualifier else 1, row.report, int(row.start))  # evidence


def with_readings(facts: pd.DataFrame, texts: dict[str, str] | None) -> pd.DataFrame:
    """``facts`` with the ``READINGS`` columns: as they are when the frame has them, else read in
    ``texts`` (report name -> text) for the reports given there, else empty."""
    if set(READINGS) <= set(facts.columns):
        return facts
    cols: dict[str, list[Any]] = {c: [None] * len(facts) for c in READINGS}
    for report, idx in facts.groupby("report", sort=False).indices.items() if texts else ():
        text = texts.get(report) if texts else None
        if text is None:
            continue
        rows = list(facts.iloc[idx].itertuples(index=False))
        year = rows[0].report_year
        r = read_targets(text, rows, None if pd.isna(year) else int(year))
        for i, kind, hit in zip(idx, r.target_sentence, r.self_status, strict=True):
            cols["target_sentence"][i] = kind
            cols["self_status"][i], cols["self_evidence"][i] = hit or (None, None)
            cols["review_self_status"][i], cols["review_self_evidence"][i] = r.review or (None, None)
    return facts.assign(**cols)


def headline_targets(facts: pd.DataFrame, texts: dict[str, str] | None = None) -> pd.DataFrame:
    """One target per (region, indicator, measure, year): the headline one of report N.

    By each figure's ``target_sentence`` (see :func:`with_readings`): the first figure in a
    sentence holding a target marker (预期目标), before figures of other sentences; a figure
    after a five-year word in its sentence (今后五年, 年均, “十四五”, 届时 …) and without a marker
    there is no target of the year. Without a reading: a marker in the evidence, then a
    qualified figure (左右, 以上 …), then the first.
    """
    t = facts[(facts["period"] == "target") & (facts["year"] == facts["report_year"])]
    if t.empty:
        return t
    t = with_readings(t, texts)
    ranks = [_target_rank(r) for r in t.itertuples(index=False)]
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


def _reading(status: Any, evidence: Any) -> tuple[str, str] | None:
    return (status, evidence) if isinstance(status, str) else None


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
    text, to read the ``READINGS`` of a frame that lacks them (see :func:`with_readings`).
    ``no_target``: also list outcomes of targeted indicators in years that set no target.
    """
    df = with_readings(_match_region(_clean(facts), region), texts)
    if indicator:
        df = df[df["indicator"] == indicator]
    targets = headline_targets(df)
    outcomes = outcome_candidates(df)
    if year is not None:
        targets = targets[targets["year"] == year]
        outcomes = outcomes[outcomes["year"] == year]
    reviews = {rep: _reading(status, evidence) for rep, status, evidence in zip(
        df["report"], df["review_self_status"], df["review_self_evidence"], strict=True)}
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
            hit, scope = _reading(outcome.self_status, outcome.self_evidence), "indicator"
        next_report = reports_by_year.get((row["region"], row["year"] + 1))
        if hit is None and next_report is not None:
            hit, scope = reviews.get(next_report), "report"
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
    """:func:`track` over a :class:`govreport.Corpus` (what ``Corpus.track`` returns): the stored
    facts carry their readings, so no report text is read."""
    facts = corpus.facts(region=region) if region else corpus.facts()
    texts = None if set(READINGS) <= set(facts.columns) else corpus_texts(corpus, facts["report"].unique())
    return track(facts, region=region, indicator=indicator, year=year, about_tolerance=about_tolerance,
                 texts=texts)


__all__ = ["STATUSES", "READINGS", "track", "track_corpus", "summarize", "judge", "convert",
           "unit_scale", "headline_targets", "with_readings", "facts_from_reports", "tracking_lexicon"]
