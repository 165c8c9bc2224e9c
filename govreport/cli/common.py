"""Helpers shared by the CLI commands: console, error exit, output formats."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console

console = Console(highlight=False)

# Options shared by the commands that read either report files or the database.
DB_OPTION_FILES = typer.Option(Path("govreport.db"), "--db", envvar="GOVREPORT_DB",
                               help="SQLite database file (env GOVREPORT_DB); used when no FILES are given")
FILES_ARGUMENT = typer.Argument(None, help="Report files to parse; without them, read --db",
                                show_default=False)
err_console = Console(stderr=True, highlight=False)


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a one-line error and exit."""
    err_console.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    raise SystemExit(code)


def print_frame(df: Any, fmt: OutputFormat, title: str | None = None,
                columns: list[str] | None = None) -> None:
    """Render a DataFrame as a Rich table, CSV or JSON on stdout."""
    from rich.table import Table

    if columns:
        df = df[[c for c in columns if c in df.columns]]
    if fmt is OutputFormat.csv:
        df.to_csv(sys.stdout, index=False)
        return
    if fmt is OutputFormat.json:
        sys.stdout.write(json.dumps(json.loads(df.to_json(orient="records", force_ascii=False)),
                                    ensure_ascii=False, indent=1) + "\n")
        return
    table = Table(title=title, show_lines=False, header_style="bold cyan")
    for c in df.columns:
        table.add_column(str(c), overflow="fold")
    for row in df.itertuples(index=False):
        table.add_row(*("" if v is None or v != v else str(v) for v in row))
    console.print(table)
