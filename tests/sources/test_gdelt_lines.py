"""Line numbers of GDELT rows: the consecutive-id check (the fast path) against a plain
Python reading of the same bytes, and ingest giving the same lines on both paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkwatch.sources import gdelt
from nkwatch.sources.ingest import ingest

from .conftest import rows


def oracle(data: bytes) -> int | None:
    """What consecutive_ids must answer, read the slow and obvious way."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # the newline that ends the last line
    if not lines:
        return None
    first = lines[0].split(b"\t", 1)[0]
    if not first.isdigit() or first.startswith(b"0") or len(first) > 18:
        return None
    for i, line in enumerate(lines):
        if not line.startswith(f"{int(first) + i}\t".encode()):
            return None
    return int(first)


@pytest.fixture(params=[3, 7, 1 << 22], ids=["chunk3", "chunk7", "chunk4M"])
def chunk(request, monkeypatch):
    """Small chunks put line ends and ids across chunk borders."""
    monkeypatch.setattr(gdelt, "_CHUNK", request.param)
    return request.param


def check(tmp_path: Path, data: bytes) -> int | None:
    path = tmp_path / "f.export.CSV"
    path.write_bytes(data)
    return gdelt.consecutive_ids(path)


@pytest.mark.parametrize(
    "data, first",
    [
        (b"7\ta\n8\tb\n9\tc\n", 7),
        (b"98\ta\n99\tb\n100\tc\n101\td", 98),  # widths change; no newline at the end
        (b"5\ta\r\n6\tb\r\n", 5),  # CRLF
        (b"5\ta\n7\tb\n", None),  # a gap
        (b"6\ta\n5\tb\n", None),  # out of order
        (b"5\ta\n\n6\tb\n", None),  # an empty line
        (b"05\ta\n06\tb\n", None),  # leading zeros: DuckDB would read 5, not the text
        (b"5\ta\n6\n", None),  # no tab after the id
        (b"5\ta\n60\tb\n", None),  # 6 followed by 0 is not 6
        (b"x\ta\n", None),
        (b"", None),
    ],
)
def test_consecutive_ids(tmp_path, chunk, data, first):
    assert oracle(data) == first
    assert check(tmp_path, data) == first


@settings(max_examples=150, deadline=None)
@given(
    start=st.integers(1, 10**12),
    steps=st.lists(st.sampled_from([1, 1, 1, 1, 0, 2, -1]), max_size=30),
    tail=st.sampled_from([b"\n", b"", b"\r\n", b"\n\n"]),
    size=st.sampled_from([5, 11, 1 << 22]),
)
def test_consecutive_ids_agrees_with_a_plain_reading(tmp_path_factory, start, steps, tail, size):
    ids = [start]
    for step in steps:
        ids.append(ids[-1] + step)
    data = b"\n".join(f"{i}\tx\t{i % 7}".encode() for i in ids) + tail
    old = gdelt._CHUNK
    gdelt._CHUNK = size
    try:
        got = check(tmp_path_factory.mktemp("c"), data)
    finally:
        gdelt._CHUNK = old
    assert got == oracle(data)


def test_both_paths_give_the_same_lines(events_dir, tmp_path):
    """The same rows with consecutive ids (the fast path) and shuffled (the numbering pass and
    join): every row keeps the line it is on, and rejects keep theirs."""
    src = (events_dir / "gdelt2-bad.export.CSV").read_text().splitlines(keepends=True)
    shuffled = tmp_path / "shuffled.export.CSV"
    shuffled.write_text("".join([src[4], src[1], src[2], src[3], src[0]]))
    assert gdelt.consecutive_ids(events_dir / "gdelt2-bad.export.CSV") == 900000101
    assert gdelt.consecutive_ids(shuffled) is None
    ingest(tmp_path / "a.duckdb", "gdelt", [events_dir / "gdelt2-bad.export.CSV"])
    ingest(tmp_path / "b.duckdb", "gdelt", [shuffled])
    a = rows(tmp_path / "a.duckdb", "SELECT id, line FROM ev_reports ORDER BY id")
    b = rows(tmp_path / "b.duckdb", "SELECT id, line FROM ev_reports ORDER BY id")
    assert a == [("gdelt2:900000101", 1), ("gdelt2:900000105", 5)]
    assert b == [("gdelt2:900000101", 5), ("gdelt2:900000105", 1)]
    ra = rows(tmp_path / "a.duckdb", "SELECT line, left(raw, 9) FROM ev_rejects ORDER BY line")
    rb = rows(tmp_path / "b.duckdb", "SELECT line, left(raw, 9) FROM ev_rejects ORDER BY line")
    assert [r[0] for r in ra] == [2, 3, 4] and [r[0] for r in rb] == [2, 3, 4]
    assert ra == rb
