"""Store commands: ``ingest``, ``reports``, ``facts``, ``show``, ``search``, ``export``.

Each opens the database (``--db``, else $GOVREPORT_DB, else ``govreport.db`` in the working
directory), calls one :class:`govreport.Corpus` method and renders the result.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from govreport.cli import app
from govreport.cli.common import OutputFormat, console, err_console, fail, print_frame
from govreport.errors import GovReportError, StoreError
from govreport.export import ExportFormat

DB_OPTION = typer.Option(Path("govreport.db"), "--db", envvar="GOVREPORT_DB",
                         help="SQLite database file (env GOVREPORT_DB)")


def _open(db: Path, must_exist: bool = True) -> Any:
    from govreport.store import Corpus

    if must_exist and str(db) != ":memory:" and not db.exists():
        fail(f"{db}: no such database (run `govreport ingest PATH --db {db}` first)")
    try:
        return Corpus(db)
    except StoreError as exc:
        fail(str(exc))


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} files/s" if speed else "– files/s", style="cyan")


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Report files or folders (searched recursively)",
                                       show_default=False),
    db: Path = DB_OPTION,
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes for parsing"),
) -> None:
    """Store reports (.txt .docx .pdf .html) in the database; already stored files are skipped."""
    corpus = _open(db, must_exist=False)
    columns = (TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), _RateColumn(),
               TimeElapsedColumn(), TextColumn("{task.description}", style="dim"))
    try:
        with Progress(*columns, console=err_console, transient=False) as progress:
            task = progress.add_task("", total=None)

            def tick(path: Path, status: str, done: int, total: int) -> None:
                progress.update(task, completed=done, total=total, description=f"{status} {path.name}")

            result = corpus.ingest(paths, jobs=jobs, progress=tick)
            progress.update(task, description="")
    finally:
        corpus.close()
    rate = len(result.ingested) / result.seconds if result.seconds else 0.0
    console.print(f"[green]{len(result.ingested)} ingested[/] ({len(result.replaced)} replaced), "
                  f"{len(result.skipped)} skipped, "
                  f"[{'red' if result.failed else 'green'}]{len(result.failed)} failed[/] "
                  f"in {result.seconds:.1f} s ({rate:.1f} reports/s) → {db}")
    for path, warning in result.warnings:
        err_console.print(f"[yellow]warning:[/] {path}: {warning}", soft_wrap=True)
    for path, reason in result.failed:
        err_console.print(f"[bold red]failed:[/] {path}: {reason}", soft_wrap=True)
    if result.failed:
        raise typer.Exit(1)


@app.command()
def reports(
    db: Path = DB_OPTION,
    region: str | None = typer.Option(None, help="Region, or its start (伊宁 matches 伊宁市)"),
    year: int | None = typer.Option(None, help="Year the report was delivered"),
    level: str | None = typer.Option(None, help="national | province | city | county"),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
) -> None:
    """List the stored reports."""
    with _open(db) as corpus:
        df = corpus.reports(region=region, year=year, level=level)
    columns = None if fmt is not OutputFormat.table else [
        "id", "slug", "region", "level", "year", "date", "speaker", "format", "chars", "facts", "commitments"]
    print_frame(df, fmt, title=f"{len(df)} reports in {db}", columns=columns)


@app.command()
def facts(
    db: Path = DB_OPTION,
    region: str | None = typer.Option(None, help="Region, or its start (伊宁 matches 伊宁市)"),
    year: int | None = typer.Option(None, help="Year the figure refers to"),
    report_year: int | None = typer.Option(None, help="Year the report was delivered"),
    indicator: str | None = typer.Option(None, help="Indicator key, e.g. gdp"),
    period: str | None = typer.Option(None, help="actual | target"),
    level: str | None = typer.Option(None, help="national | province | city | county"),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
) -> None:
    """Facts (headline figures) with their evidence, filtered."""
    with _open(db) as corpus:
        df = corpus.facts(region=region, year=year, indicator=indicator, period=period, level=level,
                          report_year=report_year)
    columns = None if fmt is not OutputFormat.table else [
        "report", "region", "indicator", "period", "year", "measure", "value", "value_high", "unit",
        "qualifier", "evidence"]
    print_frame(df, fmt, title=f"{len(df)} facts", columns=columns)


@app.command()
def show(
    report: str = typer.Argument(..., help="Report id or slug (see `govreport reports`)", show_default=False),
    db: Path = DB_OPTION,
) -> None:
    """One report: its metadata, outline and facts with evidence."""
    with _open(db) as corpus:
        try:
            r = corpus.report(report)
        except GovReportError as exc:
            fail(str(exc))
    title = " · ".join(str(v) for v in (r["region"], r["level"], r["year"], r["date"], r["speaker"]) if v)
    tree = Tree(f"[bold]{r['slug']}[/] — {title}")
    nodes: dict[int, Tree] = {}
    for s in r["outline"]:
        parent = nodes.get(s["parent"], tree) if s["parent"] is not None else tree
        nodes[s["index"]] = parent.add(f"{s['heading']} [dim]({s['part']}, {s['start']}–{s['end']})[/]")
    console.print(tree)
    table = Table(title=f"{len(r['facts'])} facts", header_style="bold cyan", title_justify="left")
    for col in ("indicator", "period", "year", "measure", "value", "unit", "qualifier", "evidence"):
        table.add_column(col, overflow="fold")
    for f in r["facts"]:
        value = f"{f['value']:g}" + (f"–{f['value_high']:g}" if f["value_high"] is not None else "")
        table.add_row(f["indicator"], f["period"], str(f["year"] or ""), f["measure"], value, f["unit"],
                      f["qualifier"] or "", f["evidence"])
    console.print(table)


@app.command()
def search(
    query: str = typer.Argument(..., help="Characters to find (any length; spaces separate terms)",
                                show_default=False),
    db: Path = DB_OPTION,
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="Most hits to show"),
) -> None:
    """Full-text search: passages holding QUERY, best first, with the matches highlighted."""
    with _open(db) as corpus:
        try:
            hits = corpus.search(query, limit=limit)
        except GovReportError as exc:
            fail(str(exc))
    table = Table(title=f"{len(hits)} passages with {query}", header_style="bold cyan", title_justify="left")
    for col in ("report", "region", "year", "offset", "context"):
        table.add_column(col, overflow="fold")
    for h in hits:
        context = Text(h.snippet)
        for a, b in h.highlights:
            context.stylize("bold black on yellow", a, b)
        table.add_row(h.report, h.region or "", str(h.year or ""), str(h.start), context)
    console.print(table)


@app.command("export")
def export_cmd(
    table: str = typer.Option(..., "--table", "-t",
                              help="reports | facts | sections | commitments | indices"),
    fmt: ExportFormat | None = typer.Option(None, "--format", "-f", help="Default: the suffix of --out"),
    out: Path = typer.Option(..., "--out", "-o", help="File to write"),
    db: Path = DB_OPTION,
) -> None:
    """Export a stored table to CSV (UTF-8 with BOM, for Excel), Parquet, Excel or JSON."""
    from govreport.export import export_table

    with _open(db) as corpus:
        try:
            path = export_table(corpus, table, out, fmt)
        except ValueError as exc:
            fail(str(exc))
    console.print(f"{table} → {path}")
