"""Countries on a date, their counts, and ``nkwatch check``'s rules and coverage."""

import json

import pytest
from typer.testing import CliRunner

from nkwatch.check import run_check
from nkwatch.cli import app

from .conftest import FIXTURE_KB


def _by_id(rows):
    return {r["id"]: r for r in rows}


def test_countries_on_a_date(store):
    rows = _by_id(store.countries(as_of="1985-01-01"))
    assert set(rows) == {"SWE", "MMR", "DDR"}  # states that existed, the DPRK excepted
    assert rows["SWE"]["status"] == "relations" and rows["SWE"]["relations_since"] == "1973-04-07"
    assert rows["SWE"]["embassy_in_pyongyang"] and rows["SWE"]["dprk_embassy"]
    assert rows["MMR"]["status"] == "severed" and not rows["MMR"]["relations"]
    assert rows["MMR"]["un_member"] and not rows["DDR"]["un_member"]
    assert [i["end"] for i in rows["MMR"]["relation_intervals"]] == ["1983-11-04", None]


def test_states_that_no_longer_exist_drop_out(store):
    assert "DDR" not in _by_id(store.countries(as_of="1991-01-01"))
    rows = _by_id(store.countries(as_of="1950-01-01"))
    assert rows["MMR"]["status"] == "not yet" and rows["SWE"]["status"] == "not yet"


def test_counts_are_one_query(store):
    c = store.country_counts(as_of="2017-06-01")
    assert c == {
        "as_of": "2017-06-01",
        "states": 2,
        "un_members": 2,
        "relations": 2,
        "relations_at_most": 2,
        "un_members_with_relations": 2,
        "un_members_with_relations_at_most": 2,
        "embassies_in_pyongyang": 1,
        "embassies_in_pyongyang_at_most": 1,
        "dprk_embassies_abroad": 1,
        "dprk_embassies_abroad_at_most": 1,
    }
    assert store.country_counts(as_of="2022-01-01")["embassies_in_pyongyang"] == 0


def test_countries_command(monkeypatch, db_path):
    monkeypatch.setenv("NKWATCH_KB", str(FIXTURE_KB))
    runner = CliRunner()
    out = runner.invoke(app, ["countries", "--db", str(db_path), "--as-of", "2017-06-01", "--nl"])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert {r["id"] for r in rows} == {"SWE", "MMR"}
    table = runner.invoke(app, ["countries", "--db", str(db_path), "--as-of", "2017-06-01"])
    assert "2 of 2 UN member states had relations" in table.stdout
    summary = runner.invoke(app, ["countries", "--db", str(db_path), "--summary", "--json"])
    assert json.loads(summary.stdout)[0]["un_members"] == 2
    bad = runner.invoke(app, ["countries", "--db", str(db_path), "--as-of", "2017-13-01"])
    assert bad.exit_code == 2 and "not a real calendar date" in bad.stderr


def test_check_reports_coverage_and_broken_rules():
    report = run_check(FIXTURE_KB)
    assert not report.ok
    assert report.types["events"] == 3
    assert report.verdicts == {
        "supported": 0,
        "partly-supported": 1,
        "disputed": 1,
        "unverified": 0,
    }
    assert report.bullets == 4 and report.bullets_with_claims == 2
    assert any("bullet alpha/1" in p and "has no claim" in p for p in report.problems)
    assert any("bullet alpha.one/2" in p for p in report.problems)
    alpha_one = next(t for t in report.topics if t["id"] == "alpha.one")
    assert alpha_one["events"] == 3 and alpha_one["claims"] == 1
    assert report.no_primary["events"] == 3


