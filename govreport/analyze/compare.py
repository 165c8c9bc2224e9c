"""Comparison: one indicator across regions in a year (ranked), or across years in a region.

``compare(facts, indicator="gdp", year=2025)`` ranks the regions by their outcome (or target,
``period="target"``) of that year, best first (highest, or lowest for an indicator listed as
``lower_is_better`` in tracking.yaml). ``compare(facts, indicator="gdp", region="全国")`` gives
a time series: per year, the target set in that year's report beside the outcome stated in the
next year's review, with the tracking status.
"""

from __future__ import annotations

from typing import Any, Literal

import pandas as pd

from govreport.analyze.track import (
    READINGS,
    _clean,
    _match_region,
    convert,
    corpus_texts,
    headline_targets,
    outcome_candidates,
    track,
    unit_scale,
)
from govreport.extract.targets import tracking_lexicon
from govreport.lexicon import indicators

RANK_COLUMNS = ["rank", "region", "level", "indicator", "measure", "year", "period", "value", "value_high",
                "qualifier", "unit", "evidence", "report", "start", "end"]
SERIES_COLUMNS = ["region", "indicator", "measure", "year", "target", "target_high", "qualifier", "outcome",
                  "unit", "status", "gap", "target_evidence", "outcome_evidence", "target_report",
                  "outcome_report"]


def _pick_measure(df: pd.DataFrame, measure: str | None) -> str | None:
    return measure or _default_measure(set(df["measure"]))


def _default_measure(measures: set[str]) -> str | None:
    """Growth where there is any, else the first measure by name."""
    if not measures:
        return None
    return "growth" if "growth" in measures else sorted(measures)[0]


def _common_unit(units: pd.Series) -> str | None:
    """The unit most figures use; the others are converted to it."""
    return None if units.empty else str(units.value_counts().index[0])


def compare(facts: pd.DataFrame, *, indicator: str, year: int | None = None, region: str | None = None,
            period: Literal["actual", "target"] = "actual", measure: str | None = None,
            texts: dict[str, str] | None = None, about_tolerance: float = 0.5) -> pd.DataFrame:
    """Regions side by side (``year``), or a region's years side by side (``region``).

    With ``region`` the result is a time series (``period`` is ignored: targets and outcomes
    come side by side); with only ``year``, one row per region, ranked. Level figures in
    different units (亿元, 万亿元) are converted to the most common one.
    """
    if indicator not in indicators().names:
        raise ValueError(f"unknown indicator {indicator!r}; known: {', '.join(indicators().names)}")
    if region:
        return _series(facts, indicator=indicator, region=region, year=year, measure=measure, texts=texts,
                       about_tolerance=about_tolerance)
    if year is None:
        raise ValueError("compare needs a year (regions side by side) or a region (years side by side)")
    if period not in ("actual", "target"):
        raise ValueError(f"period must be actual or target, not {period!r}")
    df = _clean(facts)
    df = df[df["indicator"] == indicator]
    picked = headline_targets(df, texts) if period == "target" else outcome_candidates(df)
    picked = picked[picked["year"] == year]
    m = _pick_measure(picked, measure)
    picked = picked[picked["measure"] == m].drop_duplicates(["region"])
    unit = _common_unit(picked["unit"])
    rows: list[dict[str, Any]] = []
    for r in picked.itertuples(index=False):
        value = convert(r.value, r.unit, unit) if unit else r.value
        if value is None:  # a unit that does not convert: leave the figure out of the ranking
            continue
        high = None if pd.isna(r.value_high) else convert(r.value_high, r.unit, unit)
        rows.append({"region": r.region, "level": r.level, "indicator": indicator, "measure": r.measure,
                     "year": int(r.year), "period": period, "value": value, "value_high": high,
                     "qualifier": r.qualifier, "unit": unit, "evidence": r.evidence, "report": r.report,
                     "start": int(r.start), "end": int(r.end)})
    out = pd.DataFrame(rows, columns=RANK_COLUMNS)
    ascending = indicator in tracking_lexicon().lower_is_better
    out = out.sort_values(["value", "region"], ascending=[ascending, True], kind="stable")
    out["rank"] = out["value"].rank(method="min", ascending=ascending).astype("Int64")
    return out.reset_index(drop=True)


def _series(facts: pd.DataFrame, *, indicator: str, region: str, year: int | None, measure: str | None,
            texts: dict[str, str] | None, about_tolerance: float) -> pd.DataFrame:
    df = _match_region(_clean(facts), region)
    df = df[df["indicator"] == indicator]
    m = _pick_measure(df, measure)
    df = df[df["measure"] == m]
    tracked = track(df, about_tolerance=about_tolerance, texts=texts)
    have = set(zip(tracked["region"], tracked["year"], strict=True))
    # outcomes of years whose report is not in the corpus: no target known, no status
    extra = pd.DataFrame([
        {"region": r.region, "indicator": indicator, "measure": m, "year": int(r.year), "outcome": r.value,
         "outcome_unit": r.unit, "outcome_evidence": r.evidence, "outcome_report": r.report}
        for r in outcome_candidates(df).drop_duplicates(["region", "year"]).itertuples(index=False)
        if (r.region, int(r.year)) not in have], columns=tracked.columns)
    out = pd.concat([tracked, extra], ignore_index=True) if not extra.empty else tracked
    out["unit"] = out["target_unit"].where(out["target_unit"].notna(), out["outcome_unit"])
    if year is not None:
        out = out[out["year"] == year]
    out = out.reindex(columns=SERIES_COLUMNS).sort_values(["region", "year"], kind="stable")
    return out.reset_index(drop=True)


def compare_corpus(corpus: Any, *, indicator: str, year: int | None = None, region: str | None = None,
                   period: Literal["actual", "target"] = "actual",
                   measure: str | None = None) -> pd.DataFrame:
    """:func:`compare` over a :class:`govreport.Corpus` (what ``Corpus.compare`` returns).

    Only the facts :func:`compare` looks at are read — the indicator's, and for regions side
    by side only that period and year from the report that can state it (N+1 for outcomes, N
    for targets). The stored facts carry their readings (``target_sentence``, self-reported
    status), so neither ranking a whole country's targets nor a region's series reads report text.
    """
    if region:
        facts = corpus.facts(region=region, indicator=indicator)
    elif year is not None and period == "actual" and callable(getattr(corpus, "first_outcomes", None)):
        # only the facts the ranking can use: the first of each region, of the measure it ranks
        facts = corpus.first_outcomes(indicator=indicator, year=year, measure=measure or _default_measure)
    elif year is not None and period in ("actual", "target"):
        # outcomes of year N are read in report N+1's review, targets in report N's plan
        facts = corpus.facts(indicator=indicator, period=period, year=year,
                             report_year=year + 1 if period == "actual" else year)
    else:  # compare() raises on these arguments; let it say why
        facts = corpus.facts(indicator=indicator)
    texts = None if set(READINGS) <= set(facts.columns) else corpus_texts(corpus, facts["report"].unique())
    return compare(facts, indicator=indicator, year=year, region=region, period=period, measure=measure,
                   texts=texts)


__all__ = ["compare", "compare_corpus", "unit_scale"]
