"""The command line: ``nkwatch <noun> [<verb>]``, a thin layer over the library.

Every listing prints a table by default and takes ``--json``, ``--csv`` or ``--nl`` (one
JSON object per line). The store is ``--db PATH``, else ``$NKWATCH_DB``, else a per-user
default; it is built from the curated record on first use and read read-only, so reads work
beside a running server.

One module per command group adds its commands to the one :data:`app`: ``record`` (the
curated record), ``serve``, ``data`` (event data: ingest, dyads, cycles), ``screen``
(sanctions lists and screening), ``votes`` (UN votes and Correlates of War: alignment and
positions, votes, isolation, mids), ``media`` (the DPRK's own texts: terms, mentions, tone,
passages). Shared options and output are in ``common``; lower layers never import this
package.
"""

from __future__ import annotations

from importlib import import_module

from .app import app

#: the command groups, in the order ``nkwatch --help`` lists their commands
GROUPS = ("record", "serve", "data", "screen", "votes", "media")
for _group in GROUPS:
    import_module(f"{__name__}.{_group}")

__all__ = ["app", "main"]


def main() -> None:  # pragma: no cover
    app()
