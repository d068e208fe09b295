"""Readers: the New Year files and KCNA's JSON and saved pages."""

import datetime as dt

import pytest

from nkwatch.media.readers import MediaError, kcna_kind, read_kcna, read_new_year

from .conftest import KCNA, NEW_YEAR


def test_new_year_folder():
    items, rejects = read_new_year(NEW_YEAR)
    by_year = {i.key: i for i in items}
    assert sorted(by_year) == ["1960", "1995", "2018"]
    assert [r.path.endswith("notes.txt") for r in rejects] == [True]
    assert "YYYY.txt" in rejects[0].reason
    y95 = by_year["1995"]
    assert y95.kind == "joint-editorial" and y95.date == dt.date(1995, 1, 1)
    assert y95.title.startswith("위대한 당의 령도")
    assert "편집자" not in y95.text  # the compiler's summary (해제) is not the DPRK's text
    assert "\r" not in y95.text and "\ufeff" not in y95.text
    assert by_year["2018"].kind == "address" and by_year["2018"].title == "신년사"
    assert by_year["1960"].notes == ["decoded as cp949"] and "쏘련" in by_year["1960"].text


def test_kcna_archive_json():
    items, rejects = read_kcna(KCNA / "headlines_2024-11-11.json")
    assert len(items) == 4 and len(rejects) == 1
    assert "no readable date" in rejects[0].reason
    first = items[0]
    assert first.date == dt.date(2024, 8, 20) and first.kind == "commentary"
    assert first.url.endswith("aaa1.kcmsf") and not first.text.endswith("-0-")
    assert items[2].text == "" and items[2].kind == "media"


def test_kcna_daily_json_with_iso_dates():
    items, _ = read_kcna(KCNA / "headlines_2024-10-02.json")
    assert [i.date for i in items] == [dt.date(2024, 8, 20), dt.date(2024, 10, 1)]


def test_kcna_saved_article_page():
    items, rejects = read_kcna(KCNA / "article.html")
    assert rejects == []
    (a,) = items
    assert a.title == "Press Statement of DPRK Foreign Ministry"
    assert a.date == dt.date(2024, 6, 20) and a.kind == "statement"
    assert a.url == "http://www.kcna.kp/en/article/q/hhh1.kcmsf"
    assert a.text.startswith("Pyongyang, June 20 (KCNA)") and "\r" not in a.text


@pytest.mark.parametrize(
    ("name", "fragment"),
    [("links_2024-10-02.json", "links_*.json"), ("broken.json", "not valid JSON")],
)
def test_kcna_unreadable_files_name_the_fix(name, fragment):
    with pytest.raises(MediaError, match=fragment.replace("*", r"\*")):
        read_kcna(KCNA / name)


def test_kinds():
    assert kcna_kind("Japan's Crime: KCNA Commentary", "World") == "commentary"
    assert kcna_kind("Kim Yo Jong Issues Press Statement", "Top News") == "statement"
    assert kcna_kind("Kim Jong Un Sends Greetings to Cambodian King", None) == "message"
    assert kcna_kind("Rice Harvest Under Way", "Home News") == "news"
