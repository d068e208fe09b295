"""An ASGI entry point for servers with several workers: ``uvicorn nkwatch.api.asgi:app``.
The store is ``$NKWATCH_DB`` (or the per-user default) and must already be built."""

import os

from nkwatch.api.app import create_app

app = create_app(prepare=False, cache=os.environ.get("NKWATCH_CACHE", "1") != "0")
