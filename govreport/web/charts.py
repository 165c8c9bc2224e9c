"""Plotly figures as plain ``{"data", "layout"}`` dicts, drawn in the page by plotly.js.

Plain dicts (not ``plotly.graph_objects``) keep the page small: no template is embedded and
plotly.js applies its own defaults.
"""

from __future__ import annotations

from typing import Any

STATUS_COLOURS = {
    "met": "#2e7d32",
    "met (about)": "#81c784",
    "missed": "#c62828",
    "no outcome reported": "#9e9e9e",
    "not comparable": "#f9a825",
    "no target": "#d7ccc8",
}
FONT = {"family": "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', "
                  "'WenQuanYi Zen Hei', sans-serif", "size": 13}


def _layout(**extra: Any) -> dict[str, Any]:
    layout = {"font": FONT, "margin": {"l": 120, "r": 20, "t": 50, "b": 100}, "paper_bgcolor": "white",
              "plot_bgcolor": "white", "legend": {"orientation": "h", "x": 0, "y": -0.2, "yanchor": "top"}}
    layout.update(extra)
    if isinstance(layout.get("title"), dict):  # left, clear of the mode bar's icons at the right
        layout["title"] = {"x": 0.01, "xanchor": "left", **layout["title"]}
    return layout


def track_status_chart(summary: list[dict[str, Any]], statuses: list[str]) -> dict[str, Any]:
    """Targets per region as stacked horizontal bars, one colour per status."""
    regions = [s["region"] for s in summary]
    data = []
    for status in statuses:
        counts = [s.get(status, 0) for s in summary]
        if not any(counts):
            continue
        data.append({"type": "bar", "orientation": "h", "name": status, "y": regions, "x": counts,
                     "marker": {"color": STATUS_COLOURS.get(status, "#607d8b")},
                     "hovertemplate": "%{y}: %{x} " + status + "<extra></extra>"})
    height = max(260, 26 * len(regions) + 120)
    return {"data": data, "layout": _layout(barmode="stack", height=height,
                                            title={"text": "Targets by status"},
                                            yaxis={"autorange": "reversed", "automargin": True})}


def track_gap_chart(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Target against outcome of growth and rate figures (percent), one marker per target."""
    pts = [r for r in rows if r.get("target") is not None and r.get("outcome") is not None
           and r.get("target_unit") == "%" and r.get("outcome_unit") == "%"]
    if not pts:
        return None
    data = []
    for status in STATUS_COLOURS:
        group = [r for r in pts if r["status"] == status]
        if not group:
            continue
        data.append({"type": "scatter", "mode": "markers", "name": status,
                     "x": [r["target"] for r in group], "y": [r["outcome"] for r in group],
                     "text": [f"{r['region']} {r['year']} {r['name']} ({r['measure']})" for r in group],
                     "hovertemplate": "%{text}<br>target %{x}%, outcome %{y}%<extra></extra>",
                     "marker": {"color": STATUS_COLOURS[status], "size": 9,
                                "line": {"width": 1, "color": "#333"}}})
    lo = min(min(r["target"], r["outcome"]) for r in pts)
    hi = max(max(r["target"], r["outcome"]) for r in pts)
    data.append({"type": "scatter", "mode": "lines", "name": "outcome = target", "x": [lo, hi], "y": [lo, hi],
                 "line": {"color": "#999", "dash": "dot"}, "hoverinfo": "skip"})
    title = {"text": "Growth and rate targets: target vs outcome (%)"}
    return {"data": data, "layout": _layout(height=420, title=title,
                                            xaxis={"title": {"text": "target %"}},
                                            yaxis={"title": {"text": "outcome %"}})}


LEVEL_COLOURS = {"national": "#8250df", "province": "#0b5cad", "city": "#1a7f37", "county": "#bf8700"}


def ranking_chart(rows: list[dict[str, Any]], title: str) -> dict[str, Any] | None:
    """Regions side by side: one horizontal bar per region, best first, coloured by level."""
    if not rows:
        return None
    unit = rows[0].get("unit") or ""
    data = [{"type": "bar", "orientation": "h", "y": [r["region"] for r in rows],
             "x": [r["value"] for r in rows],
             "text": [f"{r['value']:g}{unit}" for r in rows], "textposition": "auto",
             "customdata": [r["evidence"] for r in rows],
             "hovertemplate": "%{y}: %{x}" + unit + "<br>%{customdata}<extra></extra>",
             "marker": {"color": [LEVEL_COLOURS.get(r.get("level") or "", "#607d8b") for r in rows]}}]
    height = max(260, 28 * len(rows) + 120)
    return {"data": data, "layout": _layout(height=height, title={"text": title}, showlegend=False,
                                            yaxis={"autorange": "reversed", "automargin": True},
                                            xaxis={"title": {"text": unit}})}


def series_chart(rows: list[dict[str, Any]], title: str) -> dict[str, Any] | None:
    """A region's years: the target set each year beside the outcome reported for it."""
    if not rows:
        return None
    unit = next((r["unit"] for r in rows if r.get("unit")), "")
    data = []
    for region in dict.fromkeys(r["region"] for r in rows):
        mine = [r for r in rows if r["region"] == region]
        # every year on the axis, None where a figure is missing: the line breaks instead of bridging
        targets = [r if r.get("target") is not None else {"year": r["year"]} for r in mine]
        outcomes = [r if r.get("outcome") is not None else {"year": r["year"], "status": None} for r in mine]
        colours = [STATUS_COLOURS.get(r.get("status") or "", "#0b5cad") for r in outcomes]
        data.append({"type": "scatter", "mode": "lines+markers", "name": f"{region} target",
                     "x": [r["year"] for r in targets], "y": [r.get("target") for r in targets],
                     "line": {"dash": "dash", "color": "#6e7781"},
                     "marker": {"symbol": "diamond-open", "size": 9},
                     "customdata": [r.get("target_evidence") or "" for r in targets],
                     "hovertemplate": "%{x} target %{y}" + unit + "<br>%{customdata}<extra></extra>"})
        data.append({"type": "scatter", "mode": "lines+markers", "name": f"{region} outcome",
                     "x": [r["year"] for r in outcomes], "y": [r.get("outcome") for r in outcomes],
                     "line": {"color": "#0b5cad"},
                     "marker": {"size": 10, "color": colours, "line": {"width": 1, "color": "#333"}},
                     "customdata": [f"{r.get('status') or ''} · {r.get('outcome_evidence') or ''}"
                                    for r in outcomes],
                     "hovertemplate": "%{x} outcome %{y}" + unit + "<br>%{customdata}<extra></extra>"})
    return {"data": data, "layout": _layout(height=420, title={"text": title},
                                            xaxis={"title": {"text": "year"}, "dtick": 1},
                                            yaxis={"title": {"text": unit}})}
