"""What every route shows, as one plain dict: the API returns it as JSON, a page renders it.

Each function takes an open :class:`govreport.Corpus` and the request's parameters, calls
the library (store queries, ``analyze.track``/``compare``) and returns JSON-ready values
(``None`` for missing, no NaN). Pages add only presentation (highlighted HTML, charts).
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from govreport.lexicon import indicators
from govreport.store.queries import ReportNotFound, records

HIDDEN_REPORT_COLUMNS = ("source_path",)  # server paths are nobody's business


class WebError(Exception):
    """A request that cannot be answered: HTTP ``status``, a stable ``code`` and a message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def clean(value: Any) -> Any:
    """JSON-ready: NaN and pandas' missing markers to None, numpy scalars to Python, recursively."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str | bytes):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if value is not None and type(value).__name__ in ("NAType", "NaTType"):
        return None
    return value


def num(value: Any) -> str:
    """A number as people write it: 388.2, 5, 39863 (no trailing .0).

    >>> num(388.2), num(5.0), num(39863.0), num(None)
    ('388.2', '5', '39863', '')
    """
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.6g}" if abs(value) < 1e6 else f"{value:.10g}"
    return str(value)


def rows(df: Any) -> list[dict[str, Any]]:
    return [clean(r) for r in records(df)]


def page(df: Any, limit: int, offset: int) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """One page of a DataFrame and the paging facts (total, limit, offset, next_offset)."""
    total = len(df)
    info = {"total": total, "limit": limit, "offset": offset,
            "next_offset": offset + limit if offset + limit < total else None}
    return rows(df.iloc[offset:offset + limit]), info


def report_key(key: str) -> str:
    """A report id (ASCII digits) or slug; other digit characters would not make an id."""
    if key.isdigit() and (not key.isascii() or len(key) > 18):
        raise WebError(404, "report_not_found", f"{key}: no stored report with this id or slug")
    return key


# ---------------------------------------------------------------- reports


def choices(corpus: Any) -> dict[str, list[Any]]:
    """Regions, years and levels present, for filter forms."""
    df = corpus.reports()
    return {
        "regions": sorted({r for r in df["region"] if isinstance(r, str)}),
        "years": sorted({int(y) for y in df["year"].dropna()}, reverse=True),
        "levels": sorted({r for r in df["level"] if isinstance(r, str)}),
    }


def reports_list(corpus: Any, *, region: str | None = None, year: int | None = None, level: str | None = None,
                 limit: int = 100, offset: int = 0) -> dict[str, Any]:
    df = corpus.reports(region=region or None, year=year, level=level or None)
    df = df.drop(columns=[c for c in HIDDEN_REPORT_COLUMNS if c in df.columns])
    items, info = page(df, limit, offset)
    return {"reports": items, **info, "filters": {"region": region, "year": year, "level": level}}


def _report(corpus: Any, key: str) -> dict[str, Any]:
    try:
        return corpus.report(report_key(key))
    except ReportNotFound as exc:
        raise WebError(404, "report_not_found", str(exc)) from None


def _meta(full: dict[str, Any]) -> dict[str, Any]:
    skip = {"text", "outline", "facts", "commitments", *HIDDEN_REPORT_COLUMNS}
    meta = {k: v for k, v in full.items() if k not in skip}
    meta.update(facts=len(full["facts"]), commitments=len(full["commitments"]), sections=len(full["outline"]))
    return clean(meta)


def report_detail(corpus: Any, key: str) -> dict[str, Any]:
    """One report's metadata with counts, and its outline."""
    full = _report(corpus, key)
    return {"report": _meta(full), "outline": clean(full["outline"])}


def report_text(corpus: Any, key: str) -> dict[str, Any]:
    full = _report(corpus, key)
    return {"id": full["id"], "slug": full["slug"], "chars": len(full["text"]),
            "body_start": full["body_start"], "body_end": full["body_end"], "text": full["text"]}


def report_outline(corpus: Any, key: str) -> dict[str, Any]:
    full = _report(corpus, key)
    return {"id": full["id"], "slug": full["slug"], "outline": clean(full["outline"])}


def report_full(corpus: Any, key: str) -> dict[str, Any]:
    """Everything the report page shows: metadata, outline, text, facts, commitments."""
    full = _report(corpus, key)
    return {"report": _meta(full), "outline": clean(full["outline"]), "text": full["text"],
            "facts": clean(full["facts"]), "commitments": clean(full["commitments"])}


# ---------------------------------------------------------------- facts, commitments, indices


def facts(corpus: Any, *, limit: int = 100, offset: int = 0, report: str | None = None,
          **filters: Any) -> dict[str, Any]:
    """Facts with evidence; filters as ``Corpus.facts`` (region, year, indicator, period, level)."""
    filters = {k: (v if v != "" else None) for k, v in filters.items()}
    df = _filtered(corpus.facts, report, filters)
    items, info = page(df, limit, offset)
    names = indicators().names
    for item in items:
        item["name"] = names.get(item["indicator"], item["indicator"])
    return {"facts": items, **info, "filters": {**filters, "report": report}}


def commitments(corpus: Any, *, limit: int = 100, offset: int = 0, report: str | None = None,
                **filters: Any) -> dict[str, Any]:
    filters = {k: (v if v != "" else None) for k, v in filters.items()}
    items, info = page(_filtered(corpus.commitments, report, filters), limit, offset)
    return {"commitments": items, **info, "filters": {**filters, "report": report}}


def indices(corpus: Any, *, limit: int = 100, offset: int = 0, report: str | None = None,
            **filters: Any) -> dict[str, Any]:
    filters = {k: (v if v != "" else None) for k, v in filters.items()}
    items, info = page(_filtered(corpus.indices, report, filters), limit, offset)
    return {"indices": items, **info, "filters": {**filters, "report": report}}


def _filtered(query: Callable[..., Any], report: str | None, filters: dict[str, Any]) -> Any:
    if report:
        try:
            return query(report=report_key(report), **filters)
        except ReportNotFound as exc:
            raise WebError(404, "report_not_found", str(exc)) from None
    return query(**filters)


def indicator_list() -> dict[str, Any]:
    return {"indicators": [{"id": k, "name": v} for k, v in indicators().names.items()]}


# ---------------------------------------------------------------- search


def search(corpus: Any, q: str, limit: int = 20) -> dict[str, Any]:
    from govreport.store.search import SearchError

    if not q or not q.strip():
        return {"query": q, "hits": [], "count": 0}
    try:
        hits = corpus.search(q, limit=limit)
    except SearchError as exc:
        raise WebError(400, "bad_query", str(exc)) from None
    items = [clean(h.to_dict()) for h in hits]
    return {"query": q, "hits": items, "count": len(items)}


# ---------------------------------------------------------------- a small cache for slow analyses


class Memo:
    """Results of slow analyses (track over the whole corpus takes seconds), kept until the
    store changes: the key includes a fingerprint of the stored reports."""

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self._data: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, corpus: Any, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        full = (fingerprint(corpus), *key)
        with self._lock:
            if full in self._data:
                self._data.move_to_end(full)
                return self._data[full]
        value = compute()
        with self._lock:
            self._data[full] = value
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return value


def fingerprint(corpus: Any) -> tuple[Any, ...]:
    """Changes whenever a report is added, replaced or removed."""
    df = corpus.reports()
    if df.empty:
        return (0,)
    return (len(df), hash(tuple(sorted(df["sha256"]))))
