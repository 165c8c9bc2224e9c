"""Server-rendered pages: each route takes the same dict as its API twin and renders a template."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import Markup

from govreport.lexicon import indicators
from govreport.web import analyses, charts, views
from govreport.web.highlight import Mark, render, snippet
from govreport.web.upload import ALLOWED, UploadError, ingest_upload
from govreport.web.views import num

router = APIRouter(include_in_schema=False)
QUALIFIERS = {"about": "about", "at_least": "at least", "at_most": "at most", "range": "range"}
_SPAN = re.compile(r"^(\d{1,9})-(\d{1,9})$")


def corpus(request: Request) -> Any:
    return request.app.state.pool.get()


def show(request: Request, template: str, data: dict[str, Any], status: int = 200) -> HTMLResponse:
    env = request.app.state.templates
    html = env.get_template(template).render(request=request, **data)
    return HTMLResponse(html, status_code=status)


def _opt_int(value: str | None, lo: int = 0, hi: int = 9999) -> int | None:
    """A form field that may be empty: '' -> None; a number out of range or not a number -> None."""
    if value is None or not value.strip().isdigit() or not value.strip().isascii():
        return None
    n = int(value.strip())
    return n if lo <= n <= hi else None


Text = Annotated[str | None, Query(max_length=200)]


@router.get("/", response_class=HTMLResponse)
@router.get("/reports", response_class=HTMLResponse)
def reports_page(request: Request, region: Text = None, year: Text = None, level: Text = None,
                 offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> HTMLResponse:
    c = corpus(request)
    data = views.reports_list(c, region=region, year=_opt_int(year), level=level, limit=200, offset=offset)
    return show(request, "reports.html", {**data, **views.choices(c), "page_title": "Reports"})


# ---------------------------------------------------------------- one report


def _fact_title(f: dict[str, Any], name: str) -> str:
    value = num(f["value"]) + (f"–{num(f['value_high'])}" if f.get("value_high") is not None else "")
    qual = f" ({QUALIFIERS.get(f['qualifier'], f['qualifier'])})" if f.get("qualifier") else ""
    return f"{name}: {value} {f['unit']}{qual} · {f['period']} {f.get('year') or ''} · {f['measure']}"


def report_marks(data: dict[str, Any], hl: tuple[int, int] | None) -> list[Mark]:
    """The spans to highlight on the report page: headings, facts, commitments, a search hit."""
    names = indicators().names
    marks = [Mark(s["start"], s["heading_end"], "heading", {"part": s["part"]},
                  element_id=f"sec-{s['index']}") for s in data["outline"]]
    for i, f in enumerate(data["facts"]):
        name = names.get(f["indicator"], f["indicator"])
        marks.append(Mark(f["start"], f["end"], "fact", {
            "n": i, "indicator": f["indicator"], "name": name, "value": num(f["value"]),
            "value-high": num(f["value_high"]) if f.get("value_high") is not None else None,
            "unit": f["unit"], "period": f["period"], "year": f.get("year"), "measure": f["measure"],
            "qualifier": QUALIFIERS.get(f["qualifier"]) if f.get("qualifier") else None,
            "value-text": f["value_text"], "unit-text": f["unit_text"], "title": _fact_title(f, name)},
            element_id=f"fact-{i}"))
    for i, c in enumerate(data["commitments"]):
        marks.append(Mark(c["start"], c["end"], "commitment", {
            "n": i, "action": c["action"], "subject": c["subject"],
            "value": num(c["value"]) if c.get("value") is not None else None, "unit": c.get("unit"),
            "qualifier": QUALIFIERS.get(c["qualifier"]) if c.get("qualifier") else None,
            "section": c.get("section"), "value-text": c.get("value_text"),
            "title": f"{c['action']} {c['subject']}: {num(c['value'])} {c.get('unit') or ''}"},
            element_id=f"commitment-{i}"))
    if hl is not None:
        marks.append(Mark(hl[0], hl[1], "hit", {}, element_id="hit"))
    return marks


def outline_tree(outline: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The flat outline (each entry naming its parent) as nested nodes with ``children``."""
    nodes = {s["index"]: {**s, "children": []} for s in outline}
    roots = []
    for s in outline:
        parent = nodes.get(s["parent"]) if s["parent"] is not None else None
        (parent["children"] if parent is not None else roots).append(nodes[s["index"]])
    return roots


