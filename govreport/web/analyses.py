"""Tracking and comparison for the web: ``analyze.track``/``compare`` over the store, as dicts.

The stored facts carry what their wording says for tracking (headline targets, self-reported
status: :mod:`govreport.extract.targets`), so no report text is read. Results are memoised until
the store changes.
"""

from __future__ import annotations

import re
from typing import Any

from govreport.lexicon import indicators
from govreport.web.views import Memo, WebError, clean, rows

MEMO = Memo()


def status_class(status: str | None) -> str:
    """CSS class of a tracking status: ``met (about)`` -> ``status-met-about``."""
    return "status-" + (re.sub(r"[^a-z]+", "-", (status or "none").lower()).strip("-") or "none")


def _track_frame(corpus: Any, region: str | None, indicator: str | None, year: int | None,
                 about_tolerance: float) -> Any:
    from govreport.analyze import track

    def compute() -> Any:
        facts = corpus.facts(region=region) if region else corpus.facts()
        return track(facts, region=region, indicator=indicator, year=year, about_tolerance=about_tolerance)

    return MEMO.get(corpus, ("track", region, indicator, year, about_tolerance), compute)


def tracking(corpus: Any, *, region: str | None = None, indicator: str | None = None, year: int | None = None,
             about_tolerance: float = 0.5) -> dict[str, Any]:
    """Targets of year N against outcomes of year N, per region, with a count per status."""
    from govreport.analyze import STATUSES

    region, indicator = region or None, indicator or None
    df = _track_frame(corpus, region, indicator, year, about_tolerance)
    items = rows(df)
    for item in items:
        for key in ("target_start", "target_end", "outcome_start", "outcome_end"):
            if item.get(key) is not None:
                item[key] = int(item[key])
    summary: dict[str, dict[str, int]] = {}
    for item in items:
        counts = summary.setdefault(item["region"], dict.fromkeys(STATUSES, 0))
        counts[item["status"]] = counts.get(item["status"], 0) + 1
    return {"rows": items, "count": len(items), "statuses": list(STATUSES),
            "summary": [{"region": r, **c} for r, c in summary.items()],
            "filters": {"region": region, "indicator": indicator, "year": year,
                        "about_tolerance": about_tolerance}}


def comparison(corpus: Any, *, indicator: str | None = None, year: int | None = None,
               region: str | None = None, period: str | None = None,
               measure: str | None = None) -> dict[str, Any]:
    """One indicator: regions side by side in a ``year`` (ranked), or a ``region``'s years side by
    side (targets beside outcomes). Without either, the latest year that two regions report."""
    from govreport.analyze import compare

    indicator, region, period, measure = indicator or None, region or None, period or None, measure or None
    if indicator is None:
        raise WebError(400, "bad_parameter", "compare needs an indicator (e.g. gdp)")
    if indicator not in indicators().names:
        raise WebError(400, "bad_parameter", f"unknown indicator {indicator!r}; see /api/v1/indicators")
    if period not in (None, "actual", "target"):
        raise WebError(400, "bad_parameter", f"period must be actual or target, not {period!r}")
    if region is None and year is None:
        year = default_year(corpus, indicator, period or "actual")
    mode = "series" if region else "ranking"

    def compute() -> Any:
        facts = corpus.facts(region=region) if region else corpus.facts(indicator=indicator)
        try:
            return compare(facts, indicator=indicator, year=year, region=region, period=period or "actual",
                           measure=measure)
        except ValueError as exc:
            raise WebError(400, "bad_parameter", str(exc)) from None

    df = MEMO.get(corpus, ("compare", indicator, year, region, period, measure), compute) if year or region \
        else None
    items = rows(df) if df is not None else []
    return {"mode": mode, "indicator": indicator, "name": indicators().names[indicator], "rows": items,
            "count": len(items), "filters": {"indicator": indicator, "year": year, "region": region,
                                             "period": period, "measure": measure}}


def default_year(corpus: Any, indicator: str, period: str) -> int | None:
    """The latest year for which at least two regions state a figure of ``indicator``."""
    facts = corpus.facts(indicator=indicator, period=period)
    if period == "actual":
        facts = facts[facts["year"] == facts["report_year"] - 1]
    else:
        facts = facts[facts["year"] == facts["report_year"]]
    counts = facts.groupby("year")["region"].nunique()
    years = sorted((int(y) for y, n in counts.items() if n >= 2), reverse=True)
    return years[0] if years else (int(counts.index.max()) if len(counts) else None)


__all__ = ["tracking", "comparison", "status_class", "clean"]
