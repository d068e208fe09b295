"""Commands for UN votes and Correlates of War: ``nkwatch alignment`` (``--positions
--year Y``: positions on the first voting dimension), ``nkwatch votes``, ``nkwatch
isolation``, ``nkwatch mids``; ``nkwatch ingest unvotes|cow DIR`` goes through
:func:`ingest_dataset`.

Each command is a thin layer over :mod:`nkwatch.analytics.alignment`,
:mod:`~nkwatch.analytics.positions`, :mod:`~nkwatch.analytics.isolation` and
:mod:`~nkwatch.analytics.mids`, with the usual output options.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from nkwatch.store import QueryError, default_db_path

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

DATASET_SOURCES = ("unvotes", "cow")


def ingest_dataset_cmd(
    source: str, files: list[Path], format: str | None, db: Path | None, fmt: Any
) -> None:
    """``nkwatch ingest unvotes|cow FILES-OR-DIR`` (called by the ingest command)."""
    from nkwatch.sources.datasets import ingest_dataset

    if not files:
        raise QueryError(f"give the folder or files to ingest, e.g. 'nkwatch ingest {source} DIR'")
    path = Path(db) if db else default_db_path()
    results = ingest_dataset(path, source, files, fmt=format)
    rows = [r.as_dict() for r in results]
    emit(
        rows, fmt, ["path", "kind", "rows", "rejects", "duplicates", "skipped", "note"], "Ingested"
    )
    rejected = sum(r.rejects for r in results)
    if fmt == "table" and rejected:
        typer.echo(
            f"{rejected} row(s) quarantined in ds_rejects (file, line, error, raw text): "
            f'see them with duckdb {path} "SELECT * FROM ds_rejects"',
            err=True,
        )


@app.command("alignment")
@friendly_errors
def alignment_cmd(
    partner: Annotated[
        str | None, typer.Option(help="One partner state (ISO3, e.g. CHN) instead of all.")
    ] = None,
    freq: Annotated[
        str | None, typer.Option(help="year: one row per year (with --partner).")
    ] = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    min_votes: Annotated[
        int | None,
        typer.Option(
            "--min-votes",
            help="Only states with at least N shared roll calls (default 1; with --positions: "
            "states that voted in N roll calls of the year, default 10).",
        ),
    ] = None,
    issue: Annotated[
        str | None,
        typer.Option(
            help="human rights, nuclear weapons, Middle East, colonialism, arms "
            "control or development"
        ),
    ] = None,
    focal: Annotated[str, typer.Option(help="The state compared (default PRK).")] = "PRK",
    positions: Annotated[
        bool,
        typer.Option(
            "--positions",
            help="Every state's position on the first dimension of the year's agreement "
            "matrix (classical MDS; the United States positive); needs --year.",
        ),
    ] = False,
    year: Annotated[int | None, typer.Option(help="The year of --positions.")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    as_nl: NlOpt = False,
) -> None:
    """UN General Assembly voting alignment of the DPRK with every state (highest agreement
    first), or with one partner per year: agreement, votes, S score, Cohen's kappa.
    With --positions --year Y: every state's position in year Y on the main voting axis."""
    from nkwatch.analytics.alignment import alignment

    fmt = output_format(as_json, as_csv, as_nl)
    if positions or year is not None:
        if not (positions and year is not None):
            raise QueryError("--positions and --year go together (e.g. --positions --year 2015)")
        from nkwatch.analytics.positions import positions as positions_of

        with reader(db) as store:
            rows = positions_of(store, year, min_votes=min_votes or 10, issue=issue)
        cols = ["rank", "country", "name", "position", "votes"]
        emit(rows, fmt, cols, f"Positions on the first UN voting dimension, {year}")
        return
    if freq and not partner:
        raise QueryError("--freq needs --partner (e.g. --partner CHN --freq year)")
    with reader(db) as store:
        rows = alignment(
            store,
            focal=focal,
            partner=partner,
            freq=freq,
            date_from=date_from,
            date_to=date_to,
            min_votes=min_votes or 1,
            issue=issue,
        )
    if partner and freq:
        cols = ["year", "agreement", "votes", "s_score", "kappa"]
        title = f"{focal.upper()}–{partner.upper()} by {freq}"
    else:
        cols = ["country", "name", "agreement", "votes", "s_score", "kappa"]
        title = f"UN voting alignment with {focal.upper()}"
    emit(rows, fmt, cols, title)


