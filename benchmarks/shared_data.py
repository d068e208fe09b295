"""Where the benchmarks find the real public data sets: ``$NKWATCH_SHARED_DATA``, else
``../shared/data`` beside the repository (the same rule as ``tests/conftest.py``).

Scripts run by path put this folder on ``sys.path`` and ``import shared_data``; the screening
package imports it as ``benchmarks.shared_data``.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_data_dir() -> Path:
    """``$NKWATCH_SHARED_DATA``, else ``../shared/data`` beside the repository."""
    return Path(os.environ.get("NKWATCH_SHARED_DATA") or REPO.parent / "shared" / "data")


def require(*paths: str | Path, base: Path | None = None) -> Path:
    """The shared data folder (or ``base``), once every one of ``paths`` (relative to it, glob
    patterns allowed) is there; else exit with a message naming what is missing and how to
    point the benchmarks at the data."""
    base = base or shared_data_dir()
    missing = [str(p) for p in paths if not any(base.glob(str(p)))]
    if missing:
        raise SystemExit(
            f"shared data absent from {base}: {', '.join(missing)}\n"
            "set NKWATCH_SHARED_DATA to the folder holding the shared data sets "
            "(default: ../shared/data beside the repository)"
        )
    return base
