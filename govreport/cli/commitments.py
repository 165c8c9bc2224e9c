"""``govreport commitments`` and ``govreport indices``: the plan's quantified tasks and the
attention indices, from report files (parsed on the fly) or from the database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from govreport.cli import app
from govreport.cli.common import (
    DB_OPTION_FILES,
    FILES_ARGUMENT,
    OutputFormat,
    console,
    err_console,
    fail,
    print_frame,
)
from govreport.errors import GovReportError, LexiconError, StoreError

_QUAL = {"about": "左右", "at_least": "以上", "at_most": "以内", "range": "区间"}
COMMITMENT_COLUMNS = ["report", "region", "report_year", "section", "action", "subject", "value", "unit",
                      "qualifier", "evidence", "start", "end"]
INDEX_COLUMNS = ["report", "region", "report_year", "index", "label", "part", "count", "chars", "per_10k",
                 "sentences", "sentence_share", "top_terms"]


def _parse_all(files: list[Path]) -> list[Any]:
    """Parse report files; a bad file prints one line and is skipped."""
    from govreport.pipeline import parse_file

    reports = []
    for path in files:
        try:
            reports.append(parse_file(path))
        except GovReportError as exc:
            err_console.print(f"[bold red]error:[/] {exc}", soft_wrap=True)
        except Exception as exc:  # noqa: BLE001 - one bad file never stops the others
            err_console.print(f"[bold red]error:[/] {path.name}: unexpected failure "
                              f"({type(exc).__name__}: {exc})", soft_wrap=True)
    return reports


def _open(db: Path) -> Any:
    from govreport.store import Corpus

    if str(db) != ":memory:" and not db.exists():
        fail(f"{db}: no such database (run `govreport ingest PATH --db {db}` first, or pass report FILES)")
    try:
        return Corpus(db)
    except StoreError as exc:
        fail(str(exc))


def _keep(value: Any, wanted: Any) -> bool:
    return wanted is None or value == wanted or (isinstance(value, str) and isinstance(wanted, str)
                                                 and value.startswith(wanted))


def commitments_frame(reports: list[Any]) -> Any:
    """Commitments of parsed reports as a DataFrame shaped like the store's commitments view."""
    import pandas as pd

    rows = []
    for r in reports:
        md = r.metadata
        for c in r.commitments:
            row = c.to_dict(r.text)
            row.update(report=r.name, region=md.region, level=md.level, report_year=md.year)
            rows.append(row)
    return pd.DataFrame(rows, columns=COMMITMENT_COLUMNS)


def indices_frame(reports: list[Any], dicts: Any = None) -> Any:
    """Index scores of parsed reports (re-scored with ``dicts`` when given) as a DataFrame."""
    import pandas as pd

    from govreport.extract.indices import index_labels, score_indices

    labels = index_labels(dicts)
    rows = []
    for r in reports:
        scores = score_indices(r.document, dicts) if dicts is not None else r.indices
        md = r.metadata
        for s in scores:
            row = s.to_dict()
            row.update(report=r.name, region=md.region, report_year=md.year,
                       label=labels.get(s.index, s.index))
            rows.append(row)
    return pd.DataFrame(rows, columns=INDEX_COLUMNS)


def _commitment_tables(df: Any) -> None:
    """Per report, one table per heading path."""
    for report, group in df.groupby("report", sort=False):
        first = group.iloc[0]
        console.rule(f"[bold]{report}[/] — {first['region'] or '?'} · {first['report_year'] or '?'} · "
                     f"{len(group)} commitments")
        for section, rows in group.groupby("section", sort=False):
            table = Table(title=section or "(no heading)", header_style="bold cyan", title_justify="left",
                          title_style="bold magenta")
            for col in ("action", "subject", "value", "evidence"):
                table.add_column(col, overflow="fold")
            for row in rows.itertuples(index=False):
                qual = f" {_QUAL[row.qualifier]}" if row.qualifier in _QUAL else ""
                table.add_row(row.action, row.subject, f"{row.value:g} {row.unit}{qual}", row.evidence)
            console.print(table)


