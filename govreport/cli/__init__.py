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



def _version(value: bool) -> None:
    if value:
        from govreport import __version__

        typer.echo(f"govreport {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version."),
) -> None:
    """Turn Chinese government work reports (政府工作报告) into structured, source-linked data."""


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
