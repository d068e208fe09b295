"""ICEWS: the .tab release format, the derived triples, names to ISO3, event text to CAMEO."""

from __future__ import annotations

import csv

import pytest

from nkwatch.reference import cameo
from nkwatch.sources import cameo_text, icews
from nkwatch.sources.base import IngestError
from nkwatch.sources.ingest import ingest
from nkwatch.sources.names import actor_country

from ..conftest import shared_file
from .conftest import rows


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("North_Korea", "PRK"),
        ("South_Korea", "KOR"),
        ("Kim_Jong-Un", "PRK"),
        ("Foreign_Affairs_(North_Korea)", "PRK"),
        ("Police_(South_Korea)", "KOR"),
        ("Palestinian_Territory,_Occupied", "PSE"),
        ("Cote_d'Ivoire", "CIV"),
        ("Donald Trump", "USA"),
        ("Unspecified_Actor", None),
        ("Bharatiya_Janata", None),
        ("Citizen_(Atlantis)", None),
    ],
)
def test_actor_names_to_iso3(name, iso3):
    assert actor_country(name) == iso3


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Express_intent_to_meet_or_negotiate", "036"),
        ("Consult", "040"),
        ("Sign_formal_agreement", "057"),
        ("Return,_release_person(s)", "0841"),
        ("Threaten_with_military_force", "138"),
        ("Use_conventional_military_force", "190"),
        ("Hold_a_tea_party", None),
    ],
)
def test_event_text_to_cameo(text, code):
    assert cameo_text.code_for(text) == code


def test_every_icews_wording_is_a_cameo_code():
    assert set(cameo_text.ICEWS_WORDING.values()) <= set(cameo.codes())


def test_tab_format(events_dir, db_path):
    [res] = ingest(db_path, "icews", [events_dir / "icews-small.tab"])
    assert (res.format, res.rows, res.rejects) == ("icews-tab", 4, 1)
    got = rows(
        db_path,
        "SELECT id, actor1, actor2, actor1_name, cameo_code, goldstein, quad_class, location, "
        "lat, line, icews.intensity, icews.story_id FROM ev_reports ORDER BY line",
    )
    assert got[0][:7] == ("icews:90000001", "PRK", "USA", "Kim Jong-Un", "042", 1.9, 1)
    assert got[0][7] == "Singapore, Singapore" and got[0][8] == 1.28967
    assert got[0][9:] == (2, 1.9, "71000001")
    assert got[1][1:3] == ("PRK", "USA") and got[1][4] == "036"
    assert got[2][4] == "111" and got[2][6] == 3
    assert [r[9] for r in got] == [2, 3, 4, 6]
    [rej] = rows(db_path, "SELECT line, error, raw FROM ev_rejects")
    assert rej[0] == 5 and "2018-13-01" in rej[1] and rej[2].startswith("90000004\t")


def test_triples(events_dir, db_path):
    [res] = ingest(db_path, "icews", [events_dir / "icews-triples.txt"])
    assert (res.format, res.rows, res.rejects, res.duplicates) == ("icews-triples", 6, 2, 1)
    got = rows(
        db_path,
        "SELECT actor1, actor2, actor1_name, actor2_name, cameo_code, line, icews.event_text "
        "FROM ev_reports ORDER BY line",
    )
    assert got[0] == (
        "PRK", "USA", "North_Korea", "United_States", "036", 1,
        "Express_intent_to_meet_or_negotiate",
    )  # fmt: skip
    assert got[1][:2] == ("USA", "PRK")  # Mike Pompeo speaks for the United States
    assert got[2][:2] == ("PRK", "USA")  # sectors map by their parenthesis
    assert got[5][:2] == ("IND", None)
    errors = rows(db_path, "SELECT line, error FROM ev_rejects ORDER BY line")
    assert errors[0][0] == 7 and "unknown ICEWS event text 'Hold_a_tea_party'" in errors[0][1]
    assert errors[1][0] == 8 and "2018/09/07" in errors[1][1]


def test_not_icews(tmp_path, db_path):
    other = tmp_path / "x.txt"
    other.write_text("a\tb\n")
    with pytest.raises(IngestError, match="neither an ICEWS .tab file"):
        ingest(db_path, "icews", [other])


@pytest.mark.shared_data
def test_every_real_relation_maps_to_cameo():
    seen = set()
    for name in ("icews14-tkg", "icews18-tkg"):
        for split in ("valid.txt", "test.txt"):
            with shared_file(name, split).open(encoding="utf-8") as fh:
                seen |= {r[1] for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)}
    unknown = sorted(t for t in seen if icews.code_for(t) is None)
    assert not unknown


@pytest.mark.shared_data
def test_real_triples(db_path):
    files = [shared_file("icews18-tkg", "valid.txt"), shared_file("icews18-tkg", "test.txt")]
    results = ingest(db_path, "icews", files)
    assert [r.rows for r in results] == [45995, 49545]
    assert all(r.rejects == 0 for r in results)
    prk = rows(db_path, "SELECT count(*) FROM ev_reports WHERE 'PRK' IN (actor1, actor2)")
    assert prk[0][0] >= 2503  # every row naming North_Korea or Kim_Jong-Un, and more
    dates = rows(db_path, "SELECT min(date), max(date) FROM ev_reports")
    assert [str(d) for d in dates[0]] == ["2018-08-29", "2018-10-31"]
