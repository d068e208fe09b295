"""``python -m nkwatch``: the command line."""

from nkwatch.cli import app

if __name__ == "__main__":
    app(prog_name="nkwatch")
