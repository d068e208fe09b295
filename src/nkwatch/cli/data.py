"""Commands for event data: ``nkwatch ingest``, ``nkwatch dyads``, ``nkwatch cycles``.

Each command is a thin layer over
:mod:`nkwatch.sources.ingest` and :mod:`nkwatch.analytics`, with the usual output options.
"""

from __future__ import annotations

import datetime as dt
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

SERIES_COLUMNS = [
    "period", "events", "events_out", "events_in", "cooperation", "conflict",
    "goldstein_mean", "goldstein_sum", "total_events", "share",
]  # fmt: skip


def _day(text: str | None, name: str) -> dt.date:
    if not text:
        raise QueryError(f"--download needs --{name} YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise QueryError(f"--{name} {text!r} is not a date YYYY-MM-DD") from None


def _download(
    version: str, date_from: str | None, date_to: str | None, dest: Path, list_url: str | None
) -> list[Path]:
    from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn

    from nkwatch.sources import gdelt_download

    remotes = gdelt_download.plan(_day(date_from, "from"), _day(date_to, "to"), version, list_url)
    total = sum(r.size or 0 for r in remotes) or None
    paths = []
    with Progress(
        "[progress.description]{task.description}", BarColumn(), DownloadColumn(),
        TransferSpeedColumn(), transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task(f"GDELT {len(remotes)} file(s)", total=total)
        for r in remotes:
            paths.append(gdelt_download.fetch(r, dest, lambda n: bar.advance(task, n)))
    return paths


@app.command("ingest")
@friendly_errors
def ingest_cmd(
    source: Annotated[
        str,
        typer.Argument(
            help="gdelt, icews, cns-missiles, csis-provocations, un-sanctions, ofac-sdn, ftm, "
            "unvotes, cow, new-year (a folder of YYYY.txt) or kcna (JSON or saved article "
            "pages)"
        ),
    ],
    paths: Annotated[list[Path] | None, typer.Argument(help="Files to ingest.")] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="gdelt1, gdelt2, icews-tab, icews-triples, csis-json ... (default: detected)",
        ),
    ] = None,
    download: Annotated[
        bool,
        typer.Option(metavar="", help="GDELT: fetch the files of --from..--to first (resumable)."),
    ] = False,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    dest: Annotated[Path | None, typer.Option(help="Where downloads go.")] = None,
    list_url: Annotated[
        str | None, typer.Option("--list", help="GDELT file list URL (default: GDELT's own).")
    ] = None,
    lines: Annotated[
        bool,
        typer.Option(
            "--lines/--no-lines",
            metavar="",
            help="GDELT: number every row's line. Free for 2.0 exports (their ids run in "
            "order); --no-lines saves a numbering pass on other files (the GLOBALEVENTID "
            "locates a row; rejects keep their lines).",
        ),
    ] = True,
    list_date: Annotated[
        str | None,
        typer.Option("--list-date", help="Date of a list copy that carries none (OFAC CSV)."),
    ] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    as_nl: NlOpt = False,
) -> None:
    """Ingest event data (gdelt, icews, cns-missiles, csis-provocations) or sanctions lists
    (un-sanctions, ofac-sdn, ftm) into the store, in one transaction."""
    from rich.progress import Progress

    from nkwatch.sources.ingest import ingest

    fmt = output_format(as_json, as_csv, as_nl)
    files = list(paths or [])
    from nkwatch.lists import LIST_SOURCES

    if source in LIST_SOURCES:  # sanctions lists: nkwatch.lists reads and stores them
        _ingest_list(source, files, list_date, db, fmt)
        return
    from .votes import DATASET_SOURCES, ingest_dataset_cmd

    if source in DATASET_SOURCES:  # UN votes, Correlates of War: nkwatch.sources.datasets
        ingest_dataset_cmd(source, files, format, db, fmt)
        return
    if source in ("new-year", "kcna"):  # the DPRK's own texts: nkwatch.media
        from .media import ingest_texts

        ingest_texts(source, files, db, fmt)
        return
    if download:
        if source != "gdelt":
            raise QueryError("--download is for gdelt only")
        version = format if format in ("gdelt1", "gdelt2") else "gdelt2"
        target = dest or default_db_path().parent / "downloads" / version
        files += _download(version, date_from, date_to, target, list_url)
    if not files:
        raise QueryError("give the files to ingest, e.g. 'nkwatch ingest gdelt FILE.export.CSV'")
    path = Path(db) if db else default_db_path()
    with Progress(transient=True) as bar:
        task = bar.add_task("ingesting", total=len(files))
        results = ingest(
            path, source, files, fmt=format, lines=lines,
            on_file=lambda p, i, n: bar.update(task, completed=i, description=p.name),
        )  # fmt: skip
    rows = [r.as_dict() for r in results]
    emit(rows, fmt, ["path", "format", "rows", "rejects", "duplicates", "skipped"], "Ingested")
    rejected = sum(r.rejects for r in results)
    if fmt == "table" and rejected:
        typer.echo(
            f"{rejected} row(s) quarantined in ev_rejects (file, line, error, raw text): "
            f'see them with duckdb {path} "SELECT * FROM ev_rejects"',
            err=True,
        )


