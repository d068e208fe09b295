"""Issue 10: every parser of public data, fed malformed, truncated, wrongly encoded,
oversized and adversarial input, ends in nkwatch's own error (IngestError, ListError:
QueryError subclasses whose messages name the fix), never a bare UnicodeDecodeError,
KeyError, IndexError or TypeError, within a time and memory bound, with the store's row
counts unchanged.

Two parts: hypothesis (random bytes, and mutations of our own fixture files: truncation,
inserted bytes and NULs, repeated and dropped lines, re-encoding as UTF-16 or Latin-1),
bounded by small ``max_examples``; and a corpus of hostile files generated here (zip bombs,
billion laughs, XXE, huge lines, deep JSON, repeated ids), run through the real ingest
into a store, each timed, and all together in a child process whose peak memory is read.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkwatch import lists
from nkwatch.errors import QueryError, StoreError
from nkwatch.sources import get as get_source
from nkwatch.sources.ingest import ingest

from ..conftest import REPO
from . import PEAK_KIB, hostile
from .hostile import FIXTURES

EVENTS = FIXTURES / "events"
LISTS = FIXTURES / "lists"
NKWATCH_ERRORS = (QueryError, StoreError)  # IngestError and ListError are QueryErrors

#: parser name -> (fixture file, the name the fuzzed file gets, how it is read)
PARSERS: dict[str, tuple[Path, str, str]] = {
    "gdelt2": (EVENTS / "gdelt2-small.export.CSV", "f.export.CSV", "gdelt"),
    "gdelt1": (EVENTS / "gdelt1-mixed.csv", "f.csv", "gdelt"),
    "icews-tab": (EVENTS / "icews-small.tab", "f.tab", "icews"),
    "icews-triples": (EVENTS / "icews-triples.txt", "f.txt", "icews"),
    "cns": (EVENTS / "cns-small.csv", "f.csv", "cns-missiles"),
    "csis-csv": (EVENTS / "csis-small.csv", "f.csv", "csis-provocations"),
    "csis-json": (EVENTS / "csis-small.json", "f.json", "csis-provocations"),
    "un-xml": (LISTS / "un-2022.xml", "f.xml", "un-sanctions"),
    "ofac-csv": (LISTS / "ofac" / "sdn.csv", "sdn.csv", "ofac-sdn"),
    "ofac-xml": (LISTS / "sdn.xml", "sdn.xml", "ofac-sdn"),
    "ftm": (LISTS / "entities.ftm.json", "f.ftm.json", "ftm"),
}
#: ``make test`` runs the same examples every time (a flaky test blocks every landing: random
#: draws once found an engine crash in one run of five); NKWATCH_FUZZ_RANDOM=1 and
#: NKWATCH_FUZZ_EXAMPLES=N explore new ones: run them before a release
FUZZ = settings(
    max_examples=int(os.environ.get("NKWATCH_FUZZ_EXAMPLES", "8")),
    derandomize=not os.environ.get("NKWATCH_FUZZ_RANDOM"),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def parse_only(source: str, path: Path) -> None:
    """Read a file as nkwatch does before it writes anything (no store)."""
    if source in lists.LIST_SOURCES:
        lists.parse(source, [path])
    elif source == "gdelt":
        raise AssertionError("GDELT is read by DuckDB: use the store")
    else:
        mod = get_source(source)
        list(mod.read(path, mod.detect(path)))


def counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}  # type: ignore[index]


def write_store(source: str, db: Path, path: Path) -> None:
    if source in lists.LIST_SOURCES:
        lists.ingest(db, source, [path])
    else:
        ingest(db, source, [path])


def attempt(read: Callable[[], object]) -> str:
    """ "ok" or "error" (an nkwatch error with a message); anything else fails the test."""
    try:
        read()
    except NKWATCH_ERRORS as exc:
        assert str(exc).strip(), "an error without a message"
        return "error"
    return "ok"


@pytest.fixture(scope="module")
def base_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding some event data and a list, copied for each write."""
    db = tmp_path_factory.mktemp("fuzz") / "base.duckdb"
    ingest(db, "gdelt", [hostile.write_gdelt2(db.parent / "b.export.CSV", 50, 600_000_001)])
    lists.ingest(db, "un-sanctions", [LISTS / "un-2023.xml"])
    return db


def in_store(base: Path, source: str, path: Path) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "s.duckdb"
        shutil.copy(base, db)
        before = counts(db)
        outcome = attempt(lambda: write_store(source, db, path))
        if outcome == "error":
            assert counts(db) == before, "a failed ingest changed the store"
        return outcome


