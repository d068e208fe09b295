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