def _ingest_list(
    source: str, files: list[Path], list_date: str | None, db: Path | None, fmt: Any
) -> None:
    from nkwatch.lists import ingest as ingest_list

    if not files:
        raise QueryError(f"give the files to ingest, e.g. 'nkwatch ingest {source} FILE'")
    report = ingest_list(Path(db) if db else default_db_path(), source, files, date=list_date)
    # dates as ISO text: JSON and newline-delimited JSON have no date type
    rows = [
        {
            **c,
            "files": "; ".join(c["files"]),
            "list_date": c["list_date"].isoformat() if c["list_date"] else None,
        }
        for c in report["copies"]
    ]
    emit(rows, fmt, ["files", "list_date", "entries", "dprk", "skipped"], "Ingested")


@app.command("dyads")
@friendly_errors
def dyads_cmd(
    partner: Annotated[str, typer.Option(help="The partner state, ISO 3166 alpha-3 (USA).")],
    freq: Annotated[str, typer.Option(help="year, month or week")] = "month",
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            help="Only these sources (repeatable): gdelt, icews, cns-missiles, "
            "csis-provocations, or curated (the curated record's events). Default: every "
            "ingested source.",
        ),
    ] = None,
    changes: Annotated[
        bool,
        typer.Option("--changes", metavar="", help="Show the change points of the series instead."),
    ] = False,
    column: Annotated[str, typer.Option(help="The series --changes looks at.")] = "share",
    penalty: Annotated[float | None, typer.Option(help="ruptures penalty (--changes).")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    as_nl: NlOpt = False,
) -> None:
    """Cooperation and conflict between the DPRK and a partner, per period."""
    from nkwatch.analytics.changes import change_points, nearest_events
    from nkwatch.analytics.dyads import dyads

    fmt = output_format(as_json, as_csv, as_nl)
    with reader(db) as store:
        rows = dyads(store, partner, freq, date_from=date_from, date_to=date_to, sources=source)
        if changes:
            found = nearest_events(
                store, change_points(rows, column, penalty=penalty), partner.upper()
            )
            emit(found, fmt, ["period", "column", "before", "after", "nearest"], "Changes")
            return
    emit(rows, fmt, SERIES_COLUMNS, f"PRK–{partner.upper()} by {freq}")


@app.command("cycles")
@friendly_errors
def cycles_cmd(
    view: Annotated[str, typer.Option(help="lags, summary or leaders")] = "lags",
    months: Annotated[int, typer.Option(help="Talks within this many months.")] = 6,
    window: Annotated[int, typer.Option(help="A resolution counts within this many months.")] = 12,
    responses: Annotated[
        str, typer.Option(help="sanctions (no mandate renewals) or all resolutions")
    ] = "sanctions",
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    as_nl: NlOpt = False,
) -> None:
    """Provocation → Security Council resolution → talks: lags, shares, tests per leader."""
    from nkwatch.analytics.cycles import cycles

    fmt = output_format(as_json, as_csv, as_nl)
    if view not in ("lags", "summary", "leaders"):
        raise QueryError(f"unknown view {view!r}: use lags, summary or leaders")
    with reader(db) as store:
        found = cycles(store, months=months, window_months=window, responses=responses)
    columns = {
        "lags": ["date", "kind", "resolution", "lag_days", "next_talks", "talks_lag_days"],
        "summary": list(found["summary"][0]) if found["summary"] else ["kind"],
        "leaders": ["leader", "years_covered", "tests", "nuclear_tests", "tests_per_year"],
    }[view]
    emit(found[view], fmt, columns, f"Cycles: {view}")
    if fmt == "table" and view == "lags":
        emit(found["summary"], "table", columns_summary(found), "Summary")


def columns_summary(found: dict[str, list[dict[str, Any]]]) -> list[str]:
    return list(found["summary"][0]) if found["summary"] else ["kind"]
