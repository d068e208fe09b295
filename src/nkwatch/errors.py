"""The errors nkwatch raises on purpose: each message names the fix.

They live in this bottom module so that every layer (names, lists, screen, sources, store,
api, cli) can raise and catch them without importing the layers above it.
"""

from __future__ import annotations


class QueryError(ValueError):
    """A query the store cannot answer as asked (unknown id, bad date ...)."""


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says what to do."""


class MissingExtra(StoreError):
    """A command needs an optional extra that is not installed; the message says which."""


#: top-level modules of the optional extras (pyproject.toml [project.optional-dependencies])
EXTRA_OF = {
    "ibis": "analytics",
    "sqlglot": "analytics",
    "pandas": "analytics",
    "ruptures": "analytics",
    "pyspark": "spark",
    "fastapi": "web",
    "starlette": "web",
    "uvicorn": "web",
    "jinja2": "web",
    "kiwipiepy": "media",
    "rigour": "screen",
    "followthemoney": "screen",
}


def missing_extra(exc: ImportError, what: str = "this command") -> MissingExtra | None:
    """The error to show for an import that failed because an extra is not installed (None
    when the missing module belongs to no extra: then it is a bug, not a setup step)."""
    name = (getattr(exc, "name", None) or "").split(".")[0]
    extra = EXTRA_OF.get(name)
    if extra is None:
        return None
    return MissingExtra(
        f"{what} needs the {extra} extra ({name} is not installed): pip install 'nkwatch[{extra}]'"
    )


def need(module: str, what: str) -> None:
    """Import ``module`` now, or raise :class:`MissingExtra` naming the extra to install."""
    import importlib

    try:
        importlib.import_module(module)
    except ImportError as exc:
        found = missing_extra(exc, what)
        if found is None:
            raise
        raise found from None
