"""``govreport extract``: facts of report files, as tables or as JSON files for the scorer."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from govreport.cli import app
from govreport.cli.common import console, err_console
from govreport.errors import GovReportError
from govreport.lexicon import indicators
from govreport.model import Report
from govreport.pipeline import parse_file
from govreport.store.ingest import iter_files

_QUAL = {"about": "左右", "at_least": "以上", "at_most": "以内", "range": "区间"}


def fact_table(report: Report) -> Table:
    md = report.metadata
    title = f"{report.name} — {md.region or '?'} · {md.level or '?'} · {md.year or '?'}"
    if md.date:
        title += f" · {md.date}"
    if md.speaker:
        title += f" · {md.speaker}"
    table = Table(title=title, header_style="bold cyan", title_justify="left")
    for col in ("指标", "period", "year", "measure", "value", "qualifier", "evidence"):
        table.add_column(col, overflow="fold")
    names = indicators().names
    for f in report.facts:
        value = f"{f.value:g}" + (f"–{f.value_high:g}" if f.value_high is not None else "") + f" {f.unit}"
        table.add_row(names.get(f.indicator, f.indicator), f.period, str(f.year or ""), f.measure, value,
                      _QUAL.get(f.qualifier or "", ""), f.evidence(report.text))
    return table


@app.command()
def extract(
    files: list[Path] = typer.Argument(..., help="Report files (.txt .docx .pdf .html) or folders of them",
                                       show_default=False),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write DIR/<file name>.json per report"),
) -> None:
    """Extract headline-indicator facts (with evidence spans) from report files."""
    failed = 0
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    for found in iter_files(files):
        if isinstance(found, tuple):
            err_console.print(f"[bold red]error:[/] {found[0]}: {found[1]}", soft_wrap=True)
            failed += 1
            continue
        path = found
        try:
            report = parse_file(path)
        except GovReportError as exc:
            err_console.print(f"[bold red]error:[/] {exc}", soft_wrap=True)
            failed += 1
            continue
        except Exception as exc:  # noqa: BLE001 - one bad file never stops the others
            err_console.print(f"[bold red]error:[/] {path.name}: unexpected failure "
                              f"({type(exc).__name__}: {exc})", soft_wrap=True)
            failed += 1
            continue
        if out is not None:
            target = out / f"{path.name}.json"
            target.write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
            console.print(f"{path.name}: {len(report.facts)} facts → {target}")
        else:
            console.print(fact_table(report))
    if failed:
        raise typer.Exit(1)
