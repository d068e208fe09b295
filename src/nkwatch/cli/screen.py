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
#: --csv: one row per match, with what a review tool needs to decide it
CSV_COLUMNS = [
    "query", "query_schema", "query_birth_date", "query_country", "query_imo", "list", "id",
    "entity", "name", "schema", "score", "explanation", "dprk", "programs", "list_version",
]  # fmt: skip


def _screener(store: Any, lists: list[str] | None, dprk_only: bool) -> tuple[Any, list]:
    """The screener and the list copies it answers from; refuses when no list is ingested."""
    from nkwatch.lists.changes import require_lists, versions
    from nkwatch.screen.cache import cached_screener

    require_lists(store.con)
    lists = check_lists(store.con, lists, what="--list")
    screener = cached_screener(store.con, store.path, lists=lists or None, dprk_only=dprk_only)
    if not screener.targets:
        raise ListError(
            "no sanctions list entry to screen against"
            + (" (--dprk-only and --list leave none)" if dprk_only or lists else "")
            + ": ingest one first, e.g. 'nkwatch update lists' or 'nkwatch ingest "
            "un-sanctions consolidated.xml'"
        )
    return screener, versions(store.con, lists)


def _answered_from(found: list[dict[str, Any]]) -> str:
    from nkwatch.lists.changes import describe

    return "Answered from: " + "; ".join(describe(v) for v in found)


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
        typer.Option(
            "--file",
            help="CSV with a 'name' column (birth_date, country, schema, imo, address optional).",
        ),
    ] = None,
    birth_date: Annotated[
        str | None, typer.Option("--birth-date", help="Date of birth of the NAME(s).")
    ] = None,
    country: Annotated[str | None, typer.Option(help="Country of the NAME(s).")] = None,
    schema: Annotated[
        str | None,
        typer.Option(
            help="What the NAME(s) are: Person, Organization, Company, LegalEntity, Vessel, "
            "Airplane (FollowTheMoney schemata; default: anything). A Person matches no vessel."
        ),
    ] = None,
    imo: Annotated[str | None, typer.Option(help="A vessel's IMO number.")] = None,
    address: Annotated[str | None, typer.Option(help="The party's address.")] = None,
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
    audit: Annotated[
        Path | None,
        typer.Option(
            "--audit",
            help="Append a compliance trail to this JSON lines file: each query, the list "
            "copies (file, date, sha256), every candidate considered with its score and "
            "explanation, the matches and the time (screens in this process).",
        ),
    ] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    as_nl: NlOpt = False,
) -> None:
    """Screen names against the ingested sanctions lists, with the reasons for each match."""
    from nkwatch.screen.index import schemata

    fmt = output_format(as_json, as_csv, as_nl)
    schemata(schema)  # an unknown schema is an error before any work
    queries = [
        Query(n, birth_date=birth_date, country=country, schema=schema, imo=imo, address=address)
        for n in names or []
    ]
    if file:
        if not file.is_file():
            raise ListError(f"no file {file}: check the path")
        queries += read_queries(file)
    if not queries:
        raise ListError("give names to screen (nkwatch screen 'Kim Yong Chol') or --file names.csv")
    for q in queries:
        schemata(q.schema)
    with reader(db) as store:
        screener, found = _screener(store, lists, dprk_only)
    if audit:
        from nkwatch.screen.audit import screen_with_trail

        results = screen_with_trail(
            screener, queries, audit, threshold=threshold, limit=limit, versions=found
        )
    else:
        results = screen_many(screener, queries, threshold=threshold, limit=limit, workers=workers)
    if fmt in ("nl", "json"):
        docs = []
        for q, matches in zip(queries, results, strict=True):
            doc: dict[str, Any] = {"query": q.name}
            doc.update({k: v for k, v in _query_fields(q).items() if v})
            doc["matches"] = [m.as_dict() for m in matches]
            doc["lists"] = found
            docs.append(doc)
        output.write(docs, fmt, sys.stdout)
        return
    if fmt == "csv":
        by_list = _version_by_list(found)
        rows = [
            {
                "query": q.name,
                **{f"query_{k}": v or "" for k, v in _query_fields(q).items() if k != "address"},
                **m.as_dict(),
                "programs": " ".join(m.programs),
                "list_version": by_list.get(m.list, ""),
            }
            for q, matches in zip(queries, results, strict=True)
            for m in matches
        ]
        emit(rows, fmt, CSV_COLUMNS)
        return
    rows = [
        {"query": q.name, **m.as_dict()}
        for q, matches in zip(queries, results, strict=True)
        for m in matches
    ]
    emit(rows, fmt, MATCH_COLUMNS, "Matches")
    flagged = sum(1 for m in results if m)
    typer.echo(f"{flagged} of {len(queries)} name(s) matched at threshold {threshold}")
    typer.echo(_answered_from(found))
    if audit:
        typer.echo(f"Compliance trail appended to {audit}")


def _query_fields(q: Query) -> dict[str, str | None]:
    return {
        "schema": q.schema,
        "birth_date": q.birth_date,
        "country": q.country,
        "imo": q.imo,
        "address": q.address,
    }


