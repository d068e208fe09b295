"""One error shape for every error: ``{"ok": false, "error": "...", "status": N}``."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nkwatch.errors import StoreError, missing_extra
from nkwatch.store import QueryError


class ErrorBody(BaseModel):
    ok: bool = False
    error: str
    status: int


class NotFound(QueryError):
    """An id that names no record (404)."""


#: Declared on every route, so clients (and schemathesis) know the error statuses.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A bad parameter; the message names the fix."},
    404: {"model": ErrorBody, "description": "No such record."},
    414: {"model": ErrorBody, "description": "The URL is longer than the server takes."},
    503: {
        "model": ErrorBody,
        "description": "The store cannot answer this yet (no sanctions list ingested, an "
        "extra not installed); the message names the fix.",
    },
}
#: POST routes add the body's limit
BODY_RESPONSES: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorBody, "description": "The request body is larger than the server takes."},
}

#: the longest URL (path and query) the server reads, and the largest request body
MAX_URL = 8 * 1024
MAX_BODY = 2 * 1024 * 1024


def error(status: int, message: str, request: Request | None = None) -> Response:
    """The error in the one JSON shape; for a browser (a request whose Accept prefers HTML),
    the same message as the explorer's error page."""
    if request is not None and wants_html(request.headers.get("accept", ""), is_page(request)):
        from nkwatch.web.pages import error_page

        return error_page(request, status, message)
    return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)


def is_page(request: Request) -> bool:
    """An explorer URL (not /api, /match, /openapi.json or /static)."""
    path = request.url.path
    return not path.startswith(("/api/", "/match/", "/openapi.json", "/static/")) and (
        path != "/api"
    )


def wants_html(accept: str, page: bool = False) -> bool:
    """Whether to answer in HTML: for an explorer URL, unless the Accept header prefers JSON;
    for the API, only when it prefers text/html to JSON (a browser's does; curl's */*, an
    API client's application/json and a missing header do not)."""
    best: dict[str, float] = {}
    for part in accept.split(","):
        kind, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        best[kind.lower()] = max(q, best.get(kind.lower(), 0.0))
    html = max(best.get("text/html", 0.0), best.get("application/xhtml+xml", 0.0))
    json = best.get("application/json", 0.0)
    if page:
        return not json > html
    return html > 0 and html >= json


#: what a parameter is called in a message
_NAMES = {"q": "the search", "text": "the words"}


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
        limit = (err.get("ctx") or {}).get("max_length")
        if err.get("type") == "string_too_long" and isinstance(err.get("input"), str) and limit:
            name = _NAMES.get(loc, "it")
            parts.append(
                f"{loc}: {err.get('msg')} ({name} is {len(err['input'])} characters long: "
                "shorten it)"
            )
            continue
        parts.append(f"{loc or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        return error(400, _validation_message(exc), request)

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> Response:
        return error(404, str(exc), request)

    @app.exception_handler(QueryError)
    async def _query(request: Request, exc: QueryError) -> Response:
        message = str(exc)
        return error(404 if message.startswith("unknown ") else 400, message, request)

    @app.exception_handler(StoreError)
    async def _store(_: Request, exc: StoreError) -> JSONResponse:
        return error(503, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        detail = str(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = (
                f"Not Found: no page or route at {request.url.path}; the overview (/) links "
                "every page"
            )
            if request.url.path.startswith("/api"):
                detail += "; /docs lists every API route"
        elif exc.status_code == 405 and detail == "Method Not Allowed":
            allowed = (exc.headers or {}).get("Allow") or (exc.headers or {}).get("allow")
            detail = f"Method Not Allowed: {request.method} is not answered here" + (
                f"; use {allowed}" if allowed else ""
            )
        response = error(exc.status_code, detail, request)
        for key, value in (exc.headers or {}).items():  # e.g. Allow on a 405
            response.headers[key] = value
        return response

    @app.exception_handler(ImportError)
    async def _extra(_: Request, exc: ImportError) -> JSONResponse:
        found = missing_extra(exc, "this route")
        if found is None:  # a bug, not a setup step
            return error(500, f"internal error ({type(exc).__name__}); please report it")
        return error(503, str(found))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:  # pragma: no cover
        return error(500, f"internal error ({type(exc).__name__}); please report it")


class Limits:
    """Answer, in the one error shape, what the server will not read: a URL over
    :data:`MAX_URL` bytes (414) and a body over :data:`MAX_BODY` bytes (413: by its
    Content-Length at once, or while it streams in)."""

    def __init__(self, app: ASGIApp, max_url: int = MAX_URL, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.max_url = max_url
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        url = len(scope.get("raw_path") or scope["path"].encode()) + len(
            scope.get("query_string", b"")
        )
        if url > self.max_url:
            from starlette.requests import Request as StarletteRequest

            await error(
                414,
                f"the URL is {url} bytes long, over the {self.max_url} this server reads: "
                "shorten the query (or POST a batch where the route takes one)",
                StarletteRequest(scope),
            )(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                size = int(length)
            except ValueError:
                await error(400, "Content-Length is not a number")(scope, receive, send)
                return
            if size > self.max_body:
                await self._too_large(scope, receive, send)
                return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise StarletteHTTPException(413, self._message())
            return message

        await self.app(scope, counted, send)

    def _message(self) -> str:
        return (
            f"the request body is over {self.max_body // (1024 * 1024)} MB: split the batch "
            "into smaller requests"
        )

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error(413, self._message())
        response.headers["connection"] = "close"  # the body is not read
        await response(scope, receive, send)
