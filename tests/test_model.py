"""The model: the fixture record loads; a broken record is refused with a message that names
the file, the record and the fix."""

from pathlib import Path

import pytest

from nkwatch.model import KBError, load_kb
from nkwatch.schema import Event

from .conftest import FIXTURE_KB


def test_fixture_record_loads_every_type():
    kb = load_kb(FIXTURE_KB)
    assert {k: len(v) for k, v in kb.records.items()} == {
        "sources": 2,
        "actors": 6,
        "events": 3,
        "relations": 8,
        "agreements": 1,
        "measures": 1,
        "designations": 1,
        "claims": 2,
        "series": 1,
    }
    assert len(kb.topics) == 4
    # the file's topic is inherited; an event's own topics win
    assert kb.topics_of["ev-1973-04-07-sweden"] == ["alpha.one"]
    assert kb.topics_of["ev-1983-10-rangoon"] == ["alpha.one", "beta.two"]
    assert kb.events["ev-1983-10-rangoon"].date.precision == "month"


def _break(kb: Path, old: str, new: str, file: str = "topics/alpha.yaml") -> None:
    path = kb / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "record", "message"),
    [
        (
            "date: 1973-04-07",
            "date: 1973-13-07",
            "ev-1973-04-07-sweden",
            "not a real calendar date",
        ),
        ("date: 1973-04-07", "date: April 1973", "ev-1973-04-07-sweden", "YYYY-MM-DD"),
        (
            "actors: [SWE, PRK]",
            "actors: [SWE, XXX]",
            "ev-1973-04-07-sweden",
            "actor 'XXX' is unknown: add it to kb/actors/",
        ),
        (
            "    sources: [s-one]\n  - id: ev-1983",
            "  - id: ev-1983",
            "ev-1973-04-07-sweden",
            "sources is required: cite at least one source",
        ),
        ('cameo: "040"', 'cameo: "999"', "ev-1973-04-07-sweden", "not a CAMEO event code"),
        ('cameo: "040"', "cameo: 40", "ev-1973-04-07-sweden", "write the CAMEO code as text"),
        (
            "sources: [s-one]\nrelations",
            "sources: [s-nowhere]\nrelations",
            "ev-2018-talks",
            "source 's-nowhere' is unknown",
        ),
        ("bullet: alpha.one/1", "bullet: alpha.one/9", "cl-alpha-one-1", "not in the outline"),
        ("verdict: partly-supported", "verdict: maybe", "cl-alpha-one-1", "verdict"),
        (
            "record: ev-1973-04-07-sweden, stance",
            "record: ev-nope, stance",
            "cl-alpha-one-1",
            "evidence record 'ev-nope' is unknown",
        ),
        (
            "  - id: ev-1983-10-rangoon",
            "  - id: ev-1973-04-07-sweden",
            "ev-1973-04-07-sweden",
            "id already used",
        ),
        ("end: 2021-08-31", "end: 1970-01-01", "rel-emb-swe-in-prk", "before start"),
        (
            "    type: talks",
            "    type: talks\n    colour: red",
            "ev-2018-talks",
            "'colour' is not a field",
        ),
    ],
)
def test_broken_record_is_named_with_its_fix(kb_copy, old, new, record, message):
    _break(kb_copy, old, new)
    with pytest.raises(KBError) as info:
        load_kb(kb_copy)
    text = str(info.value)
    assert len(info.value.problems) == 1, text  # one clear error, no knock-on errors
    assert "topics/alpha.yaml" in text
    assert f"record '{record}'" in text
    assert message in text
    assert "nothing was written" in text


def test_invalid_yaml_names_the_line(kb_copy):
    (kb_copy / "topics" / "bad.yaml").write_text("events:\n  - id: [unclosed\n", "utf-8")
    with pytest.raises(KBError, match=r"topics/bad.yaml: is not valid YAML at line \d+"):
        load_kb(kb_copy)


def test_wrong_encoding_is_named(kb_copy):
    (kb_copy / "topics" / "latin.yaml").write_bytes("events: []\n# caf\xe9\n".encode("latin-1"))
    with pytest.raises(KBError, match=r"latin.yaml: is not UTF-8 text.*save it as UTF-8"):
        load_kb(kb_copy)


def test_unknown_section_and_topic(kb_copy):
    (kb_copy / "topics" / "odd.yaml").write_text("topic: nowhere\nevnts: []\n", "utf-8")
    with pytest.raises(KBError) as info:
        load_kb(kb_copy)
    assert "unknown section 'evnts'" in str(info.value)
    assert "topic 'nowhere' is not in the outline" in str(info.value)


def test_not_a_kb_folder(tmp_path):
    with pytest.raises(KBError, match="no outline.yaml here"):
        load_kb(tmp_path)


def test_event_model_directly():
    with pytest.raises(ValueError, match="end_date 1999 is before date 2000-05-01"):
        Event.model_validate(
            {
                "id": "ev-x",
                "date": "2000-05-01",
                "end_date": "1999",
                "title": "Backwards",
                "summary": "An event that ends before it starts.",
                "type": "other",
                "cameo": "010",
                "actors": ["PRK"],
                "sources": ["s"],
            }
        )


def test_unquoted_comma_in_a_flow_mapping_is_explained(kb_copy):
    path = kb_copy / "topics" / "alpha.yaml"
    text = path.read_text("utf-8").replace(
        "stance: contradicts, note: severed in 1983}", "stance: contradicts, note: cut, then back}"
    )
    path.write_text(text, "utf-8")
    with pytest.raises(KBError, match="evidence.1: 'then back' is not a field.*quote a value"):
        load_kb(kb_copy)
