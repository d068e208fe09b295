"""Issue 11: dated facts (1949-1995) about the DPRK's relations and embassies, held against
``Store.countries(as_of=...)`` built from the bundled record.

Each fact names a day, a state, a tie and the expected answer, with the source it rests on (a
page seen in a search, or a source the record cites for that relation). A positive fact
asserts the certain answer (``relations``/``embassy_in_pyongyang``/``dprk_embassy`` True); a
negative one asserts that the tie was not even possibly held (the ``*_possible`` upper bound
is False). So an unknown start can never make a positive fact pass, nor an open interval a
negative one.

Also here: the picture at the end of 1960 (the USSR and the GDR with relations and embassies
both ways, certainly; no Latin American state but Cuba with relations, not even possibly) and
the states' start and end dates against the Correlates of War state system (states2016.csv).
"""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any, NamedTuple

import pytest

from nkwatch.build import build
from nkwatch.model import load_kb
from nkwatch.store import Store

from .conftest import shared_file

#: tie -> (certain key, upper-bound key) of a ``Store.countries`` row
TIES = {
    "relations": ("relations", "relations_possible"),
    "embassy": ("embassy_in_pyongyang", "embassy_in_pyongyang_possible"),  # theirs in Pyongyang
    "dprk_embassy": ("dprk_embassy", "dprk_embassy_possible"),  # the DPRK's in their capital
}


class Fact(NamedTuple):
    day: str
    state: str
    tie: str  # a key of TIES
    held: bool
    source: str


# Sources, one name each (the URL is the one seen in a search result or cited by the record).
NCNK = "https://www.ncnk.org/resources/briefing-papers/all-briefing-papers/dprk-diplomatic-relations"
WP_FR = "https://en.wikipedia.org/wiki/Foreign_relations_of_North_Korea"
WP_RUS = "https://en.wikipedia.org/wiki/North_Korea%E2%80%93Russia_relations"
STALIN_1948 = (
    "https://koreanradio.info/on-the-anniversary-of-the-establishment-of-diplomatic-relations-"
    "between-russia-and-the-dprk/"  # Stalin's reply of 1948-10-12 agreeing to exchange ambassadors
)
SHTYKOV_1950 = "http://digitalarchive.wilsoncenter.org/document/112046"  # Pyongyang, 1950-03-24
PUZANOV_1957 = (  # DPRK embassy in the USSR; DPRK ambassador in the GDR
    "https://digitalarchive.wilsoncenter.org/document/115607.pdf?v=fb1efa4369c7131d694025b2d7c0bd77"
)
PUZANOV_1958 = (  # the Czechoslovak ambassador in Pyongyang since 1956
    "https://wilson-center-digital-archive.dvincitest.com/document/"
    "journal-soviet-ambassador-dprk-m-puzanov-4-june-1958"
)
PUZANOV_1960 = (
    "https://digitalarchive.wilsoncenter.org/document/journal-soviet-ambassador-dprk-am-puzanov-25-march-1960"
)
KHAN_2006 = "https://m.khan.co.kr/world/china/article/200601261815161"  # Ri Ju-yon, 1950-01-28
CHAI_CHENGWEN = (
    "http://taihangsummit.com/%E5%92%8C%E5%B9%B3%E4%BD%BF%E5%91%BD-%E8%BF%BD%E5%BF%86%E6%9C%9D"
    "%E9%B2%9C%E4%BD%BF%E9%A6%86%E5%BC%80%E9%A6%86%E6%9A%A8%E6%9C%9D%E9%B2%9C%E5%81%9C%E6%88%98"
    "%E8%B0%88%E5%88%A4/"
)
MDR_2018 = "https://www.mdr.de/zeitreise/ddr-deutsche-botschaft-nordkorea-100.html"
YUG_1948 = "http://cryer.org.uk/North_Korea%e2%80%93Yugoslavia_relations"  # 30 October 1948
TITO_1977 = "https://digitalarchive.wilsoncenter.org/document/regarding-president-titos-official-visit-dprk"
SWE_EMB = "https://rp.liu233w.com/https/en.m.wikipedia.org/wiki/Embassy_of_Sweden,_Pyongyang"
SWE_ABROAD = "http://www.swedenabroad.com/en-GB/Embassies/Pyongyang/About-us/About-the-Embassy/"
DNK_WP = "http://absoluteastronomy.com/topics/Denmark–North_Korea_relations"  # 17 July 1973
NOR_1973 = "https://wikileaks.org/plusd/cables/1973OSLO02215_b.html"  # joint announcement 22 June
FIN_WP = (
    "https://encyclopedia.datana.cloud/content/wikipedia_en_all_mini_2024-04/A/"
    "Finland%E2%80%93North_Korea_relations"  # relations since 1 June 1973
)
ISL_WP = "https://idwikipedia.org/wiki/Iceland%E2%80%93North_Korea_relations"
CIA_PDB_1976 = "http://digitalarchive.wilsoncenter.org/document/145171"  # 1976-10-19
NID_1976 = (  # ousted diplomats replaced, relations kept
    "https://digitalarchive.wilsoncenter.org/document/national-intelligence-daily-cable-tuesday-november-2-1976"
)
AUS_WP = "https://en.wikipedia.org/wiki/Australia%E2%80%93North_Korea_relations"
AUS_SVWP = "https://sewiki.info/Lexikon/Relationer_mellan_Australien_och_Nordkorea"
AUS_CRIKEY = (
    "https://www.crikey.com.au/2008/01/22/did-north-korea-close-its-australian-embassy-because-of-rudd/"
)
CHE_WP = (
    "https://a.osmarks.net/content/wikipedia_en_all_maxi_2020-08/A/North_Korea%E2%80%93Switzerland_relations"
)
PRT_WP = "https://wikimili.com/en/North_Korea%E2%80%93Portugal_relations"  # February 1975
WILSON_VIENNA_1977 = "https://digitalarchive.wilsoncenter.org/document/110130"
IND_IDSA = "https://idsa.in/askanexpert/relationshipbetweenIndiaandNorthKorea"  # 1973-12-10
IND_EMB = "https://readkong.com/page/embassy-of-india-pyongyang-india-dpr-korea-relations-8752047"
MYS_SUN = "https://www.thesundaily.my/archive/2163106-ATARCH427878"  # 30 June 1973
MMR_CSM = "https://www.csmonitor.com/1983/1107/110759.html"  # severed after the Rangoon bombing
CRI_1974 = "http://wtimes.kr/detail.php?number=14265&thread=22"  # 1974 established, 1983 broken
CRI_1983 = "https://www.joongang.co.kr/article/1724217"  # cabinet decision 1983-11-23
LBN_1981 = "https://www.joongang.co.kr/article/1558880"  # both Koreas, 1981-02-12
GTM_DOM_2007 = "http://viewsnnews.com/article?q=22352"  # DR 2007-09-24, Guatemala 2007-09-26
NEW_2000_2001 = GTM_DOM_2007  # the UK in 2000; Germany among 13 states in 2001
NCNK_SCRIBD = "https://www.scribd.com/document/515733883/DPRK-Diplo-Relations-August2016"
NO_US_JP_ROK = "https://en.academic.ru/dic.nsf/enwiki/12913"  # no relations with JPN, USA, ROK

