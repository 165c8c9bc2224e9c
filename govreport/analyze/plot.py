"""Charts of tracking and comparison tables, with plotly.

``.html`` files embed plotly.js from the installed package (no CDN: they open offline).
``.png`` files need kaleido (``pip install kaleido``), which drives a Chrome or Chromium
installed on the machine (set ``BROWSER_PATH`` to its executable if it is not found, or run
``plotly_get_chrome`` once to download one); without one, a clear error says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from govreport.errors import GovReportError

STATUS_COLOURS = {
    "met": "#2e7d32", "met (about)": "#f9a825", "missed": "#c62828", "no outcome reported": "#9e9e9e",
    "not comparable": "#9e9e9e", "no target": "#bdbdbd",
}


def _label(row: Any, many_regions: bool, many_indicators: bool) -> str:
    parts = [str(row["region"])] if many_regions else []
    if many_indicators:
        parts.append(str(row.get("name") or row["indicator"]))
    parts.append(str(row["year"]))
    return " · ".join(parts)


def track_figure(df: pd.DataFrame) -> Any:
    """Outcomes as bars coloured by status, targets as markers (a range as an error bar)."""
    import plotly.graph_objects as go

    df = df.reset_index(drop=True)
    many_regions = df["region"].nunique() > 1
    many_ind = (df["indicator"] + df["measure"]).nunique() > 1
    x = [_label(r, many_regions, many_ind) for _, r in df.iterrows()]
    fig = go.Figure()
    for status, colour in STATUS_COLOURS.items():
        mask = df["status"] == status
        if not mask.any():
            continue
        fig.add_bar(x=[x[i] for i in df.index[mask]], y=df.loc[mask, "outcome"], name=status,
                    marker_color=colour, customdata=df.loc[mask, ["outcome_evidence", "outcome_report"]],
                    hovertemplate="%{customdata[0]}<br>%{customdata[1]}<extra>" + status + "</extra>")
    targets = df[df["target"].notna()]
    high = pd.to_numeric(targets["target_high"], errors="coerce")
    fig.add_scatter(
        x=[x[i] for i in targets.index], y=targets["target"], mode="markers", name="target",
        marker={"symbol": "line-ew-open", "size": 22, "color": "#000", "line": {"width": 3}},
        error_y={"type": "data", "symmetric": False, "array": (high - targets["target"]).fillna(0),
                 "arrayminus": [0] * len(targets), "visible": bool(high.notna().any())},
        customdata=targets[["target_evidence", "target_report"]],
        hovertemplate="%{customdata[0]}<br>%{customdata[1]}<extra>target</extra>")
    title = "Targets and outcomes"
    if not many_ind and len(df):
        first = df.iloc[0]
        title += f": {first.get('name') or first['indicator']} ({first['measure']})"
    fig.update_layout(title=title, barmode="overlay", xaxis_title=None, yaxis_title="value",
                      legend_title="status")
    fig.update_xaxes(categoryorder="array", categoryarray=x)
    return fig


def compare_figure(df: pd.DataFrame) -> Any:
    """A ranking as horizontal bars, or a time series as target and outcome lines."""
    import plotly.graph_objects as go

    fig = go.Figure()
    if "rank" in df.columns:
        d = df.iloc[::-1]
        fig.add_bar(x=d["value"], y=d["region"], orientation="h", customdata=d[["evidence", "report"]],
                    hovertemplate="%{customdata[0]}<br>%{customdata[1]}<extra></extra>")
        if len(df):
            r = df.iloc[0]
            fig.update_layout(title=f"{r['indicator']} ({r['measure']}, {r['period']}) {r['year']}",
                              xaxis_title=str(r["unit"] or ""), height=max(400, 22 * len(df) + 120))
        return fig
    for region, g in df.groupby("region", sort=False):
        fig.add_scatter(x=g["year"], y=g["outcome"], mode="lines+markers", name=f"{region} outcome",
                        customdata=g[["outcome_evidence"]], hovertemplate="%{customdata[0]}<extra></extra>")
        fig.add_scatter(x=g["year"], y=g["target"], mode="markers", name=f"{region} target",
                        marker={"symbol": "line-ew-open", "size": 16, "line": {"width": 3}},
                        customdata=g[["target_evidence"]], hovertemplate="%{customdata[0]}<extra></extra>")
    if len(df):
        r = df.iloc[0]
        fig.update_layout(title=f"{r['indicator']} ({r['measure']})", xaxis_title="year",
                          yaxis_title=str(r["unit"] or ""))
    return fig


def write_figure(fig: Any, path: str | Path) -> Path:
    """Write ``fig`` as .html (plotly.js embedded, works offline) or .png (kaleido + Chrome)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        fig.write_html(str(path), include_plotlyjs=True, full_html=True)
        return path
    if suffix != ".png":
        raise GovReportError(path.name, f"cannot write a chart as {suffix or 'a file without suffix'}",
                             "use .html or .png")
    try:
        import kaleido  # noqa: F401
    except ImportError as exc:
        raise GovReportError(path.name, "writing .png needs the kaleido package",
                             "pip install kaleido, or write .html") from exc
    try:
        fig.write_image(str(path))
    except RuntimeError as exc:
        raise GovReportError(path.name, "writing .png needs Chrome or Chromium, which kaleido did not find",
                             "install chromium and set BROWSER_PATH, run plotly_get_chrome, "
                             "or write .html") from exc
    return path


def plot_track(df: pd.DataFrame, path: str | Path) -> Path:
    """Chart of a :func:`~govreport.analyze.track.track` table, written to ``path``."""
    return write_figure(track_figure(df), path)


def plot_compare(df: pd.DataFrame, path: str | Path) -> Path:
    """Chart of a :func:`~govreport.analyze.compare.compare` table, written to ``path``."""
    return write_figure(compare_figure(df), path)