# -- hypothesis ---------------------------------------------------------------------------


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    """A fixture file, damaged a few times over."""
    data = base
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(
            ["cut", "insert", "nul", "drop-line", "repeat-line", "utf16", "latin1", "delete",
             "quote", "tab"]))  # fmt: skip
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "cut":
            data = data[:at]
        elif op == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=40)) + data[at:]
        elif op == "nul":
            data = data[:at] + b"\x00" + data[at + 1 :]
        elif op == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 200)) :]
        elif op in ("drop-line", "repeat-line"):
            lines = data.splitlines(keepends=True) or [b""]
            i = draw(st.integers(0, len(lines) - 1))
            lines[i : i + 1] = [] if op == "drop-line" else [lines[i]] * draw(st.integers(2, 5))
            data = b"".join(lines)
        elif op == "utf16":
            data = data.decode("utf-8", "replace").encode(draw(st.sampled_from(
                ["utf-16", "utf-16-le", "utf-16-be"])))  # fmt: skip
        elif op == "latin1":
            data = data.decode("utf-8", "replace").encode("latin-1", "replace") + b"\xe9\xff"
        elif op == "quote":
            data = data[:at] + b'"' + data[at:]
        else:
            data = data[:at] + b"\t" + data[at:]
    return data


PY_PARSERS = [name for name, (_, _, src) in PARSERS.items() if src != "gdelt"]


@pytest.mark.parametrize("name", PY_PARSERS)
@FUZZ
@given(data=st.data())
def test_python_parsers_fuzzed(name: str, data: st.DataObject) -> None:
    fixture, filename, source = PARSERS[name]
    blob = data.draw(
        st.one_of(
            mutated(fixture.read_bytes()),
            st.binary(max_size=3000),
            st.text(max_size=500).map(lambda t: t.encode("utf-8")),
        )
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / filename
        path.write_bytes(blob)
        started = time.perf_counter()
        attempt(lambda: parse_only(source, path))
        assert time.perf_counter() - started < 10


@pytest.mark.parametrize("name", ["gdelt2", "gdelt1"])
@settings(FUZZ)
@given(data=st.data())
def test_gdelt_fuzzed_through_the_store(name: str, data: st.DataObject, base_store: Path) -> None:
    fixture, filename, source = PARSERS[name]
    blob = data.draw(st.one_of(mutated(fixture.read_bytes()), st.binary(max_size=3000)))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / filename
        path.write_bytes(blob)
        in_store(base_store, source, path)


@pytest.mark.parametrize("name", ["csis-json", "ftm"])
@settings(FUZZ)
@given(doc=st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "schema", "properties", "caption", "datasets", "date", "type",
                         "event", "description", "resources", "name", "entity"]),
        kids, max_size=6),
    max_leaves=20,
))  # fmt: skip
def test_json_readers_take_any_json(name: str, doc: object) -> None:
    """Any JSON value where an entity or a provocation belongs: right keys, wrong types."""
    _, filename, source = PARSERS[name]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / filename
        if name == "ftm":
            text = json.dumps(doc) + "\n"
            if isinstance(doc, dict):
                text += json.dumps({"id": "x", "schema": "Person", **doc}) + "\n"
        else:
            text = json.dumps([doc] if not isinstance(doc, list) else doc)
        path.write_text(text)
        attempt(lambda: parse_only(source, path))


@pytest.mark.parametrize("name", ["un-xml", "ofac-xml"])
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_xml_is_read_like_utf8(name: str, encoding: str, tmp_path: Path) -> None:
    fixture, filename, source = PARSERS[name]
    text = fixture.read_text().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = tmp_path / filename
    path.write_bytes(text.encode(encoding))
    [(_, _, wide)] = lists.parse(source, [path])
    [(_, _, utf8)] = lists.parse(source, [fixture])
    assert [(e.key, e.name) for e in wide] == [(e.key, e.name) for e in utf8]


# -- the hostile corpus -------------------------------------------------------------------


def _xml_wrap(name: str) -> tuple[str, str]:
    if name == "un-xml":
        return "CONSOLIDATED_LIST", (
            "<INDIVIDUALS><INDIVIDUAL><REFERENCE_NUMBER>KPi.1</REFERENCE_NUMBER>"
            "<FIRST_NAME>{}</FIRST_NAME></INDIVIDUAL></INDIVIDUALS>"
        )
    return "sdnList", "<sdnEntry><uid>1</uid><lastName>{}</lastName></sdnEntry>"