@app.command("votes")
@friendly_errors
def votes_cmd(
    about: Annotated[str, typer.Option(help="Roll calls about this state (PRK).")] = "PRK",
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    as_nl: NlOpt = False,
) -> None:
    """Every UN General Assembly roll call about the DPRK: date, resolution, title, yes, no,
    abstain, the DPRK's vote and every state's vote."""
    from nkwatch.analytics.alignment import votes_about

    fmt = output_format(as_json, as_csv, as_nl)
    with reader(db) as store:
        rows = votes_about(store, about)
    cols = ["date", "resolution", "title", "yes", "no", "abstain", "dprk_vote"]
    emit(rows, fmt, cols, f"Roll calls about {about.upper()}")


@app.command("isolation")
@friendly_errors
def isolation_cmd(
    freq: Annotated[str, typer.Option(help="year")] = "year",
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    as_nl: NlOpt = False,
) -> None:
    """The DPRK's isolation per year since 1948: relations, embassies, UN alignment,
    human-rights votes against it, militarised disputes begun."""
    from nkwatch.analytics.isolation import isolation

    fmt = output_format(as_json, as_csv, as_nl)
    with reader(db) as store:
        rows = isolation(store, freq=freq, date_from=date_from, date_to=date_to)
    cols = [
        "year",
        "relations",
        "relations_at_most",
        "embassies_in_pyongyang",
        "dprk_embassies_abroad",
        "un_median",
        "un_CHN",
        "un_USA",
        "hr_yes",
        "hr_no",
        "mids",
    ]
    emit(rows, fmt, cols, "DPRK isolation by year")


@app.command("mids")
@friendly_errors
def mids_cmd(
    incidents: Annotated[
        bool, typer.Option("--incidents", help="One row per incident (1993-2010).")
    ] = False,
    unmatched: Annotated[
        bool,
        typer.Option(
            "--unmatched",
            help="The disagreements: MID records with no curated event, curated events "
            "(war, military action, provocation, incident; to 2014) with no MID record.",
        ),
    ] = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    as_nl: NlOpt = False,
) -> None:
    """Militarised interstate disputes the DPRK took part in (Correlates of War MID 4.3),
    each with the curated events that are the same incident."""
    from nkwatch.analytics import mids

    fmt = output_format(as_json, as_csv, as_nl)
    with reader(db) as store:
        if unmatched:
            m = mids.matching(store)
            rows = [
                {"side": "MID, no curated event", "id": str(r["id"]), "date": r["start"],
                 "states": " ".join(r["partners"]), "what": r["action"],
                 "note": f"{r['kind']}, fatalities {r['fatalities'] or 'unknown'}"}
                for r in m["unmatched_mids"]
            ] + [
                {"side": "curated event, no MID", "id": e["event"], "date": e["date"],
                 "states": " ".join(e["partners"]), "what": e["title"], "note": e["reason"]}
                for e in m["unmatched_events"]
            ]  # fmt: skip
            cols = ["side", "id", "date", "states", "what", "note"]
            title = "MIDs and curated events that do not meet"
        else:
            rows = mids.listing(store, "incident" if incidents else "dispute")
            cols = ["id", "start", "end", "side_a", "side_b", "action", "fatalities", "events"]
            title = "DPRK militarised " + ("incidents" if incidents else "disputes") + " (COW)"
    if fmt == "table":
        for r in rows:
            for k in ("side_a", "side_b", "events"):
                if isinstance(r.get(k), list):
                    r[k] = " ".join(r[k])
    emit(rows, fmt, cols, title)
