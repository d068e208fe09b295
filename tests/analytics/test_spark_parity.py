"""One Ibis pipeline, two engines: a dyad series on DuckDB and on Spark (local mode) is the
same. Runs where the spark extra (pyspark 4.0) and Java are installed."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from nkwatch.analytics import ibis_backend, reports_table
from nkwatch.analytics import spark as nks
from nkwatch.analytics.dyads import dyad_series
from nkwatch.sources.ingest import ingest
from nkwatch.store import Store

from ..conftest import FIXTURE_KB, shared_data_dir

pytest.importorskip("pyspark", reason="the Spark parity test needs: pip install 'nkwatch[spark]'")
if shutil.which("java") is None:  # pragma: no cover
    pytest.skip("the Spark parity test needs Java 17 (apt-get install openjdk-17-jre-headless)",
                allow_module_level=True)  # fmt: skip


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    spark = nks.local_session(tmp_path_factory.mktemp("spark"))
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()


def _frame(expr) -> pd.DataFrame:
    df = expr.to_pandas()
    df["period"] = pd.to_datetime(df["period"]).dt.strftime("%Y-%m-%d")
    return df.reset_index(drop=True)


@pytest.mark.parametrize("freq", ["month", "week"])
def test_dyad_series_is_the_same_on_duckdb_and_spark(event_db, session, tmp_path, freq):
    real = shared_data_dir() / "icews18-tkg" / "test.txt"
    if real.exists():  # more rows when the real data is there; the fixtures otherwise
        ingest(event_db, "icews", [real])
    with Store.open(event_db, kb_dir=FIXTURE_KB) as store:
        on_duckdb = _frame(dyad_series(reports_table(ibis_backend(store)), "USA", freq))
        parquet = nks.export_reports(store, tmp_path / f"reports-{freq}.parquet")
    on_spark = _frame(dyad_series(nks.spark_reports(session, parquet), "USA", freq))
    assert len(on_duckdb) >= 4 and on_duckdb["events"].sum() > 0
    pd.testing.assert_frame_equal(on_spark, on_duckdb, check_dtype=False)


def _sorted(expr, keys) -> pd.DataFrame:
    df = expr.to_pandas().sort_values(keys).reset_index(drop=True)
    return df.astype({k: "int64" for k in ("year", "votes") if k in df})


def test_un_alignment_is_the_same_on_duckdb_and_spark(db_path, session, tmp_path):
    """Dyad-years (the bit-set expression), the DPRK's agreement per partner and year and its
    agreement with the median member: real UN votes of 1991 where they are present,
    the fixture votes otherwise."""
    import datetime as dt

    from nkwatch.analytics.alignment import (
        dyad_years,
        focal_alignment,
        median_alignment,
        votes_table,
    )
    from nkwatch.build import build
    from nkwatch.sources.datasets import ingest_dataset

    from ..votes.conftest import VOTES

    real = shared_data_dir() / "unvotes"
    build(db_path, FIXTURE_KB)
    ingest_dataset(db_path, "unvotes", [real if (real / "un_votes.csv.gz").exists() else
                                        VOTES / "unvotes"])  # fmt: skip
    span = {"date_from": dt.date(1991, 1, 1), "date_to": dt.date(1991, 12, 31)}
    if not real.exists():
        span = {}
    exprs = (
        (dyad_years, ["year", "country_a", "country_b"]),
        (lambda v: focal_alignment(v, by_year=True), ["country", "year"]),
        (median_alignment, ["year"]),
    )
    with Store.open(db_path, kb_dir=FIXTURE_KB) as store:
        on_duckdb = votes_table(ibis_backend(store), **span)
        expected = [_sorted(make(on_duckdb), keys) for make, keys in exprs]
        folder = nks.export_votes(store, tmp_path / "votes")
    on_spark = votes_table(nks.spark_votes(session, folder), **span)
    for (make, keys), a in zip(exprs, expected, strict=True):
        b = _sorted(make(on_spark), keys)
        assert len(a) > 0
        pd.testing.assert_frame_equal(b[a.columns], a, check_dtype=False, atol=1e-12)
