"""The FastAPI application: JSON under ``/api/v1`` and server-rendered pages from the same views.

>>> app = create_app(":memory:")
>>> "/api/v1/facts" in app.openapi()["paths"]
True

One error shape everywhere in the API: ``{"error": {"code": ..., "message": ...}}``; pages show
the same code and message in HTML. Every asset is served by the app (no CDN): the styles and
scripts in ``static/`` and plotly.js from the installed plotly package.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from govreport.web.upload import UploadError
from govreport.web.views import WebError, num

HERE = Path(__file__).parent
DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024  # as govreport.read.MAX_BYTES: no work report is larger
FORM_SLACK = 64 * 1024  # multipart framing and form fields around the file
CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "too_large",
         415: "unsupported_type", 422: "invalid_parameter", 500: "internal_error", 501: "not_implemented"}
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; "
                               "frame-ancestors 'none'; form-action 'self'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


class CorpusPool:
    """One ``Corpus`` (SQLite connection) per worker thread, opened on first use."""

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[Any] = []

    def get(self) -> Any:
        corpus = getattr(self._local, "corpus", None)
        if corpus is None:
            from govreport.store import Corpus

            corpus = Corpus(self.path)
            self._local.corpus = corpus
            with self._lock:
                self._open.append(corpus)
        return corpus

    def close(self) -> None:
        with self._lock:
            for corpus in self._open:
                corpus.close()
            self._open.clear()


class TooLarge(StarletteHTTPException):
    """The request body passed the upload limit (raised while the body is read)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the upload is larger than the limit of {limit:,} bytes")


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``limit`` bytes with 413, by Content-Length when
    it is sent and by counting otherwise, before the body is parsed or spooled."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        cap = self.limit + FORM_SLACK
        length = dict(scope["headers"]).get(b"content-length", b"")
        if length.isdigit() and int(length) > cap:
            await _send_json(send, 413, "too_large", TooLarge(self.limit).detail)
            return
        seen = 0

        async def limited() -> Any:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    raise TooLarge(self.limit)
            return message

        await self.app(scope, limited, send)


class SecurityHeaders:
    """ASGI middleware: add :data:`SECURITY_HEADERS` to every HTTP response that lacks them."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()
                         if k.encode() not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)


async def _send_json(send: Any, status: int, code: str, message: str) -> None:
    import json

    body = json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def error_response(request: Request, status: int, code: str, message: str) -> Any:
    """The one error shape: JSON for the API, the error page for pages."""
    if wants_json(request):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    templates = request.app.state.templates
    html = templates.get_template("error.html").render(
        request=request, status=status, error={"code": code, "message": message}, page_title=f"{status}")
    return HTMLResponse(html, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(WebError)
    async def _web_error(request: Request, exc: WebError) -> Any:
        return error_response(request, exc.status, exc.code, exc.message)

    @app.exception_handler(UploadError)
    async def _upload_error(request: Request, exc: UploadError) -> Any:
        return error_response(request, exc.status, exc.code, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Any:
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404 and message == "Not Found":
            message = f"{request.url.path}: no such page"
        return error_response(request, exc.status_code, CODES.get(exc.status_code, "error"), message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Any:
        return error_response(request, 422, "invalid_parameter", _validation_message(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Any:  # pragma: no cover - a bug
        import logging

        logging.getLogger("govreport.web").exception("unexpected error on %s", request.url.path)
        message = f"unexpected {type(exc).__name__}; see the server log"
        return error_response(request, 500, "internal_error", message)


def _templates() -> jinja2.Environment:
    from govreport.web.analyses import status_class

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.ChainableUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["status_class"] = status_class
    env.filters["num"] = num
    return env


def plotly_js_path() -> Path:
    """plotly.min.js as shipped inside the installed plotly package (no network)."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def create_app(db_path: str | Path = "govreport.db", max_upload_bytes: int = DEFAULT_MAX_UPLOAD) -> FastAPI:
    """The web app over the store at ``db_path`` (created if missing)."""
    from govreport import __version__
    from govreport.web import api, pages

    pool = CorpusPool(db_path)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(title="govreport", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json", lifespan=lifespan,
                  description="Chinese government work reports (政府工作报告) as structured, "
                              "source-linked data. Errors are `{\"error\": {\"code\", \"message\"}}`.")
    app.state.pool = pool
    app.state.max_upload_bytes = max_upload_bytes
    app.state.templates = _templates()
    _install_errors(app)

    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, limit=max_upload_bytes)

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def _plotly() -> FileResponse:
        return FileResponse(plotly_js_path(), media_type="text/javascript",
                            headers={"cache-control": "public, max-age=86400"})

    @app.get("/favicon.ico", include_in_schema=False)
    def _favicon() -> FileResponse:
        return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    return app
