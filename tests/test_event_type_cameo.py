"""The table of CAMEO codes each event type may take, held over the whole curated record."""

from __future__ import annotations

from typing import get_args

import pytest
from typer.testing import CliRunner

from nkwatch.check import run_check
from nkwatch.cli import app
from nkwatch.model import load_kb
from nkwatch.reference import cameo, event_types
from nkwatch.schema.event import EventType

from .conftest import FIXTURE_KB


def test_table_covers_every_event_type():
    assert set(event_types.rules()) == set(get_args(EventType))


def test_prefixes_are_cameo_codes_and_not_redundant():
    table = cameo.codes()
    for name, rule in event_types.rules().items():
        assert rule.reason and len(rule.reason) > 20, name
        assert len(set(rule.allowed)) == len(rule.allowed), name
        for p in rule.allowed:
            assert p in table, (name, p)
            # a prefix already covered by a shorter one of the same type is noise
            others = [q for q in rule.allowed if q != p and p.startswith(q)]
            assert not others, (name, p, others)


def test_every_curated_event_fits_its_type():
    kb = load_kb()
    misfits = event_types.mismatches(kb.events.values())
    assert not misfits, "\n".join(m.message() for m in misfits)


@pytest.mark.parametrize(
    ("event_type", "code", "fits"),
    [
        ("defection", "075", True),  # the receiving state grants asylum
        ("defection", "0874", False),  # not a military surrender
        ("sport", "060", True),  # a joint team is an exchange
        ("sport", "062", False),  # never military cooperation
        ("sport", "042", True),  # a team at Games abroad makes a visit
        ("designation", "163", True),
        ("designation", "1122", False),  # the blocking is the act, not the accusation
        ("nuclear-test", "150", True),
        ("nuclear-test", "2042", False),  # a test is not the use of a nuclear weapon
        ("visit", "042", True),
        ("visit", "0312", False),  # what was decided on a visit makes it 'diplomatic'
        ("other", "0874", True),  # the catch-all takes any code
    ],
)
def test_reviewed_choices(event_type, code, fits):
    assert event_types.fits(event_type, code) is fits


def test_unknown_type_is_refused():
    with pytest.raises(KeyError, match="no entry"):
        event_types.fits("parade", "150")


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"war": {"allowed": ["19"]}}, "exactly 'allowed' and 'reason'"),
        ({"war": {"allowed": [], "reason": "fighting"}}, "non-empty list"),
        ({"war": {"allowed": ["199"], "reason": "fighting"}}, "'199' is not a CAMEO code"),
        ({"war": {"allowed": [19], "reason": "fighting"}}, "is not a CAMEO code"),
        ({"war": {"allowed": ["19"], "reason": " "}}, "'reason' must be a sentence"),
        ([], "expected a mapping"),
    ],
)
def test_broken_table_is_refused(doc, message):
    with pytest.raises(ValueError, match=message):
        event_types.parse(doc)


def test_check_counts_and_fails_on_misfits():
    # the fixture's Rangoon bombing is an 'incident' coded 010 (make a statement)
    report = run_check(FIXTURE_KB)
    assert not report.ok
    assert report.cameo_mismatches == 1
    (problem,) = [p for p in report.problems if "does not fit type" in p]
    assert "ev-1983-10-rangoon" in problem and "'010'" in problem and "'incident'" in problem
    out = CliRunner().invoke(app, ["check", "--kb", str(FIXTURE_KB)])
    assert out.exit_code == 1
    assert "Events whose CAMEO code does not fit their type: 1" in out.stdout


def test_check_of_the_curated_record_has_no_misfits():
    report = run_check()
    assert report.cameo_mismatches == 0
    assert not [p for p in report.problems if "does not fit type" in p]
