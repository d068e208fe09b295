"""The errors nkwatch raises on purpose: each message names the fix.

They live in this bottom module so that every layer (names, lists, screen, sources, store,
api, cli) can raise and catch them without importing the layers above it.
"""

from __future__ import annotations


class QueryError(ValueError):
    """A query the store cannot answer as asked (unknown id, bad date ...)."""


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says what to do."""
