"""The Typer application every command module adds its commands to (``nkwatch --version``)."""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(
    help="nkwatch: an observatory of North Korea's (the DPRK's) foreign relations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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
