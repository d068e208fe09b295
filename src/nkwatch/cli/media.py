"""Commands for the DPRK's own texts: ``nkwatch media ...``; ``nkwatch ingest new-year|kcna``
goes through :func:`ingest_texts`.

Each command is a thin layer over :mod:`nkwatch.media.query`, with the usual output options.
"""

# no "from __future__ import annotations": Typer reads the annotations of the commands

from pathlib import Path
from typing import Annotated, Any

import typer

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

media_app = typer.Typer(
    help="What Pyongyang says: the New Year addresses and KCNA, read as data.",
    no_args_is_help=True,
)

Source = Annotated[str, typer.Option("--source", help="new-year (Korean) or kcna (English).")]
Freq = Annotated[str, typer.Option("--freq", help="year or month")]


def _run(fn: Any) -> Any:
    return friendly_errors(fn)


def _out(rows: list[dict[str, Any]], flags: tuple[bool, bool, bool], cols: list[str], title: str):
    emit(rows, output_format(*flags), cols, title)


def _store(db: Path | None) -> Any:
    return reader(db)


def ingest_texts(source: str, files: list[Path], db: Path | None, fmt: Any) -> None:
    """``nkwatch ingest new-year DIR`` / ``nkwatch ingest kcna FILE...`` (from cli.data)."""
    from rich.progress import Progress

    from nkwatch.media import ingest
    from nkwatch.store import default_db_path

    path = Path(db) if db else default_db_path()
    with Progress(transient=True) as bar:
        task = bar.add_task("analysing", total=None)

        def step(name: str, i: int, n: int) -> None:
            bar.update(task, completed=i, total=n, description=f"analysing {name}")

        report = ingest(path, source, files, on_item=step)
    emit(report, fmt, ["path", "items", "new", "rejects", "skipped"], "Ingested")
    rejected = sum(r["rejects"] for r in report)
    if fmt == "table" and rejected:
        typer.echo(
            f"{rejected} item(s) quarantined in md_rejects (file, item, reason, raw): "
            f'see them with duckdb {path} "SELECT * FROM md_rejects"',
            err=True,
        )


@media_app.command("texts")
def texts_cmd(
    source: Annotated[str | None, typer.Option("--source", help="new-year or kcna")] = None,
    kind: Annotated[str | None, typer.Option(help="address, joint-editorial, news ...")] = None,
    db: DbOpt = None, as_json: JsonOpt = False, as_csv: CsvOpt = False, as_nl: NlOpt = False,
) -> None:  # fmt: skip
    """The texts in the store: date, kind, title, source URL, words."""

    def go() -> None:
        from nkwatch.media import query

        with _store(db) as store:
            rows = query.texts(store, source, kind) if source or kind else query.summary(store)
        cols = ["source", "texts", "with_text", "words", "first", "last", "rejects"]
        if source or kind:
            cols = ["id", "date", "kind", "title", "words", "url"]
        _out(rows, (as_json, as_csv, as_nl), cols, "Texts")

    _run(go)()


@media_app.command("concepts")
def concepts_cmd(
    kind: Annotated[str | None, typer.Option(help="state, bloc or theme")] = None,
    as_json: JsonOpt = False, as_csv: CsvOpt = False, as_nl: NlOpt = False,
) -> None:  # fmt: skip
    """The concept dictionary: each concept's terms in Korean and English, actor, topics."""

    def go() -> None:
        from nkwatch.media import query

        rows = query.concepts(kind)
        _out(rows, (as_json, as_csv, as_nl), ["id", "kind", "actor", "label", "ko", "en"],
             "Concepts")  # fmt: skip

    _run(go)()


@media_app.command("terms")
def terms_cmd(
    terms: Annotated[list[str], typer.Argument(help="Concept ids (usa, nuclear) or words.")],
    source: Source = "new-year", freq: Freq = "year", date_from: FromOpt = None,
    date_to: ToOpt = None, db: DbOpt = None, as_json: JsonOpt = False, as_csv: CsvOpt = False,
    as_nl: NlOpt = False,
) -> None:  # fmt: skip
    """How often each term is used per period: count and per 10,000 words."""

    def go() -> None:
        from nkwatch.media import query

        with _store(db) as store:
            rows = query.terms(store, terms, source, freq, date_from, date_to)
        _out(rows, (as_json, as_csv, as_nl), ["period", "term", "count", "words", "per_10k"],
             f"Terms in {source} by {freq}")  # fmt: skip

    _run(go)()