FACTS: list[Fact] = [
    # the USSR (SUN)
    Fact("1949-06-30", "SUN", "relations", True, STALIN_1948),
    Fact("1950-06-30", "SUN", "embassy", True, SHTYKOV_1950),
    Fact("1960-12-31", "SUN", "embassy", True, PUZANOV_1960),
    Fact("1960-12-31", "SUN", "dprk_embassy", True, PUZANOV_1957),
    Fact("1992-06-30", "RUS", "relations", True, WP_RUS),
    # China
    Fact("1949-12-31", "CHN", "relations", True, WP_FR),
    Fact("1950-06-30", "CHN", "dprk_embassy", True, KHAN_2006),
    Fact("1950-12-31", "CHN", "embassy", True, CHAI_CHENGWEN),
    # East Germany (DDR)
    Fact("1949-12-31", "DDR", "relations", True, NCNK),
    Fact("1957-06-30", "DDR", "dprk_embassy", True, PUZANOV_1957),
    Fact("1960-12-31", "DDR", "embassy", True, MDR_2018),
    # Czechoslovakia (CSK)
    Fact("1955-12-31", "CSK", "relations", True, NCNK),
    Fact("1958-06-04", "CSK", "embassy", True, PUZANOV_1958),
    # Yugoslavia (YUG): relations reckoned from 1948; embassies by 1977
    Fact("1977-12-31", "YUG", "relations", True, YUG_1948),
    Fact("1984-01-01", "YUG", "embassy", True, TITO_1977),
    # North Vietnam (VDR), Vietnam, South Yemen (YMD), Cuba, Guinea
    Fact("1965-12-31", "VDR", "relations", True, NCNK),
    Fact("1976-12-31", "VNM", "relations", True, NCNK),
    Fact("1975-06-30", "YMD", "relations", True, NCNK),
    Fact("1960-12-31", "CUB", "relations", True, NCNK),
    Fact("1960-12-31", "GIN", "relations", True, NCNK),
    # the Nordic states: relations in 1973, the smuggling expulsions of October 1976
    Fact("1972-12-31", "SWE", "relations", False, SWE_EMB),
    Fact("1973-06-30", "SWE", "relations", True, SWE_EMB),
    Fact("1975-12-31", "SWE", "embassy", True, SWE_ABROAD),
    Fact("1976-12-31", "SWE", "relations", True, NID_1976),
    Fact("1972-12-31", "DNK", "relations", False, DNK_WP),
    Fact("1973-12-31", "DNK", "relations", True, DNK_WP),
    Fact("1976-12-31", "DNK", "relations", True, NID_1976),
    Fact("1976-12-31", "DNK", "dprk_embassy", True, CIA_PDB_1976),
    Fact("1972-12-31", "NOR", "relations", False, NOR_1973),
    Fact("1974-06-30", "NOR", "relations", True, NOR_1973),
    Fact("1976-12-31", "NOR", "relations", True, CIA_PDB_1976),
    Fact("1972-12-31", "FIN", "relations", False, FIN_WP),
    Fact("1974-06-30", "FIN", "relations", True, FIN_WP),
    Fact("1974-06-30", "ISL", "relations", True, ISL_WP),
    # Australia 1974-75
    Fact("1974-06-30", "AUS", "relations", False, AUS_WP),
    Fact("1975-06-30", "AUS", "relations", True, AUS_WP),
    Fact("1975-06-30", "AUS", "dprk_embassy", True, AUS_WP),
    Fact("1975-06-30", "AUS", "embassy", True, AUS_SVWP),
    Fact("1976-06-30", "AUS", "embassy", False, AUS_CRIKEY),
    Fact("1976-06-30", "AUS", "dprk_embassy", False, AUS_CRIKEY),
    # Austria, Switzerland, Portugal in the 1970s
    Fact("1973-06-30", "AUT", "relations", False, NCNK),
    Fact("1975-06-30", "AUT", "relations", True, NCNK),
    Fact("1978-06-30", "AUT", "dprk_embassy", True, WILSON_VIENNA_1977),
    Fact("1973-06-30", "CHE", "relations", False, CHE_WP),
    Fact("1975-06-30", "CHE", "relations", True, CHE_WP),
    Fact("1974-06-30", "PRT", "relations", False, PRT_WP),
    Fact("1976-06-30", "PRT", "relations", True, PRT_WP),
    # India and Malaysia, 1973
    Fact("1972-12-31", "IND", "relations", False, IND_IDSA),
    Fact("1974-06-30", "IND", "relations", True, IND_IDSA),
    Fact("1974-06-30", "IND", "embassy", True, IND_EMB),
    Fact("1972-12-31", "MYS", "relations", False, MYS_SUN),
    Fact("1973-12-31", "MYS", "relations", True, MYS_SUN),
    # Myanmar: severed 1983-11-04 after the Rangoon bombing
    Fact("1983-06-30", "MMR", "relations", True, NCNK),
    Fact("1984-01-01", "MMR", "relations", False, MMR_CSM),
    # Costa Rica, Lebanon, Guatemala, the Dominican Republic
    Fact("1960-12-31", "CRI", "relations", False, CRI_1974),
    Fact("1980-06-30", "CRI", "relations", True, CRI_1974),
    Fact("1984-06-30", "CRI", "relations", False, CRI_1983),
    Fact("1960-12-31", "LBN", "relations", False, LBN_1981),
    Fact("1982-06-30", "LBN", "relations", True, LBN_1981),
    Fact("1960-12-31", "GTM", "relations", False, GTM_DOM_2007),
    Fact("1960-12-31", "DOM", "relations", False, GTM_DOM_2007),
    # never before 1995: the United States, Japan, South Korea, (West) Germany, the UK
    Fact("1960-12-31", "USA", "relations", False, NCNK_SCRIBD),
    Fact("1994-12-31", "USA", "relations", False, NCNK_SCRIBD),
    Fact("1975-06-30", "JPN", "relations", False, NCNK_SCRIBD),
    Fact("1995-06-30", "JPN", "relations", False, NO_US_JP_ROK),
    Fact("1991-12-31", "KOR", "relations", False, NO_US_JP_ROK),
    Fact("1980-06-30", "DEU", "relations", False, NEW_2000_2001),
    Fact("1995-06-30", "DEU", "relations", False, NEW_2000_2001),
    Fact("1955-12-31", "GBR", "relations", False, NEW_2000_2001),
]