def corpus(tmp: Path) -> list[tuple[str, str, Path]]:
    """(case, source, file): hostile files every one of which must be refused."""
    out: list[tuple[str, str, Path]] = []

    def add(case: str, source: str, name: str, data: bytes) -> None:
        path = tmp / case.replace(" ", "-") / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        out.append((case, source, path))

    huge = b"A" * (12 << 20)  # one 12 MB line, no newline
    for pname, (fixture, filename, source) in PARSERS.items():
        text = fixture.read_bytes()
        add(f"{pname} empty", source, filename, b"")
        add(f"{pname} bom only", source, filename, b"\xef\xbb\xbf")
        if not pname.endswith("xml"):  # XML says its own encoding: UTF-16 XML is read
            wide = text.decode("utf-8", "replace")
            add(f"{pname} utf-16", source, filename, wide.encode("utf-16"))
            add(f"{pname} utf-16le no bom", source, filename, wide.encode("utf-16-le"))
        add(f"{pname} nul bytes", source, filename, text[:50] + b"\x00" * 64 + text[50:])
        add(f"{pname} huge line", source, filename, huge)
        add(f"{pname} binary", source, filename, bytes(range(256)) * 64)
        add(f"{pname} gzip", source, filename, b"\x1f\x8b\x08" + bytes(200))
    for pname in ("un-xml", "ofac-xml"):
        _, filename, source = PARSERS[pname]
        root, wrap = _xml_wrap(pname)
        add(f"{pname} billion laughs", source, filename, hostile.billion_laughs(root, wrap))
        secret = tmp / "secret.txt"
        secret.write_text("SECRET")
        add(f"{pname} xxe", source, filename, hostile.xxe(root, wrap, secret))
        deep = b"<a>" * 100_000 + b"</a>" * 100_000
        add(f"{pname} deep", source, filename, f"<{root}>".encode() + deep + f"</{root}>".encode())
    for pname in ("ftm", "csis-json"):
        _, filename, source = PARSERS[pname]
        add(f"{pname} deep json", source, filename, b"[" * 200_000 + b"]" * 200_000)
    dup = (hostile.GDELT2_LINE + "\n").encode() * 4000
    add("gdelt2 4000 repeated ids", "gdelt", "dup.export.CSV", dup)
    bomb = tmp / "bomb" / "bomb.export.CSV.zip"
    bomb.parent.mkdir()
    hostile.zip_bomb(bomb, "bomb.export.CSV", 80 << 20)  # over the cap the tests set
    out.append(("gdelt zip bomb 80 MB", "gdelt", bomb))
    dupzip = tmp / "dupzip" / "dup.export.CSV.zip"
    dupzip.parent.mkdir()
    import zipfile

    with zipfile.ZipFile(dupzip, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("dup.export.CSV", dup * 10)
    out.append(("gdelt zip of 40000 repeated ids", "gdelt", dupzip))
    liar = tmp / "liar" / "liar.export.CSV.zip"
    liar.parent.mkdir()
    hostile.lying_zip(liar, "liar.export.CSV", hostile.gdelt2_rows(5).encode(), 10)
    out.append(("gdelt lying zip header", "gdelt", liar))
    return out


#: the zip cap while the corpus runs (the default, 1 GiB, would make the bomb slow to write)
CAP = "32MB"


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, Path]]:
    return corpus(tmp_path_factory.mktemp("hostile"))


def test_hostile_corpus_is_refused(
    hostile_files: list[tuple[str, str, Path]], base_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NKWATCH_MAX_UNZIPPED", CAP)
    slow = []
    for case, source, path in hostile_files:
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "s.duckdb"
            shutil.copy(base_store, db)
            before = counts(db)
            try:
                write_store(source, db, path)
            except NKWATCH_ERRORS as exc:
                assert str(exc).strip()
                assert "SECRET" not in str(exc)
            else:
                raise AssertionError(f"{case}: ingested")
            assert counts(db) == before, case
        took = time.perf_counter() - started
        if took > 20:
            slow.append((case, round(took, 1)))
    assert not slow, f"over 20 s: {slow}"


def test_hostile_corpus_memory(hostile_files: list[tuple[str, str, Path]], tmp_path: Path) -> None:
    """The heaviest cases in a child process: its own peak memory (VmHWM) stays under 600 MB
    (they all peak at 260–330 MB together; the 5,000 repeated ids alone took 880 MB before
    issue 10). Not ``ru_maxrss``: Linux carries the parent's resident size over into a child
    it forks, so late in a full ``make test`` the child reported pytest's 1.4 GB."""
    heavy = [c for c in hostile_files if any(w in c[0] for w in
        ("repeated", "bomb", "laughs", "huge line", "deep"))]  # fmt: skip
    jobs = [(source, str(path)) for _, source, path in heavy]
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from nkwatch import lists\n"
        "from nkwatch.errors import QueryError, StoreError\n"
        "from nkwatch.sources.ingest import ingest\n"
        f"jobs = json.loads({json.dumps(json.dumps(jobs))})\n"
        f"db = Path({str(tmp_path / 'child.duckdb')!r})\n"
        "for source, path in jobs:\n"
        "    try:\n"
        "        (lists.ingest if source in lists.LIST_SOURCES else ingest)(db, source, [path])\n"
        "    except (QueryError, StoreError):\n"
        "        pass\n"
        "    else:\n"
        "        sys.exit(f'{path}: ingested')\n"
        f"print({PEAK_KIB})\n"
    )
    res = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO / "src"), "NKWATCH_MAX_UNZIPPED": CAP},
    )
    assert res.returncode == 0, res.stderr[-2000:]
    peak_kb = int(res.stdout.split()[-1])
    assert peak_kb < 600 * 1024, f"peak {peak_kb // 1024} MB"