def test_check_passes_when_every_rule_holds(kb_copy):
    claims = "\n".join(
        f"  - {{id: cl-{b.replace('/', '-').replace('.', '-')}, text: t{b}, "
        f"topic: {b.split('/')[0]}, bullet: {b}, verdict: unverified, "
        "explanation: not checked yet, sources: [s-one]}"
        for b in ("alpha/1", "alpha.one/2")
    )
    (kb_copy / "topics" / "more.yaml").write_text(f"claims:\n{claims}\n", "utf-8")
    # the fixture's incident is coded 010 (make a statement), which no incident takes
    alpha = kb_copy / "topics" / "alpha.yaml"
    text = alpha.read_text("utf-8")
    assert text.count('type: incident\n    cameo: "010"') == 1
    alpha.write_text(
        text.replace('type: incident\n    cameo: "010"', 'type: incident\n    cameo: "185"'),
        "utf-8",
    )
    report = run_check(kb_copy)
    assert report.ok, report.problems
    assert report.cameo_mismatches == 0
    runner = CliRunner()
    result = runner.invoke(app, ["check", "--kb", str(kb_copy)])
    assert result.exit_code == 0 and "check passed" in result.stdout


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            ("min_events: 2", "min_events: 5"),
            "topic alpha.one has 3 events, under its minimum of 5",
        ),
        (
            ("title: Test outline", "title: Test outline\nmin_events_total: 10"),
            "the record holds 3 events, under the outline's minimum of 10",
        ),
    ],
)
def test_check_fails_under_minimums(kb_copy, edit, message):
    path = kb_copy / "outline.yaml"
    path.write_text(path.read_text("utf-8").replace(*edit, 1), "utf-8")
    report = run_check(kb_copy)
    assert not report.ok and any(message in p for p in report.problems)
    result = CliRunner().invoke(app, ["check", "--kb", str(kb_copy)])
    assert result.exit_code == 1 and message in result.stderr


def test_check_lists_validation_problems(kb_copy):
    path = kb_copy / "topics" / "alpha.yaml"
    path.write_text(path.read_text("utf-8").replace("[SWE, PRK]", "[SWE, NOPE]"), "utf-8")
    report = run_check(kb_copy)
    assert not report.ok
    assert report.problems == [
        "topics/alpha.yaml, record 'ev-1973-04-07-sweden': actor 'NOPE' "
        "is unknown: add it to kb/actors/ or fix the id"
    ]


def test_one_country(store):
    (swe,) = store.countries(as_of="1985-01-01", only="SWE")
    assert swe == _by_id(store.countries(as_of="1985-01-01"))["SWE"]
    assert store.countries(as_of="1949-10-20", only="DDR")[0]["status"] == "not yet"
    assert store.countries(as_of="1995-01-01", only="DDR") == []  # no longer a state


def test_check_reports_currency_wikipedia_and_open_starts(kb_copy):
    """Issue 11: a topic active in the two years before ``current_to`` and silent in the last
    twelve months fails the check unless a ``quiet:`` note says why; Wikipedia-only events
    over 10% fail it; open start dates are reported."""
    outline = kb_copy / "outline.yaml"
    text = outline.read_text("utf-8")
    outline.write_text(text.replace("current_to: 2018-12-31", "current_to: 2020-06-30"), "utf-8")
    report = run_check(kb_copy)
    stale = [p for p in report.problems if p.startswith("topic alpha.one: no event since 2018")]
    assert stale and "quiet:" in stale[0]
    row = next(t for t in report.topics if t["id"] == "alpha.one")
    assert row["newest_event"] == "2018-01-01" and report.current_to == "2020-06-30"
    quiet = text.replace("current_to: 2018-12-31", "current_to: 2020-06-30").replace(
        "    title: Alpha one\n", "    title: Alpha one\n    quiet: nothing happened in 2019-20\n"
    )
    outline.write_text(quiet, "utf-8")
    assert not [p for p in run_check(kb_copy).problems if p.startswith("topic alpha.one")]
    outline.write_text(text.replace("current_to: 2018-12-31\n", ""), "utf-8")
    assert any("no 'current_to" in p for p in run_check(kb_copy).problems)

    alpha = kb_copy / "topics" / "alpha.yaml"
    alpha.write_text(
        alpha.read_text("utf-8").replace("https://example.org/one", "https://en.wikipedia.org/x"),
        "utf-8",
    )
    report = run_check(kb_copy)
    assert report.wikipedia_only["events"] == [3, 3]
    assert any("cite Wikipedia alone, over 10%" in p for p in report.problems)
    (kb_copy / "topics" / "open.yaml").write_text(
        "topic: alpha.one\nrelations:\n  - {id: rel-emb-mmr-in-prk, kind: embassy, "
        "subject: MMR, object: PRK, "
        "sources: [s-states]}\n",
        "utf-8",
    )
    assert run_check(kb_copy).open_starts == {"embassy": ["rel-emb-mmr-in-prk"]}
