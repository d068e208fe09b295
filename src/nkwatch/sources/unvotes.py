"""UN General Assembly roll-call votes, in the three layouts a user meets:

``unvotes``
    the R package ``unvotes`` (Voeten's data as packaged by David Robinson) written as CSV:
    ``un_votes.csv[.gz]`` (``rcid,country,country_code,vote``; alpha-2 codes),
    ``un_roll_calls.csv`` (``rcid,session,importantvote,date,unres,amend,para,short,descr``)
    and ``un_roll_call_issues.csv`` (``rcid,short_name,issue``).
``voeten``
    Voeten's own file on the Harvard Dataverse (``UNVotes*.csv``): one row per state and roll
    call with the roll call's fields repeated, ``ccode`` (COW number), ``vote`` coded
    1 yes, 2 abstain, 3 no, 8 absent, 9 not a member, and the issue flags ``me nu di hr co ec``.
``undl``
    the UN Digital Library's voting export (``undl_id,ms_code,ms_name,ms_vote,date,session,
    resolution,...``): alpha-3 codes, ``ms_vote`` Y, N, A (X, NV or empty: not voting); only
    adopted resolutions, one roll call per resolution, no issue codes.

Tables: ``uv_roll_calls`` (``id`` ``rc<rcid>`` or ``undl<undl_id>``, the resolution symbol
normalised, e.g. ``R/60/173`` → ``A/RES/60/173``, the symbol as given in ``unres``),
``uv_issues`` (roll call, issue code) and ``uv_votes`` (roll call, ``country`` ISO3, ``cow``,
the code and name as given, ``vote`` yes/no/abstain). Only yes, no and abstain are votes:
absences and non-members are not stored. ``unvotes`` and ``voeten`` share the ``rcid``, so
ingesting both adds nothing twice; a UN Digital Library roll call on a resolution the store
already holds a whole-resolution vote on is kept once (the first ingested).

``uv_focal_cells`` is computed from the votes at the end of every ingest, in its
transaction (:func:`finish`): per year and per state, the 3 × 3 table of the DPRK's votes
against that state's on the roll calls both voted in (``c12``: the DPRK voted yes, the state
abstained; 1 yes, 2 abstain, 3 no), and the same against the median member (state
``*median``). Agreement, S and kappa over any run of years are sums of these cells, so the
isolation series and the agreement of a period of whole years need no pass over the votes
(:mod:`nkwatch.analytics.alignment` computes the same figures from the votes; a test holds
them equal).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from nkwatch.sources import statecodes
from nkwatch.sources.base import IngestError
from nkwatch.sources.datasets import Batch, Reject, read_header, records

FORMATS = ("unvotes", "voeten", "undl")
DDL = {
    "uv_roll_calls": "id VARCHAR, release VARCHAR, rcid BIGINT, undl_id VARCHAR, session VARCHAR, "
    "date DATE, resolution VARCHAR, unres VARCHAR, amend BOOLEAN, para BOOLEAN, "
    "important BOOLEAN, short VARCHAR, title VARCHAR, file VARCHAR, line BIGINT",
    "uv_issues": "roll_call VARCHAR, issue VARCHAR, file VARCHAR, line BIGINT",
    "uv_votes": "roll_call VARCHAR, country VARCHAR, cow INTEGER, code VARCHAR, name VARCHAR, "
    "vote VARCHAR, file VARCHAR, line BIGINT",
    "uv_focal_cells": "year INTEGER, country VARCHAR, votes BIGINT, "
    + ", ".join(f"c{i}{k} BIGINT" for i in (1, 2, 3) for k in (1, 2, 3)),
}
#: the state the cells are about, and the name of the median member's row
FOCAL = "PRK"
MEDIAN = "*median"
#: issue codes (Voeten's) and their names
ISSUES = {
    "me": "Palestinian conflict",
    "nu": "Nuclear weapons and nuclear material",
    "di": "Arms control and disarmament",
    "hr": "Human rights",
    "co": "Colonialism",
    "ec": "Economic development",
}
_ISSUE_BY_NAME = {v.lower(): k for k, v in ISSUES.items()}
VOTES = ("yes", "no", "abstain")

_HEADERS = {  # the one-file layouts first: their headers hold the roll-call columns too
    ("voeten", "votes"): {"rcid", "ccode", "vote", "date", "unres"},
    ("undl", "votes"): {"undl_id", "ms_code", "ms_vote", "date", "resolution"},
    ("unvotes", "votes"): {"rcid", "country", "country_code", "vote"},
    ("unvotes", "roll_calls"): {"rcid", "session", "date", "unres", "descr"},
    ("unvotes", "issues"): {"rcid", "short_name", "issue"},
}
_ORDER = {"roll_calls": 0, "issues": 1, "votes": 2}


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    for table, ddl in DDL.items():
        con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({ddl})")


def finish(con: duckdb.DuckDBPyConnection) -> None:
    """After the files of an ingest, in its transaction: recompute ``uv_focal_cells``."""
    focal_cells(con)


def focal_cells(con: duckdb.DuckDBPyConnection) -> None:
    """``uv_focal_cells`` from the votes (see the module's text). The rules are those of
    :mod:`nkwatch.analytics.alignment`: only yes, abstain and no count (1, 2, 3); states
    without an ISO code are left out; the year is the roll call's; the median member's vote
    on a roll call is the middle one of all the votes in the order yes < abstain < no (the
    lower middle when the count is even)."""
    cells = ", ".join(
        f"count_if(xa = {i} AND xb = {k}) AS c{i}{k}" for i in (1, 2, 3) for k in (1, 2, 3)
    )
    con.execute("DELETE FROM uv_focal_cells")
    con.execute(
        "INSERT INTO uv_focal_cells WITH v AS (SELECT v.roll_call, v.country, "
        "CAST(CASE v.vote WHEN 'yes' THEN 1 WHEN 'abstain' THEN 2 ELSE 3 END AS TINYINT) AS x, "
        "CAST(year(rc.date) AS INTEGER) AS year FROM uv_votes v JOIN uv_roll_calls rc "
        "ON rc.id = v.roll_call WHERE v.country IS NOT NULL), "
        "a AS (SELECT roll_call, x, year FROM v WHERE country = ?), "
        "per AS (SELECT roll_call, count(*) AS n, count_if(x = 1) AS n1, count_if(x = 2) AS n2 "
        "FROM v GROUP BY roll_call), "
        "med AS (SELECT roll_call, CASE WHEN n1 >= (n + 1) // 2 THEN 1 "
        "WHEN n1 + n2 >= (n + 1) // 2 THEN 2 ELSE 3 END AS x FROM per), "
        "pairs AS (SELECT a.year, b.country, a.x AS xa, b.x AS xb FROM a "
        "JOIN v b ON b.roll_call = a.roll_call AND b.country <> ? "
        "UNION ALL SELECT a.year, ? AS country, a.x AS xa, m.x AS xb FROM a "
        "JOIN med m ON m.roll_call = a.roll_call) "
        f"SELECT year, country, count(*) AS votes, {cells} FROM pairs GROUP BY year, country "
        "ORDER BY year, country",
        [FOCAL, FOCAL, MEDIAN],
    )


def detect(path: Path) -> tuple[str, str] | None:
    """(format, kind) of a file from its header, or None."""
    header = {h.strip().lower() for h in read_header(path)}
    for (form, kind), needed in _HEADERS.items():
        if needed <= header:
            return form, kind
    return None


def plan(files: Sequence[Path], fmt: str | None) -> list[tuple[Path, str | None, str]]:
    """(file, kind, format) in the order they must be written (roll calls before votes)."""
    if fmt not in (None, "auto", *FORMATS):
        raise IngestError(f"unknown format {fmt!r} for unvotes: use one of {', '.join(FORMATS)}")
    out = []
    for p in files:
        found = detect(p)
        if found is None or (fmt not in (None, "auto") and found[0] != fmt):
            raise IngestError(
                f"{p}: not a UN votes file nkwatch knows (header {read_header(p)[:6]}): expected "
                "the unvotes CSVs (un_votes.csv: rcid,country,country_code,vote; "
                "un_roll_calls.csv; un_roll_call_issues.csv), Voeten's UNVotes.csv (rcid,ccode,"
                "vote,...) or the UN Digital Library export (undl_id,ms_code,ms_vote,...)"
            )
        out.append((p, found[1], found[0]))
    return sorted(out, key=lambda t: _ORDER[t[1]])


_ROMAN = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _roman(n: int) -> str:
    out = ""
    for value, sym in _ROMAN:
        while n >= value:
            out += sym
            n -= value
    return out


def normalise_symbol(unres: str | None) -> str | None:
    """The UN symbol of a resolution as Voeten's data writes it: ``R/60/173`` →
    ``A/RES/60/173``; before the 31st session resolutions were numbered across sessions with
    the session in Roman numerals: ``R/15/1514`` → ``A/RES/1514(XV)``; ``ESS/10/19`` →
    ``A/RES/ES-10/19``, ``SS/12/2`` → ``A/RES/S-12/2``. A symbol already in UN form is kept;
    one that fits no pattern gives None (``unres`` keeps it as given)."""
    if not unres:
        return None
    text = unres.strip()
    if text.upper().startswith("A/RES/"):
        return "A/RES/" + text[6:]
    m = re.fullmatch(r"(R|ESS|SS)/(\d+)/(\d+)([A-Z]{0,2}(?:/[IVXA-D]+)?)", text)
    if not m:
        return None
    kind, session, number, rest = m.group(1), int(m.group(2)), m.group(3), m.group(4)
    if kind == "R":
        if session >= 31:
            return f"A/RES/{session}/{number}{rest}"
        return f"A/RES/{number}({_roman(session)}){rest}"
    prefix = "ES" if kind == "ESS" else "S"
    if kind == "ESS" and session < 7:  # numbered across sessions then: not a modern symbol
        return None
    return f"A/RES/{prefix}-{session}/{number}{rest}"


_MOJIBAKE = re.compile(r"\?Ã[\u0080-\u20ff]*?(?=s\b)|<90>(?=s\b)")


def clean_text(text: str | None) -> str | None:
    """Titles as given, with the mis-decoded apostrophes of some records repaired
    (``People?Ã†s`` → ``People's``)."""
    if text is None or not text.strip():
        return None
    return _MOJIBAKE.sub("'", text.strip())


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise ValueError(f"date {text!r} is not a date YYYY-MM-DD") from None


def _bool(text: str | None) -> bool | None:
    t = (text or "").strip()
    if t in ("", "NA"):
        return None
    return float(t) != 0


def read(
    con: duckdb.DuckDBPyConnection, path: Path, kind: str, form: str, context: dict[str, Any]
) -> Batch:
    if form == "unvotes":
        return {"roll_calls": _roll_calls, "issues": _issues, "votes": _votes}[kind](con, path)
    return _combined(con, path, form)


def _cols(names: str) -> dict[str, list[Any]]:
    return {n: [] for n in names.split()}


def _roll_calls(con: duckdb.DuckDBPyConnection, path: Path) -> Batch:
    b = Batch(keys={"uv_roll_calls": ["id"]})
    t = _cols(
        "id release rcid session date resolution unres amend para important short title file line"
    )
    for line, row, raw in records(path):
        try:
            if "__error__" in row:
                raise ValueError(row["__error__"])
            rcid = int(float(row["rcid"]))
            day = _date(row["date"])
            session = row.get("session", "").strip()
            values = {
                "id": f"rc{rcid}",
                "release": "unvotes",
                "rcid": rcid,
                "session": str(int(float(session))) if session else None,
                "date": day,
                "resolution": normalise_symbol(row.get("unres")),
                "unres": (row.get("unres") or "").strip() or None,
                "amend": _bool(row.get("amend")),
                "para": _bool(row.get("para")),
                "important": _bool(row.get("importantvote")),
                "short": clean_text(row.get("short")),
                "title": clean_text(row.get("descr")),
                "file": str(path),
                "line": line,
            }
        except (ValueError, KeyError) as exc:
            b.rejects.append(Reject(line, f"roll call not read: {exc}", raw))
            continue
        for k, v in values.items():
            t[k].append(v)
    b.tables["uv_roll_calls"] = t
    return b


def _known_roll_calls(con: duckdb.DuckDBPyConnection) -> dict[str, dt.date]:
    return dict(con.execute("SELECT id, date FROM uv_roll_calls").fetchall())


def _issues(con: duckdb.DuckDBPyConnection, path: Path) -> Batch:
    b = Batch(keys={"uv_issues": ["roll_call", "issue"]})
    t = _cols("roll_call issue file line")
    known = _known_roll_calls(con)
    for line, row, raw in records(path):
        try:
            if "__error__" in row:
                raise ValueError(row["__error__"])
            rc = f"rc{int(float(row['rcid']))}"
            code = row["short_name"].strip().lower()
            if code not in ISSUES:
                code = _ISSUE_BY_NAME.get(row["issue"].strip().lower(), "")
            if code not in ISSUES:
                raise ValueError(f"unknown issue {row['short_name']!r}: one of {', '.join(ISSUES)}")
            if rc not in known:
                raise ValueError(
                    f"roll call {rc[2:]} is not in the store: ingest un_roll_calls.csv with it"
                )
        except (ValueError, KeyError) as exc:
            b.rejects.append(Reject(line, str(exc), raw))
            continue
        for k, v in zip(t, (rc, code, str(path), line), strict=True):
            t[k].append(v)
    b.tables["uv_issues"] = t
    return b


def _votes(con: duckdb.DuckDBPyConnection, path: Path) -> Batch:
    b = Batch(keys={"uv_votes": ["roll_call", "country", "cow"]})
    t = _cols("roll_call country cow code name vote file line")
    known = _known_roll_calls(con)
    if not known:
        raise IngestError(
            f"{path}: no roll calls in the store: ingest un_roll_calls.csv with the votes "
            "(give the folder: nkwatch ingest unvotes DIR)"
        )
    cache: dict[tuple[str, str, dt.date], Any] = {}
    file = str(path)
    for line, row, raw in records(path):
        if "__error__" in row:
            b.rejects.append(Reject(line, row["__error__"], raw))
            continue
        rid = row["rcid"].strip()
        rc = f"rc{rid}" if rid.isdigit() else f"rc{int(float(rid))}" if rid else ""
        day = known.get(rc)
        vote = row["vote"].strip().lower()
        if day is None:
            b.rejects.append(Reject(line, f"roll call {rid!r} is not in un_roll_calls.csv", raw))
            continue
        if vote not in VOTES:
            b.rejects.append(Reject(line, f"vote {row['vote']!r} is not yes, no or abstain", raw))
            continue
        code, name = row["country_code"], row["country"]
        key = (code, name, day)
        if key not in cache:
            cache[key] = statecodes.from_iso2(code, name, day)
        found = cache[key]
        if found is None:
            b.rejects.append(
                Reject(
                    line,
                    f"unknown country code {code!r} ({name}): add it to reference/iso2_iso3.csv",
                    raw,
                )
            )
            continue
        for k, v in zip(
            t, (rc, found[0], found[1], code or None, name, vote, file, line), strict=True
        ):
            t[k].append(v)
    b.tables["uv_votes"] = t
    return b


_VOETEN_VOTE = {"1": "yes", "2": "abstain", "3": "no"}
_UNDL_VOTE = {"Y": "yes", "N": "no", "A": "abstain"}


def _combined(con: duckdb.DuckDBPyConnection, path: Path, form: str) -> Batch:
    """Voeten's Dataverse file and the UN Digital Library export: roll calls and votes in one
    file (one row per state and roll call)."""
    b = Batch(
        keys={
            "uv_roll_calls": ["id"],
            "uv_votes": ["roll_call", "country", "cow"],
            "uv_issues": ["roll_call", "issue"],
        }
    )
    rc_t = _cols(
        "id release rcid undl_id session date resolution unres amend para important short title "
        "file line"
    )
    v_t = _cols("roll_call country cow code name vote file line")
    i_t = _cols("roll_call issue file line")
    seen: dict[str, dt.date] = {}
    # a UN Digital Library resolution already held as a whole-resolution vote is skipped
    held = {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT resolution FROM uv_roll_calls WHERE resolution IS NOT NULL "
            "AND NOT coalesce(amend, false) AND NOT coalesce(para, false)"
        ).fetchall()
    }
    skip: set[str] = set()
    file = str(path)
    for line, row, raw in records(path):
        if "__error__" in row:
            b.rejects.append(Reject(line, row["__error__"], raw))
            continue
        row = {k.strip().lower(): v for k, v in row.items()}
        try:
            day = _date(row["date"])
            if form == "voeten":
                rid = int(float(row["rcid"]))
                rc, vote_text = f"rc{rid}", row["vote"].strip()
                vote = _VOETEN_VOTE.get(vote_text.split(".")[0])
                if vote is None and vote_text.split(".")[0] not in ("8", "9", ""):
                    raise ValueError(f"vote {vote_text!r} is not 1, 2, 3, 8 or 9")
                ccode = int(float(row["ccode"]))
                found: Any = statecodes.from_cow(ccode, day)
                code, name = str(ccode), (row.get("countryname") or row.get("country") or "")
                if found is None:
                    raise ValueError(f"unknown COW country code {ccode} ({name})")
            else:
                rid = None
                rc = f"undl{row['undl_id'].strip()}"
                mark = row["ms_vote"].strip().upper()
                vote = _UNDL_VOTE.get(mark)
                if vote is None and mark not in ("X", "NV", ""):
                    raise ValueError(f"ms_vote {mark!r} is not Y, N, A, X or NV")
                code, name = row["ms_code"].strip().upper(), row.get("ms_name", "").strip()
                found = statecodes.from_iso3(code, day)
                if found is None:
                    raise ValueError(
                        f"unknown country code {code!r} ({name}): not a state of the record"
                    )
        except (ValueError, KeyError) as exc:
            b.rejects.append(Reject(line, str(exc), raw))
            continue
        if rc not in seen:
            seen[rc] = day
            unres = (row.get("unres") or row.get("resolution") or "").strip() or None
            symbol = normalise_symbol(unres)
            if form == "undl" and symbol in held:
                skip.add(rc)
            else:
                values = [
                    rc,
                    form,
                    rid,
                    row.get("undl_id") if form == "undl" else None,
                    (row.get("session") or "").split(".")[0] or None,
                    day,
                    symbol,
                    unres,
                    _bool(row.get("amend")),
                    _bool(row.get("para")),
                    _bool(row.get("importantvote")),
                    clean_text(row.get("short")),
                    clean_text(row.get("descr") or row.get("title")),
                    file,
                    line,
                ]
                for k, v in zip(rc_t, values, strict=True):
                    rc_t[k].append(v)
                for issue in ISSUES if form == "voeten" else ():
                    if _bool(row.get(issue)):
                        for k, v in zip(i_t, (rc, issue, file, line), strict=True):
                            i_t[k].append(v)
        if rc in skip:
            b.duplicates += 1
            continue
        if vote is None:
            continue  # absent, not a member, not voting: not a vote
        for k, v in zip(v_t, (rc, found[0], found[1], code, name, vote, file, line), strict=True):
            v_t[k].append(v)
    b.tables.update(uv_roll_calls=rc_t, uv_votes=v_t, uv_issues=i_t)
    return b
