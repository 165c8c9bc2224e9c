"""``govreport track`` and ``govreport compare``: targets against outcomes, regions and years side
by side, from report files (parsed on the fly) or from the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from govreport.cli import app
from govreport.cli.common import (
    DB_OPTION_FILES,
    OutputFormat,
    console,
    err_console,
    fail,
    print_frame,
)
from govreport.errors import GovReportError, StoreError

_FILES_HELP = "Report files to parse (instead of --db); two consecutive years of a region to track"
_STYLE = {"met": "green", "met (about)": "yellow", "missed": "red", "no outcome reported": "dim",
          "not comparable": "dim", "no target": "dim"}
_QUAL = {"about": "左右", "at_least": "以上", "at_most": "以内", "range": ""}
TRACK_COLUMNS = ["region", "year", "indicator", "name", "measure", "status", "gap", "gap_unit", "target",
                 "target_high", "qualifier", "target_unit", "outcome", "outcome_unit", "self_status",
                 "self_scope", "self_evidence", "target_evidence", "outcome_evidence", "target_report",
                 "outcome_report", "target_start", "target_end", "outcome_start", "outcome_end"]


def _load(files: list[Path], db: Path, region: str | None) -> tuple[Any, dict[str, str] | None, Any]:
    """(facts, texts, reports) from files, or (facts, texts, None) from the database."""
    if files:
        from govreport.analyze import facts_from_reports
        from govreport.cli.commitments import _parse_all

        paths: list[Path] = []
        for f in files:
            paths.extend(sorted(p for p in f.rglob("*") if p.is_file()) if f.is_dir() else [f])
        reports = _parse_all(paths)
        facts, texts = facts_from_reports(reports)
        return facts, texts, reports
    from govreport.cli.commitments import _open

    with _open(db) as corpus:  # stored facts carry their readings: no report text is needed
        try:
            facts = corpus.facts(region=region) if region else corpus.facts()
        except StoreError as exc:
            fail(str(exc))
    return facts, None, None


def _value(v: Any, high: Any, unit: Any, qualifier: Any = None) -> str:
    if v is None or v != v:
        return ""
    s = f"{v:g}" + (f"–{high:g}" if high is not None and high == high else "") + f" {unit or ''}"
    return s + (_QUAL.get(qualifier, "") if isinstance(qualifier, str) else "")


def _track_table(df: Any) -> None:
    from govreport.analyze.track import summarize

    table = Table(title="targets against outcomes", header_style="bold cyan", title_justify="left")
    for col in ("region", "year", "指标", "target", "outcome", "status", "gap", "self-reported",
                "target evidence", "outcome evidence"):
        table.add_column(col, overflow="fold")
    for r in df.itertuples(index=False):
        style = _STYLE.get(r.status, "")
        gap = "" if r.gap is None or r.gap != r.gap else (f"{r.gap:+g} pp" if r.gap_unit == "pp"
                                                             else f"×{r.gap:g}")
        selfrep = "" if not isinstance(r.self_status, str) else f"{r.self_status} ({r.self_scope}): " \
                                                                  f"{r.self_evidence}"
        name = r.name + ("" if r.measure == "growth" else " (level)")
        table.add_row(str(r.region), str(r.year), name,
                      _value(r.target, r.target_high, r.target_unit, r.qualifier),
                      _value(r.outcome, None, r.outcome_unit),
                      f"[{style}]{r.status}[/]" if style else r.status,
                      gap, selfrep, r.target_evidence if isinstance(r.target_evidence, str) else "",
                      r.outcome_evidence if isinstance(r.outcome_evidence, str) else "")
    console.print(table)
    for s in summarize(df).itertuples(index=False):
        console.print(f"[bold]{s.region}[/]: {s.targets} targets — [green]{s.met} met[/], "
                      f"[red]{s.missed} missed[/], [dim]{s.unknown} unknown[/]")


def _commitments(reports: list[Any] | None, region: str | None, year: int | None, fmt: OutputFormat) -> None:
    from govreport.analyze import track_commitments

    if reports is None:
        fail("--commitments needs report FILES (the database does not keep commitment offsets to pair yet)")
    by_key = {(r.metadata.region, r.metadata.year): r for r in reports}
    frames = []
    for (reg, yr), r in sorted(by_key.items(), key=lambda kv: (str(kv[0][0]), kv[0][1] or 0)):
        nxt = by_key.get((reg, (yr or 0) + 1))
        if nxt is None or (region and region not in str(reg)) or (year and yr != year):
            continue
        frames.append(track_commitments(r, nxt))
    if not frames:
        fail("no two consecutive reports of one region among the files")
    import pandas as pd

    df = pd.concat(frames, ignore_index=True)
    if fmt is not OutputFormat.table:
        print_frame(df, fmt)
        return
    table = Table(title="commitments against the next review", header_style="bold cyan", title_justify="left")
    for col in ("region", "year", "commitment", "reported", "status", "evidence"):
        table.add_column(col, overflow="fold")
    style = {"done": "green", "not done": "red", "not reported": "dim"}
    for r in df.itertuples(index=False):
        table.add_row(str(r.region), str(r.year), f"{r.action}{r.subject} {_value(r.value, None, r.unit)}",
                      _value(r.outcome, None, r.outcome_unit), f"[{style.get(r.status, '')}]{r.status}[/]",
                      r.outcome_evidence if isinstance(r.outcome_evidence, str) else "")
    console.print(table)


def _write_plot(kind: str, df: Any, path: Path) -> None:
    from govreport.analyze.plot import plot_compare, plot_track

    try:
        (plot_track if kind == "track" else plot_compare)(df, path)
    except GovReportError as exc:
        fail(str(exc))
    err_console.print(f"chart → {path}")


@app.command()
def track(
    files: list[Path] = typer.Argument(None, help=_FILES_HELP, show_default=False),
    files_opt: list[Path] = typer.Option(None, "--files", help="Same as FILES; repeat for several",
                                         show_default=False),
    db: Path = DB_OPTION_FILES,
    region: str | None = typer.Option(None, help="Region, or part of its name (浙江 matches 浙江省)"),
    indicator: str | None = typer.Option(None, help="Indicator id (gdp, cpi, new_urban_jobs …)"),
    year: int | None = typer.Option(None, help="Year of the targets (outcomes come from the next report)"),
    tolerance: float = typer.Option(0.5, help="An about (左右) target missed by at most this many "
                                   "percentage points is 'met (about)'"),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
    plot: Path | None = typer.Option(None, "--plot", help="Write a chart: FILE.html (offline) or FILE.png"),
    commitments: bool = typer.Option(False, "--commitments", help="Pair the plan's quantified commitments "
                                     "with the next year's review instead (needs FILES)"),
) -> None:
    """Did they do what they promised? Year-N targets against the outcomes reported in N+1."""
    from govreport.analyze import track as track_fn

    files = list(files or []) + list(files_opt or [])
    facts, texts, reports = _load(files, db, region)
    if commitments:
        _commitments(reports, region, year, fmt)
        return
    try:
        df = track_fn(facts, region=region, indicator=indicator, year=year, about_tolerance=tolerance,
                      texts=texts)
    except ValueError as exc:
        fail(str(exc))
    if plot is not None:
        _write_plot("track", df, plot)
    if df.empty:
        err_console.print("no targets found")
        if fmt is OutputFormat.table:
            return
    if fmt is OutputFormat.table:
        _track_table(df)
    else:
        print_frame(df, fmt, columns=TRACK_COLUMNS)


@app.command()
def compare(
    files: list[Path] = typer.Argument(None, help="Report files to parse (instead of --db)",
                                       show_default=False),
    files_opt: list[Path] = typer.Option(None, "--files", help="Same as FILES; repeat for several",
                                         show_default=False),
    db: Path = DB_OPTION_FILES,
    indicator: str = typer.Option(..., help="Indicator id (gdp, cpi, new_urban_jobs …)"),
    year: int | None = typer.Option(None, help="Regions side by side in this year, ranked"),
    region: str | None = typer.Option(None, help="This region's years side by side (targets and outcomes)"),
    period: str = typer.Option("actual", help="actual | target (with --year)"),
    measure: str | None = typer.Option(None, help="growth | level (default: growth when stated)"),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
    plot: Path | None = typer.Option(None, "--plot", help="Write a chart: FILE.html (offline) or FILE.png"),
) -> None:
    """One indicator across regions in a year (ranked), or across years in one region."""
    from govreport.analyze import compare as compare_fn

    if period not in ("actual", "target"):
        fail(f"--period {period}: expected actual or target")
    if year is None and not region:
        fail("compare needs --year (regions side by side) or --region (years side by side)")
    files = list(files or []) + list(files_opt or [])
    facts, texts, _ = _load(files, db, region)
    try:
        df = compare_fn(facts, indicator=indicator, year=year, region=region, period=period,  # type: ignore[arg-type]
                        measure=measure, texts=texts)
    except ValueError as exc:
        fail(str(exc))
    if plot is not None:
        _write_plot("compare", df, plot)
    if fmt is OutputFormat.table:
        if "rank" in df.columns:
            print_frame(df, fmt, title=f"{indicator} {period} {year}",
                        columns=["rank", "region", "value", "value_high", "qualifier", "unit", "evidence",
                                 "report"])
        else:
            print_frame(df.assign(status=df["status"].fillna("")), fmt, title=f"{indicator} in {region}",
                        columns=["region", "year", "target", "target_high", "qualifier", "outcome", "unit",
                                 "status", "gap", "target_evidence", "outcome_evidence"])
        return
    print_frame(df, fmt)
