"""An ASGI entry point for servers with several workers: ``uvicorn nkwatch.api.asgi:app``.
The store is ``$NKWATCH_DB`` (or the per-user default) and must already be built."""

from nkwatch.api.app import create_app

app = create_app(prepare=False)
