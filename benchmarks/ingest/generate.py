"""Generate GDELT 2.0 export files of any size from the shape of the real ones.

The real 15-minute files in ``shared/data/gdelt-v2-events`` (5,280 rows) are the template:
every generated row is a real row with a new GLOBALEVENTID and its dates shifted by a
pseudo-random number of days over 2015-2024 (SQLDATE, MonthYear, Year, FractionDate and
DATEADDED stay consistent), so the columns, types, empty fields and value distributions are
GDELT's own. DuckDB writes the file (tab-separated, no header, no quoting), so 10 M rows take
seconds, not minutes. Write under /tmp, never into the repository (the folder is made if
it is missing)::

    python benchmarks/ingest/generate.py --rows 1000000 --out /tmp/nkbench/gdelt-1m.export.CSV

The templates are read from ``$NKWATCH_SHARED_DATA/gdelt-v2-events`` (default
``../shared/data`` beside the repository).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from shared_data import require, shared_data_dir

TEMPLATES = "gdelt-v2-events"


def template_dir() -> Path:
    return shared_data_dir() / TEMPLATES


def template_files() -> list[Path]:
    """The real GDELT 2.0 export files; exits with a clear message where they are absent."""
    require(f"{TEMPLATES}/*.export.CSV")
    return sorted(template_dir().glob("*.export.CSV"))


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def generate(rows: int, out: Path, seed: int = 1) -> float:
    """Write ``rows`` GDELT 2.0 rows to ``out``; returns the seconds it took."""
    files = [str(p) for p in template_files()]
    out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE tpl AS SELECT row_number() OVER () - 1 AS k, * FROM read_csv(?, "
        "delim='\t', header=false, quote='', escape='', all_varchar=true, auto_detect=false, "
        "columns={" + ", ".join(f"'c{i:02d}': 'VARCHAR'" for i in range(61)) + "})",
        [files],
    )
    n = con.execute("SELECT count(*) FROM tpl").fetchone()[0]  # type: ignore[index]
    shifted = "CAST('2015-01-01' AS DATE) + CAST(hash(i, ?) % 3650 AS INTEGER)"
    cols = [
        "CAST(1000000000 + i AS VARCHAR)",
        "strftime(d, '%Y%m%d')",
        "strftime(d, '%Y%m')",
        "strftime(d, '%Y')",
        "CAST(round(year(d) + (dayofyear(d) - 1) / 365.0, 4) AS VARCHAR)",
        *[f"c{i:02d}" for i in range(5, 59)],
        "strftime(d, '%Y%m%d') || substr(c59, 9)",
        "c60",
    ]
    con.execute(
        f"COPY (SELECT {', '.join(cols)} FROM (SELECT i, {shifted} AS d FROM range(?) r(i)) g "
        "JOIN tpl ON tpl.k = g.i % ?) TO " + _literal(out) + " (FORMAT csv, DELIMITER '\t', "
        "HEADER false, QUOTE '', ESCAPE '')",
        [seed, rows, n],
    )
    con.close()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    secs = generate(args.rows, args.out, args.seed)
    size = args.out.stat().st_size / 2**20
    print(f"{args.out}: {args.rows:,} rows, {size:,.0f} MiB in {secs:.1f} s")


if __name__ == "__main__":
    main()