#: Latin America: the twenty republics (Cuba apart, none had relations with the DPRK in 1960).
LATIN_AMERICA = {
    "ARG", "BOL", "BRA", "CHL", "COL", "CRI", "CUB", "DOM", "ECU", "SLV", "GTM", "HTI", "HND",
    "MEX", "NIC", "PAN", "PRY", "PER", "URY", "VEN",
}


@pytest.fixture(scope="module")
def real_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The store built once from the bundled record."""
    db = tmp_path_factory.mktemp("asof-facts") / "store.duckdb"
    build(db)
    s = Store.open(db)
    yield s
    s.close()


_cache: dict[tuple[int, str], dict[str, dict[str, Any]]] = {}


def _rows(store: Store, day: str) -> dict[str, dict[str, Any]]:
    key = (id(store), day)
    if key not in _cache:
        _cache[key] = {r["id"]: r for r in store.countries(as_of=day)}
    return _cache[key]


def test_the_facts_are_well_formed() -> None:
    assert len(FACTS) >= 40
    assert len(set(FACTS)) == len(FACTS)
    for f in FACTS:
        day = dt.date.fromisoformat(f.day)
        assert dt.date(1949, 1, 1) <= day <= dt.date(1995, 12, 31), f
        assert f.tie in TIES, f
        assert f.source.startswith("http"), f
    gone = {"SUN", "DDR", "CSK", "YUG", "VDR", "YMD"}
    assert gone <= {f.state for f in FACTS}
    assert sum(not f.held for f in FACTS) >= 15


@pytest.mark.parametrize("fact", FACTS, ids=lambda f: f"{f.day}-{f.state}-{f.tie}-{f.held}")
def test_fact(real_store: Store, fact: Fact) -> None:
    rows = _rows(real_store, fact.day)
    assert fact.state in rows, f"{fact.state} is not a state on {fact.day}"
    row = rows[fact.state]
    certain, possible = TIES[fact.tie]
    if fact.held:
        assert row[certain] is True, (
            f"{fact.state} {fact.tie} on {fact.day} is not certain ({fact.source}): {row}"
        )
    else:
        assert row[possible] is False, (
            f"{fact.state} {fact.tie} on {fact.day} is possibly held ({fact.source}): {row}"
        )


def test_end_of_1960(real_store: Store) -> None:
    rows = _rows(real_store, "1960-12-31")
    for state in ("SUN", "DDR"):
        row = rows[state]
        assert row["relations"] is True and row["start_known"] is True, row
        assert row["embassy_in_pyongyang"] is True, row
        assert row["dprk_embassy"] is True, row
    latin = {s: r for s, r in rows.items() if s in LATIN_AMERICA}
    assert set(latin) == LATIN_AMERICA
    possible = sorted(s for s, r in latin.items() if r["relations_possible"])
    assert possible == ["CUB"]
    assert latin["CUB"]["relations"] is True


# --- the states' dates against the Correlates of War state system ---------------------------

#: States whose start or end differs from COW's state system membership (states2016.csv) by
#: more than a year, and why. COW dates system membership (for small states, UN admission);
#: nkwatch dates when a state came into being. Keyed by (state id, "start" | "end").
COW_DIFFERENCES: dict[tuple[str, str], str] = {
    ("DDR", "start"): "COW's GDR joins the system in 1954 (Soviet grant of sovereignty); "
    "the GDR was founded on 1949-10-07",
    ("DEU", "start"): "COW 255 is united Germany from 1990-10-03 (West Germany is COW 260 from "
    "1955, its sovereignty); DEU is the Federal Republic, founded 1949-05-23",
    ("SUN", "end"): "COW keeps code 365 from the USSR to Russia without a break",
    ("RUS", "start"): "COW keeps code 365 from the USSR to Russia without a break",
    ("YUG", "end"): "COW keeps code 345 from Yugoslavia to Serbia without a break",
    ("SCG", "start"): "COW keeps code 345 from Yugoslavia to Serbia without a break",
    ("SCG", "end"): "COW keeps code 345 from Yugoslavia to Serbia without a break",
    ("SRB", "start"): "COW keeps code 345 from Yugoslavia to Serbia without a break",
    ("VDR", "start"): "COW's Vietnam (816) starts with the Geneva accords of 1954-07-21; "
    "the DRV was proclaimed on 1945-09-02",
    ("VDR", "end"): "COW's code 816 runs on to the reunified Vietnam",
    ("VNM", "start"): "COW's code 816 covers North Vietnam from 1954; the Socialist Republic "
    "was proclaimed on reunification, 1976-07-02",
    ("TZA", "start"): "COW's code 510 starts with Tanganyika (1961-12-09); Tanzania is the "
    "union of 1964-04-26",
    ("ZWE", "start"): "COW counts Rhodesia from its unilateral declaration (1965-11-11); "
    "Zimbabwe became independent on 1980-04-18",
    ("MKD", "start"): "COW dates North Macedonia from UN admission (1993-04-08); "
    "independence 1991",
    ("VUT", "start"): "COW dates Vanuatu from UN admission (1981-09-15); "
    "independence 1980-07-30",
    ("MHL", "start"): "COW dates the Marshall Islands from UN admission (1991-09-17); "
    "the Compact of Free Association took effect in 1986",
    ("FSM", "start"): "COW dates Micronesia from UN admission (1991-09-17); "
    "the Compact of Free Association took effect in 1986",
    ("WSM", "start"): "COW dates Samoa from UN admission (1976); independence 1962-01-01",
    ("NRU", "start"): "COW dates Nauru from UN admission (1999); independence 1968-01-31",
    ("KIR", "start"): "COW dates Kiribati from UN admission (1999); independence 1979-07-12",
    ("TON", "start"): "COW dates Tonga from UN admission (1999); independence 1970-06-04",
    ("TUV", "start"): "COW dates Tuvalu from UN admission (2000); independence 1978-10-01",
    ("AND", "start"): "COW dates Andorra from UN admission (1993); a state long before 1948",
    ("LIE", "start"): "COW dates Liechtenstein from UN admission (1990); a state long before 1948",
    ("MCO", "start"): "COW dates Monaco from UN admission (1993); a state long before 1948",
    ("SMR", "start"): "COW dates San Marino from UN admission (1992); a state long before 1948",
    ("BTN", "start"): "COW dates Bhutan from UN admission (1971); a state long before 1948",
    ("OMN", "start"): "COW dates Oman from UN admission (1971); the Sultanate existed long "
    "before 1948",
    ("TWN", "start"): "COW's Taiwan (713) starts when the ROC government moved there "
    "(1949-12-08); the Republic of China dates from 1912",
}


def _cow_periods() -> dict[int, list[tuple[dt.date, dt.date | None]]]:
    path = shared_file("cow", "states2016.csv")
    periods: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
    with path.open(newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            start = dt.date(int(r["styear"]), int(r["stmonth"]), int(r["stday"]))
            end = dt.date(int(r["endyear"]), int(r["endmonth"]), int(r["endday"]))
            # 2016-12-31 is the data set's end, not the state's
            periods.setdefault(int(r["ccode"]), []).append(
                (start, None if end >= dt.date(2016, 12, 31) else end)
            )
    return periods


def _near(ours: dt.date | None, cows: list[dt.date | None]) -> bool:
    """Ours agrees with one of COW's dates within a year (None: open, before 1948 or never)."""
    for cow in cows:
        if ours is None and (cow is None or cow.year < 1948):
            return True
        if ours is not None and cow is not None and abs((ours - cow).days) <= 366:
            return True
    return False


def test_states_agree_with_cow() -> None:
    periods = _cow_periods()
    kb = load_kb()
    disagreements: dict[tuple[str, str], str] = {}
    for a in kb.actors.values():
        if a.type != "state" or a.cow is None:
            continue
        assert a.cow in periods, f"{a.id}: COW code {a.cow} is not in states2016.csv"
        ps = periods[a.cow]
        start = a.start.earliest if a.start else None
        end = a.end.earliest if a.end else None
        if not _near(start, [s for s, _ in ps]):
            disagreements[(a.id, "start")] = f"ours {a.start}, COW {[str(s) for s, _ in ps]}"
        if not _near(end, [e for _, e in ps]):
            disagreements[(a.id, "end")] = f"ours {a.end}, COW {[str(e) for _, e in ps]}"
    unexplained = {k: v for k, v in disagreements.items() if k not in COW_DIFFERENCES}
    assert not unexplained, f"states differing from COW by over a year: {unexplained}"
    stale = sorted(set(COW_DIFFERENCES) - set(disagreements))
    assert not stale, f"listed COW differences that no longer differ: {stale}"
