"""The real texts (../shared/data): all 73 New Year texts and the KCNA archive, read in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from nkwatch.media import ingest, query
from nkwatch.media.cache import corpus
from nkwatch.media.evaluate import read_labels, tone_agreement

from ..conftest import shared_file

pytestmark = pytest.mark.shared_data
LABELS = Path(__file__).resolve().parents[2] / "benchmarks" / "media" / "tone_labels.csv"


@pytest.fixture(scope="module")
def real_store(tmp_path_factory):
    from nkwatch.build import build
    from nkwatch.store import Store

    new_year = shared_file("nk-new-year-addresses")
    kcna = shared_file("kcna-news-archive", "headlines_2024-11-11.json")
    path = tmp_path_factory.mktemp("media-real") / "store.duckdb"
    build(path)
    ny = ingest(path, "new-year", [new_year])
    kc = ingest(path, "kcna", [kcna])
    store = Store.reader(path)
    yield store, ny, kc
    store.close()


def test_every_text_goes_in(real_store):
    store, ny, kc = real_store
    assert len(ny) == 73 and sum(r["new"] for r in ny) == 73
    assert sum(r["rejects"] for r in ny) == 0
    assert kc[0]["items"] == 2111 and kc[0]["rejects"] == 0
    summary = {s["source"]: s for s in query.summary(store)}
    assert (
        summary["new-year"]["first"] == "1946-01-01" and summary["new-year"]["last"] == "2019-01-01"
    )
    # 2,111 items, 33 of them repeats of a link; 1,862 items have a story (some repeated)
    assert summary["kcna"]["texts"] == 2078 and summary["kcna"]["with_text"] >= 1800
    kinds = {t["kind"] for t in query.texts(store, "new-year")}
    assert {"address", "joint-editorial", "editorial", "speech"} <= kinds
    years = {t["date"][:4]: t["kind"] for t in query.texts(store, "new-year")}
    assert years["2000"] == "joint-editorial" and years["2019"] == "address"


def test_real_measures(real_store):
    store, _, _ = real_store
    rows = query.terms(store, ["usa"], "new-year")
    top = max(rows, key=lambda r: r["per_10k"])
    assert top["period"] in {"1951", "1952"}  # the Korean War years
    m = query.mentions(store, "kcna", "month", date_from="2024-10", date_to="2024-10")
    assert m[0]["concept"] in {"south-korea", "usa"}


def test_tone_agreement_on_the_labelled_sample(real_store):
    store, _, _ = real_store
    c = corpus(store.con, "kcna", store.path)
    result = tone_agreement(c, read_labels(LABELS))
    assert result["missing"] == 0 and result["mentions"] == 200
    assert result["agreement"] >= 0.6 and result["kappa"] >= 0.3
