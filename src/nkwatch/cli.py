"""The command line: a thin layer over :class:`nkwatch.store.Store`.

Every listing prints a table by default and takes ``--json``, ``--csv`` or ``--nl``
(one JSON object per line). The store is ``--db PATH``, else ``$NKWATCH_DB``, else a
per-user default; it is built from the curated record on first use.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from nkwatch import output
from nkwatch.build import StoreError, build
from nkwatch.errors import missing_extra, need
from nkwatch.model import KBError, default_kb_dir
from nkwatch.store import QueryError, Store, default_db_path

app = typer.Typer(
    help="nkwatch: an observatory of North Korea's (the DPRK's) foreign relations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

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


def _version(value: bool) -> None:
    if value:
        from nkwatch import __version__

        typer.echo(f"nkwatch {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            metavar="",
            callback=_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """nkwatch: an observatory of North Korea's (the DPRK's) foreign relations."""


def _fmt(as_json: bool, as_csv: bool, as_nl: bool) -> output.Format:
    chosen = [name for name, on in (("json", as_json), ("csv", as_csv), ("nl", as_nl)) if on]
    if len(chosen) > 1:
        raise QueryError("use just one of --json, --csv or --nl")
    return chosen[0] if chosen else "table"  # type: ignore[return-value]


def _emit(
    records: Sequence[dict[str, Any]],
    fmt: output.Format,
    columns: Sequence[str],
    title: str | None = None,
) -> None:
    output.write(records, fmt, sys.stdout, columns=columns, title=title)


def _store(db: Path | None) -> Store:
    return Store.reader(db)


@app.command("build")
@friendly_errors
def build_cmd(
    db: DbOpt = None,
    kb: Annotated[
        Path | None, typer.Option(help="Curated record folder (default: bundled).")
    ] = None,
    force: Annotated[
        bool, typer.Option(metavar="", help="Rebuild even if nothing changed.")
    ] = False,
) -> None:
    """Validate the curated record and build the store from it."""
    path = Path(db) if db else default_db_path()
    result = build(path, kb or default_kb_dir(), force=force)
    state = "built" if result.changed else "unchanged (already built from these files)"
    counts = ", ".join(f"{n} {k}" for k, n in result.counts.items())
    typer.echo(f"{path}: {state}: {counts}")


@app.command()
@friendly_errors
def overview(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Print an overview of the store: what it holds, the themes, the latest events."""
    with _store(db) as store:
        ov = store.overview()
        if as_json:
            output.write([ov], "json", sys.stdout)
            return
        from rich.console import Console

        console = Console()
        c = ov["counts"]
        console.print(f"[bold]nkwatch store[/bold] {ov['path']} (built {ov['built_at']})")
        if ov["current_to"]:
            console.print(f"record current to {ov['current_to']}")
        console.print(
            f"{c['events']} events ({ov['first_event']} to {ov['last_event']}), "
            f"{c['actors']} actors, {c['relations']} relations, {c['agreements']} agreements, "
            f"{c['measures']} measures, {c['designations']} designations, {c['claims']} claims, "
            f"{c['sources']} sources, {c['series']} series"
        )
        themes = [t for t in store.topics() if t["parent"] is None]
        _emit(themes, "table", ["id", "title", "events", "claims"], "Themes of the outline")
        recent = store.events()[-5:][::-1]
        _emit(recent, "table", ["date", "title", "type"], "Most recent events")


