"""``govreport serve``: the web dashboard and REST API over a database, with uvicorn."""

from __future__ import annotations

from pathlib import Path

import typer

from govreport.cli import app
from govreport.cli.common import console, fail
from govreport.errors import StoreError


@app.command()
def serve(
    db: Path = typer.Option(Path("govreport.db"), "--db", envvar="GOVREPORT_DB",
                            help="SQLite database file (env GOVREPORT_DB)"),
    host: str = typer.Option("127.0.0.1", "--host",
                             help="Address to bind; 0.0.0.0 exposes it to the network"),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on"),
    max_upload_mb: float = typer.Option(20.0, "--max-upload-mb", min=0.001,
                                        help="Largest upload accepted (MB)"),
) -> None:
    """Serve the web dashboard and the REST API (/api/v1, docs at /docs) over a database."""
    import uvicorn

    from govreport.web import create_app

    if not db.exists():
        fail(f"{db}: no such database (run `govreport ingest PATH --db {db}` first)")
    try:
        web_app = create_app(db, max_upload_bytes=int(max_upload_mb * 1024 * 1024))
        web_app.state.pool.get()  # open it now: a bad file fails here, not on the first request
    except StoreError as exc:
        fail(str(exc))
    shown = f"[{host}]" if ":" in host else host
    console.print(f"govreport: serving {db} at http://{shown}:{port}/ (API docs at /docs; Ctrl+C to stop)")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")
