"""Every command's outputs, as a user sees them; the same records as the library."""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from nkwatch.cli import app
from nkwatch.output import flatten
from nkwatch.store import Store

from .conftest import FIXTURE_KB

EVENT_KEYS = {
    "id",
    "date",
    "end_date",
    "title",
    "summary",
    "type",
    "cameo_code",
    "actors",
    "topics",
    "sources",
}
CLAIM_KEYS = {"id", "text", "topic", "verdict", "evidence", "sources"}


@pytest.fixture
def run(monkeypatch, db_path):
    monkeypatch.setenv("NKWATCH_KB", str(FIXTURE_KB))
    monkeypatch.setenv("NKWATCH_DB", str(db_path))
    runner = CliRunner()

    def invoke(*args, code=0):
        result = runner.invoke(app, list(args))
        assert result.exit_code == code, result.output + str(result.exception or "")
        return result

    return invoke


def _nl(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_events_nl_has_the_documented_keys(run):
    rows = _nl(run("events", "--nl").stdout)
    assert len(rows) == 3
    for row in rows:
        assert set(row) >= EVENT_KEYS
        assert all({"title", "url"} <= set(s) for s in row["sources"])
    assert rows[1]["date"] == "1983-10"


def test_events_csv_and_json_agree(run):
    as_json = json.loads(run("events", "--json").stdout)
    as_csv = list(csv.DictReader(io.StringIO(run("events", "--csv").stdout)))
    assert as_csv == [flatten(r) for r in as_json]
    assert as_csv[0]["actors"] == "SWE; PRK"
    assert as_csv[0]["sources"] == "https://example.org/one"


def test_cli_and_library_give_the_same_records(run, db_path):
    out = json.loads(run("events", "--actor", "PRK", "--from", "1980", "--json").stdout)
    with Store.open(db_path, read_only=True) as s:
        assert out == s.events(actor="PRK", date_from="1980")


@pytest.mark.parametrize(
    ("args", "expected_ids"),
    [
        (["--actor", "SWE"], ["ev-1973-04-07-sweden"]),
        (["--type", "talks"], ["ev-2018-talks"]),
        (["--topic", "beta.two"], ["ev-1983-10-rangoon"]),
        (["--from", "1980", "--to", "1990"], ["ev-1983-10-rangoon"]),
        (["--text", "first western"], ["ev-1973-04-07-sweden"]),
    ],
)
def test_event_filters(run, args, expected_ids):
    assert [r["id"] for r in _nl(run("events", *args, "--nl").stdout)] == expected_ids


def test_table_is_the_default(run):
    out = run("events").stdout
    assert "Sweden establishes relations" in out and "3 row(s)" in out


def test_claims_nl_keys(run):
    claim, other = _nl(run("claims", "--nl").stdout)
    assert other["verdict"] == "disputed"
    assert set(claim) >= CLAIM_KEYS
    assert claim["evidence"][0]["record"] == "ev-1973-04-07-sweden"


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (["actors", "--nl"], lambda rows: len(rows) == 6),
        (["actors", "--type", "person", "--nl"], lambda rows: rows[0]["id"] == "kim-jong-un"),
        (["topics", "--nl"], lambda rows: [r["id"] for r in rows][:2] == ["alpha", "alpha.one"]),
        (["sources", "--nl"], lambda rows: {r["id"] for r in rows} == {"s-one", "s-states"}),
        (
            ["relations", "--actor", "PRK", "--as-of", "1990-01-01", "--nl"],
            lambda rows: {r["id"] for r in rows}
            == {"rel-dip-prk-swe", "rel-emb-swe-in-prk", "rel-dip-prk-ddr", "rel-emb-prk-in-swe"},
        ),
        (["actor", "SWE", "--nl"], lambda rows: rows[0]["name"] == "Sweden"),
    ],
)
def test_other_listings(run, args, check):
    assert check(_nl(run(*args).stdout))


@pytest.mark.parametrize("cmd", ["actors", "topics", "sources", "claims", "relations"])
def test_every_listing_takes_every_format(run, cmd):
    assert run(cmd).stdout.strip()
    json.loads(run(cmd, "--json").stdout)
    assert run(cmd, "--csv").stdout.splitlines()[0].startswith("id")
    assert _nl(run(cmd, "--nl").stdout)


def test_actor_page_table(run):
    out = run("actor", "Myanmar").stdout
    assert "Myanmar (MMR, state)" in out and "severed" in out


def test_build_and_overview(run):
    assert "built" in run("build").stdout
    assert "unchanged" in run("build").stdout
    out = run("overview").stdout
    assert "3 events" in out and "Alpha theme" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["events", "--actor", "Atlantis"], "unknown actor 'Atlantis'"),
        (["events", "--from", "2017-02-30"], "not a real calendar date"),
        (["events", "--json", "--csv"], "use just one of --json, --csv or --nl"),
        (["relations", "--as-of", "yesterday"], "write YYYY, YYYY-MM or YYYY-MM-DD"),
        (["actor", "nobody"], "unknown actor 'nobody'"),
    ],
)
def test_bad_input_gives_a_clear_error(run, args, message):
    result = run(*args, code=2)
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_broken_record_stops_the_build(run, monkeypatch, kb_copy, db_path):
    run("build")
    before = db_path.read_bytes()
    path = kb_copy / "topics" / "alpha.yaml"
    path.write_text(path.read_text("utf-8").replace("[SWE, PRK]", "[SWE, NOWHERE]"), "utf-8")
    result = run("build", "--kb", str(kb_copy), code=1)
    assert "topics/alpha.yaml, record 'ev-1973-04-07-sweden': actor 'NOWHERE' is unknown" in (
        result.stderr
    )
    assert db_path.read_bytes() == before
