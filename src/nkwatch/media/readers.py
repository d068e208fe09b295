"""Readers of the DPRK's own texts: one :class:`Item` per text, one :class:`Reject` per bad one.

``read_new_year(path)``  the New Year addresses and joint editorials, one Korean text file per
                         year (``1946.txt`` ...), as e9t/north-korea-new-years-speechs has them
``read_kcna(path)``      KCNA English: the cumulative archive JSON of stiles/north-korea-news
                         (``headlines_YYYY-MM-DD.json``), its daily files, or article pages
                         saved from kcna.kp as HTML

Readers never write: :func:`nkwatch.media.ingest` writes what they return in one transaction.
A file that cannot be read at all raises :class:`MediaError` naming the fix; a single bad item
in a readable file becomes a :class:`Reject` (quarantined with its reason) and the rest goes in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nkwatch.errors import QueryError
from nkwatch.media.korean import normalize


class MediaError(QueryError):
    """A text file nkwatch cannot read as asked; the message names the fix."""


@dataclass
class Item:
    source: str  # new-year | kcna
    key: str  # the source's own key: the year, or the article's link
    date: dt.date
    kind: str  # address, joint-editorial, editorial, speech, message, news, commentary ...
    title: str
    text: str  # may be "" (a KCNA headline without its story)
    lang: str  # ko | en
    path: str
    item: int  # line (new-year: 1) or position in the file (kcna: from 1)
    url: str | None = None
    topic: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        if self.source == "new-year":
            return f"ny-{self.key}"
        return "kcna-" + hashlib.sha256(self.key.encode()).hexdigest()[:16]


@dataclass
class Reject:
    path: str
    item: int
    reason: str
    raw: str


def decode(raw: bytes, path: Path) -> tuple[str, str]:
    """(text, encoding): UTF-8 (with or without BOM), else EUC-KR/CP949, which older Korean
    files use. Anything else is a MediaError naming the fix."""
    for enc in ("utf-8-sig", "cp949"):
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise MediaError(f"{path}: neither UTF-8 nor EUC-KR/CP949: re-save the file as UTF-8")


# -- New Year addresses ---------------------------------------------------------------------

#: lines a South Korean wire copy or the compiler added: never the DPRK's own words
_WRAPPER = re.compile(
    r"북한|北|송고|연합뉴스|저작권자|CBS|^\(끝\)$|^다음은 |^[*\-=_ ]{4,}$|^\[\s*\d{4}-\d\d-\d\d"
    r"|^-?\s*\d{4}년\s*\d{1,2}월\s*\d{1,2}일(\s*\d+시\s*\d+분)?\s*$|^\d{4}\.\d{1,2}\.\d{1,2}\.?$"
    r"|^주체\s*\d+\s*\(\d{4}\)년\s*\d+월\s*\d+일\s*$|^\[공동사설\]"
)
_MARK = re.compile(r"^\s*원\s*문\s*$")
_NOTE = re.compile(r"^\s*해\s*제\s*$")


def _kind(year: int, header: str) -> str:
    """What the text is. The header says so for most years; 1995-2012 were joint editorials
    of the party, army and youth papers (no leader's address; see concepts.yaml sources)."""
    if "공동사설" in header or 1995 <= year <= 2012:
        return "joint-editorial"
    if "사설" in header:
        return "editorial"
    if "연설" in header:
        return "speech"
    if "축하문" in header:
        return "message"
    return "address"


def _new_year_file(path: Path) -> Item:
    m = re.fullmatch(r"(\d{4})", path.stem)
    if not m or not 1945 <= int(m.group(1)) <= 2100:
        raise MediaError(f"{path.name}: the file name is not a year: name files YYYY.txt")
    year = int(m.group(1))
    text, enc = decode(path.read_bytes(), path)
    lines = normalize(text).split("\n")
    notes = [] if enc == "utf-8-sig" else [f"decoded as {enc}"]
    mark = next((i for i, line in enumerate(lines) if _MARK.match(line)), None)
    if mark is not None:  # compiler's layout: title, date, 해제 (their summary), 원문 (the text)
        end = next((i for i, line in enumerate(lines) if _NOTE.match(line)), mark)
        header, body = lines[:end], lines[mark + 1 :]
    else:
        kept = [line for line in lines if line.strip() and not _WRAPPER.search(line)]
        first = kept[0].strip() if kept else ""
        titled = first and len(first) < 80 and not first.endswith(("!", ".", "！"))
        header = [first] if titled else []
        body = kept[1:] if titled else kept
    body = [line.strip() for line in body if line.strip() and not _WRAPPER.search(line.strip())]
    if not body:
        raise MediaError(f"{path}: no text after the header: is it one of the addresses?")
    titles = [h.strip() for h in header if h.strip() and not _WRAPPER.search(h.strip())]
    title = re.sub(r"\s*\(\d{4}\)\s*$", "", titles[0]).strip("『』'\" ") if titles else ""
    if not title or title.replace(" ", "") in ("신년사", "원문"):
        title = "신년사"
    return Item(
        source="new-year",
        key=str(year),
        date=dt.date(year, 1, 1),
        kind=_kind(year, "\n".join(lines[:8] + body[:2])),
        title=title,
        text="\n".join(body),
        lang="ko",
        path=str(path),
        item=1,
        notes=notes,
    )


def new_year_files(path: Path) -> list[Path]:
    path = Path(path).expanduser()
    if path.is_dir():
        files = sorted(path.glob("*.txt"))
        if not files:
            raise MediaError(f"{path}: no .txt files: give the folder of YYYY.txt files")
        return files
    if path.is_file():
        return [path]
    raise MediaError(f"no file or folder {path}: check the path")


def read_new_year(path: Path) -> tuple[list[Item], list[Reject]]:
    """One Item per YYYY.txt file (a folder, or one file); a file that cannot be read is a
    Reject with its reason."""
    items, rejects = [], []
    for f in new_year_files(path):
        try:
            items.append(_new_year_file(f))
        except MediaError as exc:
            rejects.append(Reject(str(f), 1, str(exc), f.read_bytes()[:200].hex()))
    return items, rejects


# -- KCNA -----------------------------------------------------------------------------------

_KINDS = [  # (pattern in the headline or topic, kind): first match wins
    (re.compile(r"\bcommentary\b", re.I), "commentary"),
    (re.compile(r"\beditorial\b", re.I), "editorial"),
    (re.compile(r"\b(press statement|statement|spokesman|spokesperson)\b", re.I), "statement"),
    (re.compile(r"\b(answers? (to )?question|interview)\b", re.I), "statement"),
    (re.compile(r"\b(message|letter|greetings?|congratulat\w*|condolence)\b", re.I), "message"),
    (re.compile(r"^Photo$|^Video$"), "media"),
    (re.compile(r"\banecdote\b", re.I), "anecdote"),
    (re.compile(r"^Documents$"), "document"),
]


def kcna_kind(headline: str, topic: str | None) -> str:
    for pattern, kind in _KINDS:
        if pattern.search(headline) or (topic and pattern.search(topic)):
            return kind
    return "news"


def _date(value: Any, fallback: Any = None) -> dt.date | None:
    """epoch milliseconds (or seconds), ISO text, or KCNA's 2024.07.14 / Juche 113.7.14."""
    for v in (value, fallback):
        if v is None or v == "":
            continue
        if isinstance(v, bool):
            continue
        if isinstance(v, int | float):
            secs = v / 1000 if abs(v) > 1e11 else v
            return dt.datetime.fromtimestamp(secs, dt.UTC).date()
        if isinstance(v, str):
            m = re.search(r"(?:Juche\s*)?(\d{2,4})[-./](\d{1,2})[-./](\d{1,2})", v)
            if m:
                y, mo, d = (int(g) for g in m.groups())
                if y < 1900:  # the Juche calendar: Juche 1 = 1912
                    y += 1911
                try:
                    return dt.date(y, mo, d)
                except ValueError:
                    continue
    return None


def _story(text: str | None) -> str:
    text = normalize(text or "").strip()
    return re.sub(r"\s*-0-\s*$", "", text)


def _kcna_record(rec: Any, path: Path, n: int) -> Item | Reject:
    raw = json.dumps(rec, ensure_ascii=False)[:500]
    if not isinstance(rec, dict):
        return Reject(str(path), n, "not a JSON object", raw)
    headline = normalize(str(rec.get("headline") or "")).strip()
    link = str(rec.get("link") or "").strip() or None
    story = _story(rec.get("story_text"))
    if not headline and not story:
        return Reject(str(path), n, "no headline and no story_text", raw)
    day = _date(rec.get("date"), rec.get("date_str"))
    if day is None:
        return Reject(str(path), n, f"no readable date (date={rec.get('date')!r})", raw)
    topic = str(rec["topic"]).strip() if rec.get("topic") else None
    key = link or f"{day.isoformat()}|{headline}"
    return Item(
        source="kcna",
        key=key,
        date=day,
        kind=kcna_kind(headline, topic),
        title=headline,
        text=story,
        lang="en",
        path=str(path),
        item=n,
        url=link,
        topic=topic,
    )


def _kcna_json(path: Path) -> tuple[list[Item], list[Reject]]:
    text, _ = decode(path.read_bytes(), path)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MediaError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}): "
            "give the scraper's headlines_*.json file as it was saved"
        ) from None
    if isinstance(doc, dict):
        doc = doc.get("articles") or doc.get("data") or doc.get("items") or [doc]
    if not isinstance(doc, list):
        raise MediaError(f"{path}: expected a JSON list of articles")
    if doc and all(isinstance(r, dict) and set(r) <= {"topic", "link"} for r in doc):
        raise MediaError(
            f"{path}: this is the scraper's list of section links (links_*.json), not "
            "articles: give a headlines_*.json file"
        )
    items, rejects = [], []
    for n, rec in enumerate(doc, 1):
        got = _kcna_record(rec, path, n)
        (items if isinstance(got, Item) else rejects).append(got)  # type: ignore[arg-type]
    return items, rejects


