"""Run the analytics on Spark: the same Ibis expressions, another engine.

The store's ``ev_reports`` goes to Parquet (:func:`export_reports`); Spark reads Parquet,
locally or on a cluster, and :func:`spark_reports` gives the Ibis table the analytics take::

    from nkwatch.analytics import spark as nks
    nks.export_reports(store, "/data/ev_reports.parquet")       # or GDELT Parquet of your own
    session = nks.local_session("/tmp/spark")                     # or SparkSession on a cluster
    reports = nks.spark_reports(session, "/data/ev_reports.parquet")
    dyad_series(reports, "USA", "month").to_pandas()

Needs the ``spark`` extra (``pyspark>=4.0,<4.1``, Java 17).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from nkwatch.errors import need
from nkwatch.sources.base import COMMON_COLUMNS
from nkwatch.store import Store


def export_reports(store: Store, path: Path | str, where: str = "TRUE") -> Path:
    """Write the common columns of ``ev_reports`` (rows matching ``where``) to Parquet."""
    out = Path(path)
    cols = ", ".join(f'"{c}"' for c in COMMON_COLUMNS)
    target = "'" + str(out).replace("'", "''") + "'"
    store.con.execute(
        f"COPY (SELECT {cols} FROM ev_reports WHERE {where}) TO {target} (FORMAT parquet)"
    )
    return out


def local_session(tmp_dir: Path | str, cores: int = 2) -> Any:
    """A local Spark session with the settings that work here (STACK.md)."""
    need("pyspark", "Spark")
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    return (
        SparkSession.builder.master(f"local[{cores}]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", str(cores))
        .config("spark.sql.warehouse.dir", str(tmp_dir))
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )


def spark_reports(session: Any, parquet: Path | str, name: str = "ev_reports") -> Any:
    """The Ibis table over Parquet files of ev_reports, on Spark."""
    import ibis

    session.read.parquet(str(parquet)).createOrReplaceTempView(name)
    return ibis.pyspark.connect(session).table(name)


VOTE_TABLES = ("uv_votes", "uv_roll_calls", "uv_issues")


def export_votes(store: Store, folder: Path | str) -> Path:
    """Write the UN vote tables (``uv_votes``, ``uv_roll_calls``, ``uv_issues``) to Parquet
    files in ``folder``, one per table."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    have = {r[0] for r in store.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    for table in VOTE_TABLES:
        if table in have:
            target = "'" + str(out / f"{table}.parquet").replace("'", "''") + "'"
            store.con.execute(f"COPY {table} TO {target} (FORMAT parquet)")
    return out


def spark_votes(session: Any, folder: Path | str) -> Any:
    """An Ibis Spark backend whose ``uv_*`` tables are the Parquet files of
    :func:`export_votes`: ``votes_table(backend)`` and the alignment expressions run on it."""
    import ibis

    for table in VOTE_TABLES:
        path = Path(folder) / f"{table}.parquet"
        if path.exists():
            session.read.parquet(str(path)).createOrReplaceTempView(table)
    return ibis.pyspark.connect(session)
