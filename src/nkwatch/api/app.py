"""The app: the REST API under /api, the explorer's pages under /, static assets under
/static. The store is opened read-only: the server never writes; when 'nkwatch build' or
'nkwatch ingest' swaps in a new store file, the server reopens it (nkwatch.api.live)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.staticfiles import StaticFiles

from nkwatch import __version__
from nkwatch.api import errors, headers
from nkwatch.api.cache import ResponseCache
from nkwatch.api.live import LiveStore, connect
from nkwatch.api.routes import alignment, analytics, charts, data, events, media, records, screen
from nkwatch.store import Store, default_db_path

STATIC = Path(__file__).resolve().parents[1] / "web" / "static"


def create_app(
    db_path: Path | str | None = None,
    *,
    kb_dir: Path | str | None = None,
    prepare: bool = True,
    cache: bool = True,
) -> FastAPI:
    """The explorer and API over the store at ``db_path``. With ``prepare`` the store is
    built (or brought up to date) first; the server itself only reads."""
    path = Path(db_path) if db_path else default_db_path()
    if prepare:
        Store.open(path, kb_dir=kb_dir).close()
        from nkwatch.journal import repair

        repair(path)  # an ingest killed before the server started is undone, not served
    connect(path).close()  # fail now, with a clear message, if the store cannot be read

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.live = LiveStore(path)
        try:
            yield
        finally:
            app.state.live.close()

    app = FastAPI(
        lifespan=lifespan,
        docs_url=None,  # /docs: Swagger UI from /static/vendor (nkwatch.web.pages), no CDN
        redoc_url=None,
        title="nkwatch",
        version=__version__,
        description="An observatory of North Korea's (the DPRK's) foreign relations: curated, "
        "sourced events, actors, relations, agreements, sanctions and claims. Read-only. "
        'Every error has the shape {"ok": false, "error": "...", "status": N}.',
    )
    if cache:
        app.add_middleware(ResponseCache)  # inner: caches uncompressed answers
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(errors.Limits)  # refuses what it will not read
    app.add_middleware(headers.HeadAsGet)  # HEAD: the GET without its body
    app.add_middleware(headers.SecurityHeaders)  # outermost: CSP, nosniff on every answer
    app.state.db_path = path
    errors.install(app)
    app.include_router(events.router)
    app.include_router(records.router)
    app.include_router(analytics.router)
    app.include_router(screen.router)
    app.include_router(alignment.router)
    app.include_router(charts.router)
    app.include_router(data.router)
    app.include_router(media.router)
    from nkwatch.web import media_page, pages, pages_alignment, pages_data, pages_lists

    app.include_router(pages_data.router)
    app.include_router(pages.router)
    app.include_router(pages_alignment.router)
    app.include_router(media_page.router)
    app.include_router(pages_lists.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    return app
