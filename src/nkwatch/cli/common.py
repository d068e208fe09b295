"""What every command shares: the output options (``--json``, ``--csv``, ``--nl``), the store
option, the date range options, one error path (:func:`friendly_errors`) and the writers."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from nkwatch import output
from nkwatch.errors import QueryError, StoreError, missing_extra
from nkwatch.model import KBError
from nkwatch.store import Store

DbOpt = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="The store file (default: $NKWATCH_DB or a per-user file).",
        envvar="NKWATCH_DB",
        show_envvar=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", metavar="", help="Print a JSON array.")]
CsvOpt = Annotated[bool, typer.Option("--csv", metavar="", help="Print CSV with a header row.")]
NlOpt = Annotated[bool, typer.Option("--nl", metavar="", help="Print one JSON object per line.")]
FromOpt = Annotated[str | None, typer.Option("--from", help="From this date (YYYY[-MM[-DD]]).")]
ToOpt = Annotated[str | None, typer.Option("--to", help="To this date, inclusive.")]

F = TypeVar("F", bound=Callable[..., Any])


def friendly_errors(func: F) -> F:
    """Turn the errors a user can fix into a message and exit code 2 (1 for a bad record)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KBError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(1) from None
        except (QueryError, StoreError) as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(2) from None
        except ImportError as exc:  # an optional extra that is not installed
            found = missing_extra(exc, f"'nkwatch {_command_name()}'")
            if found is None:
                raise
            typer.echo(f"Error: {found}", err=True)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def _command_name() -> str:
    import click

    ctx = click.get_current_context(silent=True)
    return ctx.info_name if ctx and ctx.info_name else "this command"


def output_format(as_json: bool, as_csv: bool, as_nl: bool) -> output.Format:
    chosen = [name for name, on in (("json", as_json), ("csv", as_csv), ("nl", as_nl)) if on]
    if len(chosen) > 1:
        raise QueryError("use just one of --json, --csv or --nl")
    return chosen[0] if chosen else "table"  # type: ignore[return-value]


def emit(
    records: Sequence[dict[str, Any]],
    fmt: output.Format,
    columns: Sequence[str],
    title: str | None = None,
) -> None:
    output.write(records, fmt, sys.stdout, columns=columns, title=title)


def reader(db: Path | None) -> Store:
    """The store, read-only (it works beside a running server; built first if needed)."""
    return Store.reader(db)
