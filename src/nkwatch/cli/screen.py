"""Commands for sanctions lists and screening: ``nkwatch screen`` and ``nkwatch lists``."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from nkwatch import output
from nkwatch.lists import ListError
from nkwatch.screen import DEFAULT_THRESHOLD, Query
from nkwatch.screen.batch import read_queries, screen_many
from nkwatch.screen.choose import check_lists

from .app import app
from .common import CsvOpt, DbOpt, JsonOpt, NlOpt, emit, friendly_errors, output_format, reader

MATCH_COLUMNS = ["query", "list", "id", "name", "score", "explanation"]


def _screener(store: Any, lists: list[str] | None, dprk_only: bool) -> Any:
    from nkwatch.screen.cache import cached_screener

    lists = check_lists(store.con, lists, what="--list")
    screener = cached_screener(store.con, store.path, lists=lists or None, dprk_only=dprk_only)
    if not screener.targets:
        raise ListError(
            "no sanctions list in the store: ingest one first, e.g. 'nkwatch ingest "
            "un-sanctions consolidated.xml' or 'nkwatch ingest ofac-sdn sdn.csv alt.csv'"
        )
    return screener


ListOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--list",
        help="Only this list (un, ofac, or an FtM dataset; any case); repeatable. "
        "A list not in the store is an error ('nkwatch lists' shows them).",
    ),
]


@app.command("screen")
@friendly_errors
def screen_cmd(
    names: Annotated[list[str] | None, typer.Argument(help="Names to screen.")] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", help="CSV with a 'name' column (birth_date, country optional)."),
    ] = None,
    birth_date: Annotated[
        str | None, typer.Option("--birth-date", help="Date of birth of the NAME(s).")
    ] = None,
    country: Annotated[str | None, typer.Option(help="Country of the NAME(s).")] = None,
    threshold: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Report matches scoring at least this.")
    ] = DEFAULT_THRESHOLD,
    limit: Annotated[int, typer.Option(min=1, help="At most this many matches per name.")] = 10,
    lists: ListOpt = None,
    dprk_only: Annotated[
        bool, typer.Option("--dprk-only", metavar="", help="Only DPRK-related designations.")
    ] = False,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Processes for a file (default: every core).")
    ] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    as_nl: NlOpt = False,
) -> None:
    """Screen names against the ingested sanctions lists, with the reasons for each match."""
    fmt = output_format(as_json, as_csv, as_nl)
    queries = [Query(n, birth_date=birth_date, country=country) for n in names or []]
    if file:
        if not file.is_file():
            raise ListError(f"no file {file}: check the path")
        queries += read_queries(file)
    if not queries:
        raise ListError("give names to screen (nkwatch screen 'Kim Yong Chol') or --file names.csv")
    with reader(db) as store:
        screener = _screener(store, lists, dprk_only)
    results = screen_many(screener, queries, threshold=threshold, limit=limit, workers=workers)
    if fmt in ("nl", "json"):
        docs = []
        for q, matches in zip(queries, results, strict=True):
            doc: dict[str, Any] = {"query": q.name}
            doc.update(
                {k: v for k, v in (("birth_date", q.birth_date), ("country", q.country)) if v}
            )
            doc["matches"] = [m.as_dict() for m in matches]
            docs.append(doc)
        output.write(docs, fmt, sys.stdout)
        return
    rows = [
        {"query": q.name, **m.as_dict()}
        for q, matches in zip(queries, results, strict=True)
        for m in matches
    ]
    emit(rows, fmt, MATCH_COLUMNS, "Matches")
    if fmt == "table":
        flagged = sum(1 for m in results if m)
        typer.echo(f"{flagged} of {len(queries)} name(s) matched at threshold {threshold}")


lists_app = typer.Typer(
    help="Sanctions lists in the store: what is ingested, designations "
    "on a date, FollowTheMoney export.",
    no_args_is_help=False,
)


@lists_app.callback(invoke_without_command=True)
@friendly_errors
def lists_cmd(
    ctx: typer.Context,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    as_nl: NlOpt = False,
) -> None:
    """List the ingested copies of sanctions lists (nkwatch ingest un-sanctions|ofac-sdn)."""
    if ctx.invoked_subcommand:
        return
    from nkwatch.lists import summary

    fmt = output_format(as_json, as_csv, as_nl)
    with reader(db) as store:
        rows = summary(store.con)
    emit(
        rows,
        fmt,
        ["source", "list", "list_date", "entries", "dprk", "paths"],
        "Sanctions lists",
    )


@lists_app.command("designated")
@friendly_errors
def designated_cmd(
    name: Annotated[str, typer.Argument(help="A name (any spelling) or a list id (KPi.024).")],
    on: Annotated[str, typer.Option("--on", help="The date, YYYY-MM-DD.")],
    threshold: Annotated[float, typer.Option(min=0.0, max=1.0)] = DEFAULT_THRESHOLD,
    lists: ListOpt = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    as_nl: NlOpt = False,
) -> None:
    """Was NAME designated on a date? One row per matching listed entity."""
    from nkwatch.screen.designated import designated

    fmt = output_format(as_json, as_csv, as_nl)
    try:
        day = dt.date.fromisoformat(on)
    except ValueError:
        raise ListError(f"--on {on!r} is not a date YYYY-MM-DD") from None
    with reader(db) as store:
        lists = check_lists(store.con, lists, what="--list")
        rows = designated(store.con, name, day, threshold=threshold, lists=lists)
    emit(
        rows,
        fmt,
        ["list", "id", "entity", "designated", "why", "score"],
        f"Designated on {day}?",
    )


@lists_app.command("export")
@friendly_errors
def export_cmd(
    lists: ListOpt = None,
    dprk_only: Annotated[bool, typer.Option("--dprk-only", metavar="")] = False,
    db: DbOpt = None,
) -> None:
    """Write the ingested designations as FollowTheMoney JSON lines (to standard output)."""
    from nkwatch.lists import export_rows
    from nkwatch.lists.ftm import to_ftm

    with reader(db) as store:
        lists = check_lists(store.con, lists, what="--list")
        rows = export_rows(store.con, lists=lists, dprk_only=dprk_only)
    for entity in to_ftm(rows):
        sys.stdout.write(json.dumps(entity, ensure_ascii=False, default=str) + "\n")


app.add_typer(lists_app, name="lists")