@media_app.command("mentions")
def mentions_cmd(
    source: Source = "kcna", freq: Freq = "month",
    concept: Annotated[list[str] | None, typer.Option(
        "--concept", help="Only these concepts (repeatable; default: every state).")] = None,
    date_from: FromOpt = None, date_to: ToOpt = None, db: DbOpt = None,
    as_json: JsonOpt = False, as_csv: CsvOpt = False, as_nl: NlOpt = False,
) -> None:  # fmt: skip
    """Which states the texts speak of, how much, and with what tone, per period."""

    def go() -> None:
        from nkwatch.media import query

        with _store(db) as store:
            rows = query.mentions(store, source, freq, concept, date_from, date_to)
        cols = ["period", "concept", "actor", "mentions", "docs", "per_10k", "hostile",
                "neutral", "friendly", "tone"]  # fmt: skip
        _out(rows, (as_json, as_csv, as_nl), cols, f"Mentions in {source} by {freq}")

    _run(go)()


@media_app.command("keyness")
def keyness_cmd(
    a: Annotated[str, typer.Option("--a", help="First period: FROM..TO or one (1946..1994).")],
    b: Annotated[str, typer.Option("--b", help="Second period (1995..2019).")],
    source: Source = "new-year",
    top: Annotated[int, typer.Option(help="Words rising in each period.")] = 20,
    prior: Annotated[float, typer.Option(help="Pseudo-counts of the Dirichlet prior.")] = 1000.0,
    db: DbOpt = None, as_json: JsonOpt = False, as_csv: CsvOpt = False, as_nl: NlOpt = False,
) -> None:  # fmt: skip
    """The words that rise and fall most between two periods (Monroe et al. 2008 log-odds
    with an informative Dirichlet prior)."""

    def go() -> None:
        from nkwatch.media import query

        with _store(db) as store:
            rows = query.keyness(store, source, a, b, top, prior)
        cols = ["rises_in", "word", "count_a", "count_b", "per_10k_a", "per_10k_b", "z"]
        _out(rows, (as_json, as_csv, as_nl), cols, f"{a} (a) against {b} (b)")

    _run(go)()


@media_app.command("passages")
def passages_cmd(
    concept: Annotated[str, typer.Argument(help="A concept id or a word.")],
    source: Source = "new-year", date_from: FromOpt = None, date_to: ToOpt = None,
    limit: Annotated[int, typer.Option(help="At most this many (one per text).")] = 20,
    width: Annotated[int, typer.Option(help="Characters around the mention.")] = 160,
    db: DbOpt = None, as_json: JsonOpt = False, as_csv: CsvOpt = False, as_nl: NlOpt = False,
) -> None:  # fmt: skip
    """Key passages: the sentence carrying the concept in each text, newest first."""

    def go() -> None:
        from nkwatch.media import query

        with _store(db) as store:
            rows = query.passages(store, concept, source, date_from, date_to, limit, width)
        cols = ["date", "kind", "term", "tone", "passage"]
        if source == "new-year":
            cols.append("romanized")
        _out(rows, (as_json, as_csv, as_nl), [*cols, "url"], f"{concept} in {source}")

    _run(go)()


@media_app.command("versus")
def versus_cmd(
    partner: Annotated[str, typer.Option(help="The state, ISO 3166 alpha-3 (USA, RUS).")],
    source: Source = "kcna", freq: Freq = "month", date_from: FromOpt = None,
    date_to: ToOpt = None, db: DbOpt = None, as_json: JsonOpt = False, as_csv: CsvOpt = False,
    as_nl: NlOpt = False,
) -> None:  # fmt: skip
    """Mentions of a state and their tone per period, beside the curated events with it."""

    def go() -> None:
        from nkwatch.media import query

        with _store(db) as store:
            rows = query.versus(store, partner, source, freq, date_from, date_to)
        cols = ["period", "mentions", "per_10k", "hostile", "friendly", "tone", "events",
                "event_titles"]  # fmt: skip
        _out(rows, (as_json, as_csv, as_nl), cols, f"{partner.upper()} in {source} by {freq}")

    _run(go)()


app.add_typer(media_app, name="media")
