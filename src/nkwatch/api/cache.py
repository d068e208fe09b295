"""A response cache for the read-only server.

The server opens the store read-only and DuckDB lets no other process write it meanwhile, so
the answer to a GET is the same for as long as the server reads the same store file:
successful GET responses are kept in a bounded LRU keyed by path and query string, and sent
again without touching the store. When 'nkwatch build' or 'nkwatch ingest' swaps in a new
store file (nkwatch.api.live), the cache is emptied. Responses carry an ETag; a client that
sends it back gets 304."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class ResponseCache:
    def __init__(self, app: ASGIApp, max_entries: int = 2048, max_body: int = 4 << 20) -> None:
        self.app = app
        self.max_entries = max_entries
        self.max_body = max_body
        self.entries: OrderedDict[bytes, tuple[int, list[tuple[bytes, bytes]], bytes]] = (
            OrderedDict()
        )
        self.hits = 0
        self.misses = 0
        self.stamp: object = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] == "/docs":
            await self.app(scope, receive, send)
            return
        live = getattr(scope["app"].state, "live", None) if "app" in scope else None
        if live is not None:
            stamp = live.stamp()  # the store file, looked at now and then
            if stamp != self.stamp:  # replaced: every answer may have changed
                self.entries.clear()
                self.stamp = stamp
        # the stamp in the key: an answer begun on the old file is never sent for the new
        key = repr(self.stamp).encode() + scope["path"].encode() + b"?"
        key += scope.get("query_string", b"")
        hit = self.entries.get(key)
        if hit is not None:
            self.entries.move_to_end(key)
            self.hits += 1
            await self._replay(scope, send, *hit)
            return
        self.misses += 1
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    body = b"".join(chunks)
                    headers = list(start.get("headers", []))
                    if start.get("status") == 200 and len(body) <= self.max_body:
                        etag = (
                            b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'
                        )
                        headers.append((b"etag", etag))
                        self.entries[key] = (200, headers, body)
                        if len(self.entries) > self.max_entries:
                            self.entries.popitem(last=False)
                    await send({**start, "headers": list(headers)})
                    await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, capture)

    @staticmethod
    async def _replay(
        scope: Scope, send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes
    ) -> None:
        etag = next((v for k, v in headers if k == b"etag"), None)
        sent = dict(scope.get("headers", [])).get(b"if-none-match")
        if etag is not None and sent == etag:
            await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", etag)]})
            await send({"type": "http.response.body", "body": b""})
            return
        # a copy: the middleware outside (gzip) edits the header list it is given
        await send({"type": "http.response.start", "status": status, "headers": list(headers)})
        await send({"type": "http.response.body", "body": body})