def _version_by_list(found: list[dict[str, Any]]) -> dict[str, str]:
    """The newest copy of each list, as one line (the entries come from the newest copy)."""
    from nkwatch.lists.changes import describe

    out: dict[str, str] = {}
    for v in found:  # oldest first
        for name in v["list"].split(","):
            out[name] = describe(v)
    return out


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
    from nkwatch.lists.changes import NO_LISTS

    fmt = output_format(as_json, as_csv, as_nl)
    with reader(db) as store:
        rows = summary(store.con)
    emit(
        rows,
        fmt,
        ["source", "list", "list_date", "entries", "dprk", "paths"],
        "Sanctions lists",
    )
    if not rows and fmt == "table":  # what is ingested: none, and how to change that
        typer.echo(NO_LISTS[0].upper() + NO_LISTS[1:])


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
    from nkwatch.lists.changes import require_lists, versions

    with reader(db) as store:
        require_lists(store.con)
        lists = check_lists(store.con, lists, what="--list")
        rows = designated(store.con, name, day, threshold=threshold, lists=lists)
        found = versions(store.con, lists)
    emit(
        rows,
        fmt,
        ["list", "id", "entity", "designated", "why", "score"],
        f"Designated on {day}?",
    )
    if fmt == "table":
        if not rows:
            typer.echo(f"No listed entity matches {name!r} at threshold {threshold}.")
        typer.echo(_answered_from(found))


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


@lists_app.command("changes")
@friendly_errors
def changes_cmd(
    date_from: Annotated[str, typer.Option("--from", help="From the copy of this date.")],
    date_to: Annotated[str, typer.Option("--to", help="To the copy of this date.")],
    lists: ListOpt = None,
    dprk_only: Annotated[
        bool, typer.Option("--dprk-only", metavar="", help="Only DPRK-related entries.")
    ] = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    as_nl: NlOpt = False,
) -> None:
    """What changed between two ingested copies of each list: new designations, delistings,
    changed names and identifiers (the latest copy on or before --from against the latest on
    or before --to)."""
    from nkwatch.lists.changes import changes, describe

    fmt = output_format(as_json, as_csv, as_nl)
    days = []
    for flag, text in (("--from", date_from), ("--to", date_to)):
        try:
            days.append(dt.date.fromisoformat(text))
        except ValueError:
            raise ListError(f"{flag} {text!r} is not a date YYYY-MM-DD") from None
    with reader(db) as store:
        lists = check_lists(store.con, lists, what="--list")
        found = changes(store.con, days[0], days[1], lists, dprk_only=dprk_only)
    columns = ["list", "change", "id", "name", "schema", "detail", "from", "to"]
    emit(found["changes"], fmt, columns, f"List changes {days[0]} to {days[1]}")
    if fmt == "table":
        for c in found["compared"]:
            what = " → ".join(describe(x) for x in (c["from"], c["to"]) if x)
            note = f" ({c['note']})" if c["note"] else ""
            typer.echo(f"{c['list']}: {what or 'no dated copy'}{note}")
        counts: dict[str, int] = {}
        for row in found["changes"]:
            counts[row["change"]] = counts.get(row["change"], 0) + 1
        typer.echo(", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "no changes")


app.add_typer(lists_app, name="lists")

update_app = typer.Typer(help="Fetch current public data and ingest it.", no_args_is_help=True)


@update_app.command("lists")
@friendly_errors
def update_lists_cmd(
    only: Annotated[
        list[str] | None, typer.Option("--list", help="un or ofac (default: both); repeatable.")
    ] = None,
    dest: Annotated[
        Path | None,
        typer.Option(help="Where the files go (default: <store>.lists/, a folder per day)."),
    ] = None,
    un_url: Annotated[
        str | None, typer.Option("--un-url", help="The UN list's address (default: official).")
    ] = None,
    ofac_url: Annotated[
        str | None,
        typer.Option("--ofac-url", help="The folder of OFAC's SDN files (default: official)."),
    ] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    as_nl: NlOpt = False,
) -> None:
    """Download the current UN Consolidated List and OFAC's SDN files (CSV and advanced XML)
    from their official addresses, check them, ingest them and print what changed since the
    copies ingested before. An interrupted download resumes when run again."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn

    from nkwatch.lists.changes import describe, versions
    from nkwatch.lists.update import LISTS, update
    from nkwatch.store import default_db_path

    fmt = output_format(as_json, as_csv, as_nl)
    db_path = Path(db or default_db_path())
    folder = dest or Path(f"{db_path}.lists")
    with Progress(
        "[progress.description]{task.description}", BarColumn(), DownloadColumn(),
        TransferSpeedColumn(), transient=True, disable=fmt != "table",
    ) as bar:  # fmt: skip
        tasks: dict[str, Any] = {}

        def progress(name: str, n: int, total: int | None) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(name, total=total)
            elif total is not None:
                bar.update(tasks[name], total=total)
            bar.advance(tasks[name], n)

        found = update(
            db_path,
            folder,
            lists=tuple(only or LISTS),
            un_url=un_url,
            ofac_url=ofac_url,
            progress=progress,
        )
    columns = ["list", "change", "id", "name", "schema", "detail", "from", "to"]
    emit(found["changes"], fmt, columns, "Changes since the copies ingested before")
    if fmt == "table":
        for name, info in found["ingested"].items():
            state = "already ingested" if info["skipped"] else "ingested"
            typer.echo(
                f"{name}: {info['entries']:,} entries, list of {info['list_date']}, {state} "
                f"({', '.join(Path(f).name for f in found['files'][name])} checked)"
            )
            if not found["before"].get(name):
                typer.echo(f"{name}: no earlier dated copy in the store to compare with")
        with reader(db_path) as store:
            typer.echo(
                "The store now answers from: " + "; ".join(describe(v) for v in versions(store.con))
            )


app.add_typer(update_app, name="update")