def _kcna_html(path: Path) -> tuple[list[Item], list[Reject]]:
    import lxml.html

    raw = path.read_bytes()
    text, _ = decode(raw, path)
    doc = lxml.html.fromstring(text)

    def first(*xpaths: str) -> str:
        for xp in xpaths:
            for node in doc.xpath(xp):
                value = node if isinstance(node, str) else node.text_content()
                if value and value.strip():
                    return " ".join(value.split())
        return ""

    title = first(
        "//*[contains(@class,'article-main-title')]",
        "//meta[@property='og:title']/@content",
        "//h1",
        "//title",
    )
    title = re.sub(r"\s*[|\-–]\s*KCNA.*$", "", title, flags=re.I)
    paras = doc.xpath("//div[contains(@class,'content-wrapper')]//p") or doc.xpath("//article//p")
    if not paras:
        paras = doc.xpath("//p")
    story = _story("\n".join(" ".join(p.text_content().split()) for p in paras if p.text_content()))
    when = first(
        "//*[contains(@class,'publish-time')]",
        "//meta[@property='article:published_time']/@content",
        "//meta[@name='date']/@content",
    )
    url = first("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content")
    if not url:
        m = re.search(r"saved from url=\(\d+\)(\S+)", text)
        url = m.group(1).rstrip("-> ") if m else ""
    rec = {"headline": title, "link": url or None, "date": when, "story_text": story}
    got = _kcna_record(rec, path, 1)
    if isinstance(got, Reject):
        got.reason += " (an article page saved from kcna.kp has a span.publish-time date)"
        return [], [got]
    topic = first("//*[contains(@class,'article-topic')]", "//*[contains(@class,'menu-title')]")
    got.topic = topic or None
    got.kind = kcna_kind(got.title, got.topic)
    return [got], []


def kcna_files(path: Path) -> list[Path]:
    path = Path(path).expanduser()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".json", ".html", ".htm"))
        if not files:
            raise MediaError(f"{path}: no .json or .html files in the folder")
        return files
    if path.is_file():
        return [path]
    raise MediaError(f"no file or folder {path}: check the path")


def read_kcna(path: Path) -> tuple[list[Item], list[Reject]]:
    """Items of one KCNA file: JSON (archive or daily) or a saved article page (HTML)."""
    path = Path(path)
    with path.open("rb") as fh:
        head = fh.read(1024).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"[", b"{")):
        return _kcna_json(path)
    if head.startswith(b"<") or path.suffix.lower() in (".html", ".htm"):
        return _kcna_html(path)
    raise MediaError(
        f"{path}: neither JSON nor HTML: give the scraper's headlines_*.json or an article "
        "page saved from kcna.kp"
    )