@app.command()
def commitments(
    files: list[Path] = FILES_ARGUMENT,
    db: Path = DB_OPTION_FILES,
    region: str | None = typer.Option(None, help="Region, or its start (伊宁 matches 伊宁市)"),
    year: int | None = typer.Option(None, help="Year the report was delivered"),
    section: str | None = typer.Option(None, help="Only commitments whose heading path contains TEXT"),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
) -> None:
    """Quantified commitments of the plan part (新建高标准农田3.7万亩), grouped by heading."""
    if files:
        df = commitments_frame(_parse_all(files))
        df = df[[_keep(r, region) and _keep(y, year)
                 for r, y in zip(df["region"], df["report_year"], strict=True)]]
    else:
        with _open(db) as corpus:
            df = corpus.commitments(region=region, year=year)
    if section:
        df = df[df["section"].fillna("").str.contains(section, regex=False)]
    if fmt is OutputFormat.table:
        if df.empty:
            console.print("no commitments")
            return
        _commitment_tables(df)
        return
    print_frame(df, fmt, columns=[c for c in COMMITMENT_COLUMNS if c in df.columns])


def _plot(df: Any, path: Path, part: str) -> None:
    """A grouped bar chart of occurrences per 10,000 characters, one group per report."""
    import plotly.express as px

    data = df[df["part"] == part].copy()
    data["report_label"] = [f"{r or '?'} {y or ''}".strip() + f" ({n})" for r, y, n in
                            zip(data["region"], data["report_year"], data["report"], strict=True)]
    fig = px.bar(data, x="label", y="per_10k", color="report_label", barmode="group",
                 hover_data=["count", "sentence_share", "index"],
                 labels={"label": "theme", "per_10k": "occurrences per 10,000 characters",
                         "report_label": "report"},
                 title=f"Attention indices ({part})")
    fig.write_html(str(path), include_plotlyjs=True, full_html=True)


@app.command()
def indices(
    files: list[Path] = FILES_ARGUMENT,
    db: Path = DB_OPTION_FILES,
    region: str | None = typer.Option(None, help="Region, or its start"),
    year: int | None = typer.Option(None, help="Year the report was delivered"),
    dict_files: list[Path] = typer.Option(None, "--dict", help="Extra dictionary YAML (name, label, terms); "
                                          "repeat for several"),
    part: str = typer.Option("all", help="all | review | plan"),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
    plot: Path | None = typer.Option(None, "--plot", help="Write an offline HTML chart comparing reports"),
) -> None:
    """Attention indices (environment, innovation, livelihood ...) per report and part."""
    from govreport.extract.indices import PARTS, dictionaries, index_labels

    if part not in PARTS:
        fail(f"--part {part}: expected one of {', '.join(PARTS)}")
    try:
        dicts = dictionaries(dict_files) if dict_files else None
    except LexiconError as exc:
        fail(str(exc))
    if files:
        reports = [r for r in _parse_all(files)
                   if _keep(r.metadata.region, region) and _keep(r.metadata.year, year)]
        df = indices_frame(reports, dicts)
    elif dicts is not None:  # custom dictionaries: score the stored texts again
        from govreport.pipeline import parse

        with _open(db) as corpus:
            listed = corpus.reports(region=region, year=year)
            reports = [parse(corpus.report(int(rid))["text"], name=str(slug))
                       for rid, slug in zip(listed["id"], listed["slug"], strict=True)]
        df = indices_frame(reports, dicts)
    else:
        with _open(db) as corpus:
            df = corpus.indices(region=region, year=year)
        labels = index_labels()
        df["label"] = [labels.get(i, i) for i in df["index"]]
    df = df[df["part"] == part] if not df.empty else df
    if plot is not None:
        _plot(df, plot, part)
        err_console.print(f"chart → {plot}")
    if fmt is OutputFormat.table:
        df = df.assign(top_terms=[", ".join(f"{k} {v}" for k, v in list(t.items())[:5])
                                  for t in df["top_terms"]])
        print_frame(df, fmt, title=f"attention indices ({part})",
                    columns=["report", "region", "report_year", "label", "count", "per_10k", "sentence_share",
                             "top_terms"])
        return
    if fmt is OutputFormat.csv:
        df = df.assign(top_terms=[json.dumps(t, ensure_ascii=False) for t in df["top_terms"]])
    print_frame(df, fmt, columns=[c for c in INDEX_COLUMNS if c in df.columns])
