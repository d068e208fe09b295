"""Commands over the curated record: build, overview, events, actors, relations, countries,
check, topics, claims, sources. Each is a thin layer over :class:`nkwatch.store.Store`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from nkwatch import output
from nkwatch.build import build
from nkwatch.model import default_kb_dir
from nkwatch.store import default_db_path

from .app import app
from .common import (
    CsvOpt,
    DbOpt,
    FromOpt,
    JsonOpt,
    NlOpt,
    ToOpt,
    emit,
    friendly_errors,
    output_format,
    reader,
)


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
    with reader(db) as store:
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
        emit(themes, "table", ["id", "title", "events", "claims"], "Themes of the outline")
        recent = store.events()[-5:][::-1]
        emit(recent, "table", ["date", "title", "type"], "Most recent events")


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
    fmt = output_format(as_json, as_csv, as_nl)
    with reader(db) as store:
        rows = store.events(
            actor=actor, type=type, topic=topic, date_from=date_from, date_to=date_to, text=text
        )
    emit(rows, fmt, ["date", "end_date", "title", "type", "cameo_code", "actors"], "Events")


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
    fmt = output_format(as_json, as_csv, as_nl)
    with reader(db) as store:
        rows = store.actors(type=type, text=text)
    emit(rows, fmt, ["id", "type", "name", "iso3", "cow", "start", "end"], "Actors")


@app.command()
@friendly_errors
def actor(
    ref: Annotated[str, typer.Argument(help="Actor id, ISO code or name.")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_nl: NlOpt = False,
) -> None:
    """Show one actor: names, relations, events, sources."""
    fmt = output_format(as_json, False, as_nl)
    with reader(db) as store:
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
    emit(
        rec["relations"],
        "table",
        ["kind", "subject", "object", "start", "end", "end_reason"],
        "Relations",
    )
    emit(rec["events"], "table", ["date", "title", "type"], "Events")


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
    fmt = output_format(as_json, as_csv, as_nl)
    with reader(db) as store:
        rows = store.relations(actor=actor, kind=kind, as_of=as_of)
    emit(rows, fmt, ["kind", "subject", "object", "start", "end", "end_reason"], "Relations")


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
    fmt = output_format(as_json, as_csv, as_nl)
    with reader(db) as store:
        if summary:
            counts = store.country_counts(as_of=as_of)
            emit([counts], fmt, list(counts), "Counts")
            return
        rows = store.countries(as_of=as_of)
    emit(
        rows,
        fmt,
        [
            "id",
            "name",
            "un_member",
            "status",
            "relations_since",
            "start_known",
            "embassy_in_pyongyang",
            "dprk_embassy",
        ],
        "Countries",
    )
    if fmt == "table":
        from nkwatch.countries import counts

        c = counts(rows)

        def most(key: str) -> str:  # "12 (at most 15)" where unknown starts leave it open
            n, top = c[key], c[f"{key}_at_most"]
            return f"{n} (at most {top})" if top > n else str(n)

        typer.echo(
            f"{most('un_members_with_relations')} of {c['un_members']} UN member states had "
            f"relations with the DPRK; {most('embassies_in_pyongyang')} states had a resident "
            f"embassy in Pyongyang; the DPRK had {most('dprk_embassies_abroad')} abroad."
        )
        if any(c[f"{k}_at_most"] > c[k] for k in ("relations", "embassies_in_pyongyang")):
            typer.echo(
                "'at most' counts the ties whose start is unknown and not yet attested on that "
                "date (status 'uncertain'; start_known false in --json)."
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
        emit(
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
            + (", ".join(f"{k} {len(v)}" for k, v in sorted(report.open_starts.items())) or "none")
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
    fmt = output_format(as_json, as_csv, as_nl)
    with reader(db) as store:
        rows = store.topics()
    emit(rows, fmt, ["id", "title", "events", "claims"], "Topics")


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
    fmt = output_format(as_json, as_csv, as_nl)
    with reader(db) as store:
        rows = store.claims(topic=topic, verdict=verdict, text=text)
    emit(rows, fmt, ["id", "topic", "verdict", "text"], "Claims")


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
    fmt = output_format(as_json, as_csv, as_nl)
    with reader(db) as store:
        rows = store.sources(text=text, level=level)
    emit(rows, fmt, ["id", "title", "publisher", "url", "cited_by"], "Sources")