@router.get("/reports/{key}", response_class=HTMLResponse)
def report_page(request: Request, key: str, hl: Text = None) -> HTMLResponse:
    data = views.report_full(corpus(request), key)
    span = None
    if hl and (m := _SPAN.match(hl)):
        span = (int(m.group(1)), int(m.group(2)))
    names = indicators().names
    for f in data["facts"]:
        f["name"] = names.get(f["indicator"], f["indicator"])
    html = render(data["text"], report_marks(data, span))
    md = data["report"]
    title = " · ".join(str(x) for x in (md.get("region"), md.get("year"), md.get("title")) if x)
    return show(request, "report.html", {**data, "html": html, "tree": outline_tree(data["outline"]),
                                         "page_title": title or md["slug"]})


# ---------------------------------------------------------------- tracking and comparison


def _indicator_choices() -> list[tuple[str, str]]:
    return list(indicators().names.items())


@router.get("/track", response_class=HTMLResponse)
def track_page(request: Request, region: Text = None, indicator: Text = None,
               year: Text = None) -> HTMLResponse:
    c = corpus(request)
    data = analyses.tracking(c, region=region, indicator=indicator, year=_opt_int(year))
    by_region: dict[str, list[dict[str, Any]]] = {}
    for row in data["rows"]:
        by_region.setdefault(row["region"], []).append(row)
    status_chart = charts.track_status_chart(data["summary"], data["statuses"]) if data["rows"] else None
    figures = {"status": status_chart, "gap": charts.track_gap_chart(data["rows"])}
    return show(request, "track.html", {**data, "by_region": by_region, "figures": figures,
                                        "indicators": _indicator_choices(), **views.choices(c),
                                        "colours": charts.STATUS_COLOURS, "page_title": "Tracking"})


@router.get("/compare", response_class=HTMLResponse)
def compare_page(request: Request, indicator: Text = None, year: Text = None, region: Text = None,
                 period: Text = None, measure: Text = None) -> HTMLResponse:
    c = corpus(request)
    data = analyses.comparison(c, indicator=indicator or "gdp", year=_opt_int(year), region=region,
                               period=period or None, measure=measure or None)
    f = data["filters"]
    if data["mode"] == "ranking":
        what = "targets" if f["period"] == "target" else "outcomes"
        figure = charts.ranking_chart(data["rows"], f"{data['name']} {f['year'] or ''}: {what} by region")
    else:
        figure = charts.series_chart(data["rows"], f"{data['name']}: targets and outcomes by year")
    years_all = sorted({int(y) for y in c.facts(indicator=data["indicator"])["year"].dropna()}, reverse=True)
    return show(request, "compare.html", {**data, "figure": figure, "indicators": _indicator_choices(),
                                          "years_all": years_all, **views.choices(c),
                                          "page_title": "Compare"})


# ---------------------------------------------------------------- search and upload


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    try:
        data = views.search(corpus(request), q, limit=100)
    except views.WebError as exc:
        data = {"query": q, "hits": [], "count": 0, "error": exc.message}
    for hit in data["hits"]:
        hit["html"] = snippet(hit["snippet"], hit["highlights"])
    return show(request, "search.html", {**data, "page_title": f"Search {q}" if q else "Search"})


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request) -> HTMLResponse:
    return show(request, "upload.html", _upload_data(request))


def _upload_data(request: Request, **extra: Any) -> dict[str, Any]:
    return {"allowed": ALLOWED, "limit": request.app.state.max_upload_bytes, "page_title": "Upload", **extra}


@router.post("/upload", response_class=HTMLResponse)
def upload_submit(request: Request, file: Annotated[UploadFile, File()]) -> Any:
    try:
        result = ingest_upload(corpus(request), file.file, file.filename, request.app.state.max_upload_bytes)
    except UploadError as exc:
        error = {"code": exc.code, "message": exc.message}
        return show(request, "upload.html", _upload_data(request, error=error), status=exc.status)
    return RedirectResponse(f"/reports/{result['report']['id']}", status_code=303)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API reference, rendered from the OpenAPI document (no external assets)."""
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "description": op.get("description", ""), "parameters": op.get("parameters", []),
                        "body": "requestBody" in op, "responses": sorted(op.get("responses", {}))})
    info = spec.get("info", {})
    return show(request, "docs.html", {"ops": ops, "info": info, "page_title": "API",
                                       "description": Markup.escape(info.get("description", ""))})
