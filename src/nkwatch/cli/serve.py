"""``nkwatch serve``: the explorer and the REST API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nkwatch.errors import need
from nkwatch.store import default_db_path

from .app import app
from .common import DbOpt, friendly_errors


@app.command()
@friendly_errors
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
    cache: Annotated[
        bool, typer.Option(metavar="", help="Keep answers in memory (the store is read-only).")
    ] = True,
    db: DbOpt = None,
) -> None:
    """Serve the explorer and the REST API (read-only) on http://HOST:PORT."""
    need("uvicorn", "'nkwatch serve'")
    need("fastapi", "'nkwatch serve'")
    import uvicorn

    from nkwatch.api.app import create_app
    from nkwatch.api.errors import MAX_BODY

    path = Path(db) if db else default_db_path()
    create_app(path)  # builds the store if needed and checks it opens
    typer.echo(f"nkwatch explorer on http://{host}:{port}/ (API docs: /docs; store {path})")
    limits = {
        # h11 reads a request head up to this size: a longer URL gets the 414 of
        # nkwatch.api.errors.Limits instead of a reset connection
        "h11_max_incomplete_event_size": MAX_BODY,
        "log_level": "warning",
    }
    if workers > 1:
        import os

        os.environ["NKWATCH_DB"] = str(path)
        os.environ["NKWATCH_CACHE"] = "1" if cache else "0"
        uvicorn.run("nkwatch.api.asgi:app", host=host, port=port, workers=workers, **limits)
    else:
        uvicorn.run(create_app(path, prepare=False, cache=cache), host=host, port=port, **limits)