@app.command()
@friendly_errors
def events(
    actor: Annotated[str | None, typer.Option(help="Actor id, ISO code or name.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="Event type (summit, ...).")] = None,
    topic: Annotated[str | None, typer.Option(help="Topic or theme id.")] = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    text: Annotated[str | None, typer.Option(help="Words in the title or summary.")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    as_nl: NlOpt = False,
) -> None:
    """List curated events, oldest first."""
    fmt = _fmt(as_json, as_csv, as_nl)
    with _store(db) as store:
        rows = store.events(
            actor=actor, type=type, topic=topic, date_from=date_from, date_to=date_to, text=text
        )
    _emit(rows, fmt, ["date", "end_date", "title", "type", "cameo_code", "actors"], "Events")


@app.command()
@friendly_errors
def actors(
    type: Annotated[
        str | None, typer.Option("--type", help="state, person or organization")
    ] = None,
    text: Annotated[str | None, typer.Option(help="Words in a name.")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    as_nl: NlOpt = False,
) -> None:
    """List actors: states, people, organizations."""
    fmt = _fmt(as_json, as_csv, as_nl)
    with _store(db) as store:
        rows = store.actors(type=type, text=text)
    _emit(rows, fmt, ["id", "type", "name", "iso3", "cow", "start", "end"], "Actors")


@app.command()
@friendly_errors
def actor(
    ref: Annotated[str, typer.Argument(help="Actor id, ISO code or name.")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_nl: NlOpt = False,
) -> None:
    """Show one actor: names, relations, events, sources."""
    fmt = _fmt(as_json, False, as_nl)
    with _store(db) as store:
        rec = store.actor(ref)
    if fmt != "table":
        output.write([rec], fmt, sys.stdout)
        return
    from rich.console import Console

    console = Console()
    console.print(
        f"[bold]{rec['name']}[/bold] ({rec['id']}, {rec['type']})"
        + (f" ISO {rec['iso3']}, COW {rec['cow']}" if rec["iso3"] else "")
    )
    if rec["description"]:
        console.print(rec["description"])
    names = "; ".join(f"{n['name']} [{n['system']}]" for n in rec["names"])
    if names:
        console.print(f"Names: {names}")
    console.print("Sources: " + "; ".join(s["url"] for s in rec["sources"]))
    _emit(
        rec["relations"],
        "table",
        ["kind", "subject", "object", "start", "end", "end_reason"],
        "Relations",
    )
    _emit(rec["events"], "table", ["date", "title", "type"], "Events")


@app.command()
@friendly_errors
def relations(
    actor: Annotated[str | None, typer.Option(help="Actor id, ISO code or name.")] = None,
    kind: Annotated[str | None, typer.Option(help="diplomatic-relations, embassy, ...")] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Only those held on this date.")
    ] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    as_nl: NlOpt = False,
) -> None:
    """List relations (diplomatic relations, embassies, alliances, offices), as of a date."""
    fmt = _fmt(as_json, as_csv, as_nl)
    with _store(db) as store:
        rows = store.relations(actor=actor, kind=kind, as_of=as_of)
    _emit(rows, fmt, ["kind", "subject", "object", "start", "end", "end_reason"], "Relations")


@app.command()
@friendly_errors
def countries(
    as_of: Annotated[str | None, typer.Option("--as-of", help="The date (default: today).")] = None,
    summary: Annotated[
        bool, typer.Option("--summary", metavar="", help="Print only the counts.")
    ] = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    as_nl: NlOpt = False,
) -> None:
    """Every state's relation with the DPRK on a date, and the counts."""
    fmt = _fmt(as_json, as_csv, as_nl)
    with _store(db) as store:
        if summary:
            counts = store.country_counts(as_of=as_of)
            _emit([counts], fmt, list(counts), "Counts")
            return
        rows = store.countries(as_of=as_of)
    _emit(
        rows,
        fmt,
        [
            "id",
            "name",
            "un_member",
            "status",
            "relations_since",
            "embassy_in_pyongyang",
            "dprk_embassy",
        ],
        "Countries",
    )
    if fmt == "table":
        from nkwatch.countries import counts

        c = counts(rows)
        typer.echo(
            f"{c['un_members_with_relations']} of {c['un_members']} UN member states had "
            f"relations with the DPRK; {c['embassies_in_pyongyang']} states had a resident "
            f"embassy in Pyongyang; the DPRK had {c['dprk_embassies_abroad']} abroad."
        )


@app.command()
@friendly_errors
def check(
    kb: Annotated[
        Path | None, typer.Option(help="Curated record folder (default: bundled).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Validate the whole curated record and print its coverage; exit 1 if a rule is broken."""
    from nkwatch.check import run_check

    report = run_check(kb)
    if as_json:
        from dataclasses import asdict

        output.write([asdict(report)], "json", sys.stdout)
    else:
        _print_check(report)
    if not report.ok:
        raise typer.Exit(1)


def _print_check(report: Any) -> None:
    if report.topics:
        _emit(
            report.topics,
            "table",
            [
                "id",
                "events",
                "min_events",
                "claims",
                "bullets",
                "agreements",
                "relations",
                "measures",
                "newest_event",
            ],
            "Coverage by topic",
        )
        if report.current_to:
            typer.echo(f"Record current to {report.current_to}")
        typer.echo(
            "Records citing Wikipedia alone: "
            + ", ".join(
                f"{k} {n} of {t} ({n / t:.0%})" for k, (n, t) in report.wikipedia_only.items() if t
            )
        )
        typer.echo(
            "Relations with an unknown start: "
            + (
                ", ".join(f"{k} {len(v)}" for k, v in sorted(report.open_starts.items()))
                or "none"
            )
        )
        typer.echo("Records by type: " + ", ".join(f"{k} {v}" for k, v in report.types.items()))
        typer.echo(
            "Claims by verdict: " + ", ".join(f"{k} {v}" for k, v in report.verdicts.items())
        )
        typer.echo(
            f"Outline bullets with a claim: {report.bullets_with_claims} of {report.bullets}"
        )
        typer.echo(
            "Records without a primary source: "
            + ", ".join(f"{k} {v}" for k, v in report.no_primary.items())
        )
        typer.echo(f"Events whose CAMEO code does not fit their type: {report.cameo_mismatches}")
    if report.problems:
        typer.echo(f"{len(report.problems)} problem(s):", err=True)
        for p in report.problems:
            typer.echo(f"  - {p}", err=True)
    else:
        typer.echo("check passed: every rule holds")


@app.command()
@friendly_errors
def topics(
    db: DbOpt = None, as_json: JsonOpt = False, as_csv: CsvOpt = False, as_nl: NlOpt = False
) -> None:
    """List the outline's themes and topics, with their events and claims."""
    fmt = _fmt(as_json, as_csv, as_nl)
    with _store(db) as store:
        rows = store.topics()
    _emit(rows, fmt, ["id", "title", "events", "claims"], "Topics")


@app.command()
@friendly_errors
def claims(
    topic: Annotated[str | None, typer.Option(help="Topic or theme id.")] = None,
    verdict: Annotated[
        str | None, typer.Option(help="supported, partly-supported, disputed, unverified")
    ] = None,
    text: Annotated[str | None, typer.Option(help="Words in the claim.")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    as_nl: NlOpt = False,
) -> None:
    """List claims with their verdicts and evidence."""
    fmt = _fmt(as_json, as_csv, as_nl)
    with _store(db) as store:
        rows = store.claims(topic=topic, verdict=verdict, text=text)
    _emit(rows, fmt, ["id", "topic", "verdict", "text"], "Claims")


@app.command()
@friendly_errors
def sources(
    text: Annotated[str | None, typer.Option(help="Words in the title, publisher or URL.")] = None,
    level: Annotated[str | None, typer.Option(help="primary or secondary")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    as_nl: NlOpt = False,
) -> None:
    """List the sources the record cites."""
    fmt = _fmt(as_json, as_csv, as_nl)
    with _store(db) as store:
        rows = store.sources(text=text, level=level)
    _emit(rows, fmt, ["id", "title", "publisher", "url", "cited_by"], "Sources")


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


def _mount() -> None:
    """Event data (ingest, dyads, cycles) and sanctions screening (screen, lists) live in
    their own modules; they add their commands here."""
    from nkwatch import cli_data, cli_media, cli_screen

    cli_data.register(app)
    cli_screen.register(app)
    cli_media.register(app)


_mount()


def main() -> None:  # pragma: no cover
    app()
