"""Ingest: one transaction, idempotent by file hash, bad items quarantined."""

import duckdb
import pytest

from nkwatch.media import MediaError, ingest

from .conftest import KCNA, NEW_YEAR


def _count(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def test_new_year_ingest_is_idempotent(tmp_path):
    db = tmp_path / "s.duckdb"
    first = ingest(db, "new-year", [NEW_YEAR])
    assert sum(r["new"] for r in first) == 3 and sum(r["rejects"] for r in first) == 1
    assert _count(db, "SELECT count(*) FROM md_documents") == 3
    assert _count(db, "SELECT count(*) FROM md_rejects") == 1
    tokens = _count(db, "SELECT count(*) FROM md_tokens")
    again = ingest(db, "new-year", [NEW_YEAR])
    assert all(r["skipped"] for r in again)
    assert _count(db, "SELECT count(*) FROM md_documents") == 3
    assert _count(db, "SELECT count(*) FROM md_tokens") == tokens
    assert _count(db, "SELECT count(*) FROM md_rejects") == 1


def test_kcna_the_same_article_in_many_files_is_one_text(tmp_path):
    db = tmp_path / "s.duckdb"
    ingest(db, "kcna", [KCNA / "headlines_2024-11-11.json"])
    assert _count(db, "SELECT count(*) FROM md_documents") == 3  # a duplicate link, a reject
    short = _count(db, "SELECT length(text) FROM md_documents WHERE url LIKE '%aaa1%'")
    report = ingest(db, "kcna", [KCNA / "headlines_2024-10-02.json", KCNA / "article.html"])
    assert [r["new"] for r in report] == [2, 1]  # a longer story replaces; one new article
    assert _count(db, "SELECT count(*) FROM md_documents") == 5
    longer = _count(db, "SELECT length(text) FROM md_documents WHERE url LIKE '%aaa1%'")
    assert longer > short
    assert (
        _count(
            db,
            "SELECT count(DISTINCT doc_id) FROM md_tokens t JOIN md_documents d ON d.id = t.doc_id "
            "WHERE d.url LIKE '%aaa1%'",
        )
        == 1
    )


def test_a_bad_file_changes_nothing(tmp_path):
    db = tmp_path / "s.duckdb"
    ingest(db, "kcna", [KCNA / "headlines_2024-11-11.json"])
    before = _count(db, "SELECT count(*) FROM md_documents")
    with pytest.raises(MediaError, match="links_"):
        ingest(db, "kcna", [KCNA / "headlines_2024-10-02.json", KCNA / "links_2024-10-02.json"])
    assert _count(db, "SELECT count(*) FROM md_documents") == before
    assert _count(db, "SELECT count(*) FROM md_files") == 1


def test_a_failure_while_writing_rolls_back(tmp_path, monkeypatch):
    from nkwatch.media import store as media_store

    db = tmp_path / "s.duckdb"
    ingest(db, "kcna", [KCNA / "headlines_2024-11-11.json"])

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(media_store, "write_file", broken)
    with pytest.raises(RuntimeError):
        ingest(db, "new-year", [NEW_YEAR])
    assert _count(db, "SELECT count(*) FROM md_documents WHERE source = 'new-year'") == 0


def test_errors_name_the_fix(tmp_path):
    with pytest.raises(MediaError, match="check the path"):
        ingest(tmp_path / "s.duckdb", "new-year", [tmp_path / "missing"])
    with pytest.raises(MediaError, match="use new-year or kcna"):
        ingest(tmp_path / "s.duckdb", "speeches", [NEW_YEAR])
    assert not (tmp_path / "s.duckdb").exists()
