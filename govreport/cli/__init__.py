"""The command line: each command opens what it needs, calls one library function and renders
the result with Rich. Library errors become a one-line message and a non-zero exit code."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="govreport",
    help="Turn Chinese government work reports (政府工作报告) into structured, source-linked data.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

# Each module registers its commands on ``app`` when imported.
COMMAND_MODULES = ("extract", "store", "track", "commitments", "web")

for _name in COMMAND_MODULES:
    try:
        importlib.import_module(f"govreport.cli.{_name}")
    except ModuleNotFoundError as exc:  # a command module not written yet
        if exc.name != f"govreport.cli.{_name}":
            raise


def main() -> None:
    app()
