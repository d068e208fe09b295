"""UN General Assembly voting alignment, as Ibis expressions (DuckDB by default, Spark or any
Ibis engine holding ``uv_votes`` and ``uv_roll_calls``).

For two states, over the roll calls in which both voted yes, no or abstain (absences are not
votes and are left out):

``votes``
    how many such roll calls there were;
``agreement``
    the share in which both cast the same vote;
``s_score``
    Signorino and Ritter's S with votes on one scale (yes 1, abstain 2, no 3):
    ``1 - 2 * sum|x - y| / (votes * 2)``, from -1 (always opposite) to 1 (always the same);
``kappa``
    Cohen's kappa (as Häge 2011 proposes for UN votes): agreement corrected for the agreement
    the two states' own vote shares would give by chance,
    ``(agreement - p_e) / (1 - p_e)`` with ``p_e = sum_k share_a(k) * share_b(k)``; empty when
    ``p_e`` is 1 (both always voted the same one way).

A period is a calendar year of the vote's date (a session runs September to the next
summer). Issues are Voeten's codes (``ISSUES``); the UN Digital Library release carries none.

>>> alignment(store, date_from="2010", date_to="2019")      # DPRK vs every state
>>> alignment(store, partner="CHN", freq="year")             # DPRK vs China, per year
>>> dyad_years(votes_table(backend))                         # every pair of states, every year
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

import ibis
import ibis.expr.datatypes as dt_

from nkwatch.analytics import ibis_backend
from nkwatch.dates import parse_query_date
from nkwatch.store import QueryError, Store

FOCAL = "PRK"
#: ``--issue`` names (and short forms) -> Voeten's issue codes
ISSUE_NAMES = {
    "human rights": "hr",
    "nuclear weapons": "nu",
    "middle east": "me",
    "palestinian conflict": "me",
    "colonialism": "co",
    "arms control": "di",
    "disarmament": "di",
    "development": "ec",
    "economic development": "ec",
}
FREQS = ("year",)
#: permanent members of the Security Council; the Soviet Union's seat is Russia's
P5 = ("USA", "CHN", "RUS", "GBR", "FRA")
SEATS = {"SUN": "RUS"}
NO_VOTES = (
    "no UN votes in the store: ingest them first, e.g. "
    "'nkwatch ingest unvotes ../shared/data/unvotes'"
)


def issue_code(issue: str | None) -> str | None:
    if issue is None:
        return None
    key = issue.strip().lower().replace("-", " ").replace("_", " ")
    if key in ISSUE_NAMES.values():
        return key
    if key not in ISSUE_NAMES:
        raise QueryError(
            f"unknown issue {issue!r}: use human rights, nuclear weapons, Middle East, "
            "colonialism, arms control or development"
        )
    return ISSUE_NAMES[key]


def votes_table(
    backend: Any,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    issue: str | None = None,
) -> Any:
    """Votes with their roll call's date and year: ``roll_call, country, x, year`` (``x``: yes 1,
    abstain 2, no 3); states without an ISO code (Zanzibar, 1963) are left out."""
    tables = set(backend.list_tables())
    if not {"uv_votes", "uv_roll_calls"} <= tables:
        raise QueryError(NO_VOTES)
    v = backend.table("uv_votes")
    rc = backend.table("uv_roll_calls").select("id", "date")
    if date_from is not None:
        rc = rc.filter(rc.date >= date_from)
    if date_to is not None:
        rc = rc.filter(rc.date <= date_to)
    code = issue_code(issue)
    if code is not None:
        if "uv_issues" not in tables:
            raise QueryError("no issue codes in the store: ingest un_roll_call_issues.csv")
        iss = backend.table("uv_issues")
        rc = rc.filter(rc.id.isin(iss.filter(iss.issue == code).roll_call))
    v = v.filter(v.country.notnull())
    j = v.join(rc, v.roll_call == rc.id)
    x = ibis.cases((j.vote == "yes", 1), (j.vote == "abstain", 2), else_=3).cast("int8")
    return j.select(roll_call=j.roll_call, country=j.country, x=x, year=j.date.year())


def _i(cond: Any) -> Any:
    return ibis.ifelse(cond, 1, 0)


def pair_metrics(j: Any, by: Sequence[Any]) -> Any:
    """Aggregate joined vote pairs (columns ``xa``, ``xb``) by ``by``: votes, agreement,
    s_score, kappa."""
    agg = j.group_by(list(by)).aggregate(
        votes=j.count(),
        same=_i(j.xa == j.xb).sum(),
        dist=(j.xa - j.xb).abs().sum(),
        a1=_i(j.xa == 1).sum(),
        a2=_i(j.xa == 2).sum(),
        a3=_i(j.xa == 3).sum(),
        b1=_i(j.xb == 1).sum(),
        b2=_i(j.xb == 2).sum(),
        b3=_i(j.xb == 3).sum(),
    )
    n = agg.votes.cast("float64")
    p_o = agg.same / n
    p_e = (agg.a1 * agg.b1 + agg.a2 * agg.b2 + agg.a3 * agg.b3) / (n * n)
    keys = [k if isinstance(k, str) else k.get_name() for k in by]
    return agg.select(
        *keys,
        agreement=p_o,
        votes=agg.votes.cast("int64"),
        s_score=1.0 - agg.dist / n,
        kappa=ibis.ifelse(p_e < 1.0, (p_o - p_e) / (1.0 - p_e), ibis.null("float64")),
    )


def focal_alignment(
    votes: Any, focal: str = FOCAL, *, partners: Sequence[str] | None = None, by_year: bool = False
) -> Any:
    """The focal state against every other state (or ``partners``), overall or per year."""
    a = votes.filter(votes.country == focal).select(rc_a="roll_call", xa="x", year="year")
    b = votes.filter(votes.country != focal)
    if partners:
        b = b.filter(b.country.isin(list(partners)))
    b = b.select(rc_b="roll_call", country="country", xb="x")
    j = a.join(b, a.rc_a == b.rc_b)
    return pair_metrics(j, ["country", "year"] if by_year else ["country"])


#: roll calls per bit set: a year's roll calls are numbered and packed 62 to a BIGINT
CHUNK = 62


@ibis.udf.scalar.builtin(name="bit_count")
def _popcount(x: int) -> dt_.int8:  # DuckDB's and Spark SQL's bit_count
    """The number of bits set in ``x`` (a TINYINT in DuckDB: cast before summing)."""


def _cells_to_metrics(g: Any, keys: Sequence[str]) -> Any:
    """Agreement, votes, S and kappa from the 3 × 3 table of vote pairs ``cIK`` (state a voted
    I, state b voted K; 1 yes, 2 abstain, 3 no)."""
    c = {f"{i}{k}": g[f"c{i}{k}"] for i in (1, 2, 3) for k in (1, 2, 3)}
    n = g.votes.cast("float64")
    same = c["11"] + c["22"] + c["33"]
    dist = c["12"] + c["21"] + c["23"] + c["32"] + 2 * (c["13"] + c["31"])
    a = [c[f"{i}1"] + c[f"{i}2"] + c[f"{i}3"] for i in (1, 2, 3)]
    b = [c[f"1{k}"] + c[f"2{k}"] + c[f"3{k}"] for k in (1, 2, 3)]
    p_o = same / n
    p_e = (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (n * n)
    return g.select(
        *keys,
        agreement=p_o,
        votes=g.votes.cast("int64"),
        s_score=1.0 - dist / n,
        kappa=ibis.ifelse(p_e < 1.0, (p_o - p_e) / (1.0 - p_e), ibis.null("float64")),
    )


def vote_bits(votes: Any) -> Any:
    """Each state's votes of a year as bit sets: ``year, chunk, country, y, a, n``, where bit
    ``k`` of ``y`` (``a``, ``n``) is set when the state voted yes (abstain, no) on the year's
    ``chunk * 62 + k``-th roll call (in roll-call id order)."""
    calls = votes.select("roll_call", "year").distinct()
    calls = calls.mutate(
        pos=ibis.row_number().over(group_by=calls.year, order_by=calls.roll_call).cast("int64")
    )
    # 2 ** k as a double (exact up to 2 ** 61) cast to BIGINT rather than 1 << k: Ibis
    # writes the int64 literal 1 as a bare 1 in Spark SQL, an INT there (as is ROW_NUMBER),
    # and SHIFTLEFT(1, 40) overflows
    bit = (ibis.literal(2.0) ** (calls.pos % CHUNK)).cast("int64")
    calls = calls.select(rc="roll_call", chunk=(calls.pos // CHUNK).cast("int32"), bit=bit)
    v = votes.join(calls, votes.roll_call == calls.rc)
    zero = ibis.literal(0, "int64")
    return v.group_by(["year", "chunk", "country"]).aggregate(
        y=ibis.ifelse(v.x == 1, v.bit, zero).sum(),
        a=ibis.ifelse(v.x == 2, v.bit, zero).sum(),
        n=ibis.ifelse(v.x == 3, v.bit, zero).sum(),
    )


def dyad_years(votes: Any) -> Any:
    """Every pair of states (``country_a < country_b``) that voted in a common roll call,
    every year: the full dyad-year table of agreement, votes, S and kappa.

    Rather than joining every vote with every other vote on the same roll call (about 65 M
    pairs for the whole record) and grouping them, each state's votes of a year are packed
    into bit sets (:func:`vote_bits`, laid side by side in one row per state and year), the
    rows of two states are joined once per year, and the 3 × 3 table of their vote pairs is
    counted with ``bit_count(yes_a & no_b)`` and so on: one row per dyad-year straight from
    the join, the same numbers as :func:`dyad_years_join`. The number of bit sets a year
    needs is read from the data first (one small query)."""
    calls = votes.select("roll_call", "year").distinct()
    most = calls.group_by("year").aggregate(n=calls.count()).n.max().execute()
    chunks = max(1, -(-int(most or 0) // CHUNK))
    bits = vote_bits(votes)
    wide = bits.group_by(["year", "country"]).aggregate(
        **{
            f"{v}{k}": ibis.ifelse(bits.chunk == k, bits[v], ibis.literal(0, "int64")).sum()
            for v in ("y", "a", "n")
            for k in range(chunks)
        }
    )
    names = {1: "y", 2: "a", 3: "n"}
    a = wide.select(
        year="year", country_a="country",
        **{f"a{v}{k}": f"{v}{k}" for v in names.values() for k in range(chunks)},
    )  # fmt: skip
    b = wide.select(
        year_b="year", country_b="country",
        **{f"b{v}{k}": f"{v}{k}" for v in names.values() for k in range(chunks)},
    )  # fmt: skip
    j = a.join(b, (a.year == b.year_b) & (a.country_a < b.country_b))
    cells = {
        f"c{i}{m}": sum(
            (
                _popcount(j[f"a{names[i]}{k}"] & j[f"b{names[m]}{k}"]).cast("int64")
                for k in range(chunks)
            ),
            ibis.literal(0, "int64"),
        )
        for i in (1, 2, 3)
        for m in (1, 2, 3)
    }
    g = j.select("year", "country_a", "country_b", **cells)
    g = g.mutate(votes=sum((g[name] for name in cells), ibis.literal(0, "int64")))
    g = g.filter(g.votes > 0)
    return _cells_to_metrics(g, ["year", "country_a", "country_b"])


def dyad_years_join(votes: Any) -> Any:
    """:func:`dyad_years` the plain way (a self-join of the votes on the roll call, then a
    grouping): the reference the bit-set version is checked against."""
    a = votes.select(rc_a="roll_call", country_a="country", xa="x", year="year")
    b = votes.select(rc_b="roll_call", country_b="country", xb="x")
    j = a.join(b, (a.rc_a == b.rc_b) & (a.country_a < b.country_b))
    return pair_metrics(j, ["year", "country_a", "country_b"])


#: the cells the ingest keeps (``uv_focal_cells``, :func:`nkwatch.sources.unvotes.focal_cells`)
CELLS = tuple(f"c{i}{k}" for i in (1, 2, 3) for k in (1, 2, 3))


def stored_cells(
    store: Store, countries: Sequence[str] | None = None
) -> list[dict[str, Any]] | None:
    """The ingest's per-year cells of the DPRK's votes against each state's and the median
    member's (``country`` ``*median``), all or those of ``countries``; None in a store
    whose votes were ingested before nkwatch kept them (the figures are then computed from
    the votes)."""
    if not store.con.execute(
        "SELECT 1 FROM duckdb_tables() WHERE table_name = 'uv_focal_cells'"
    ).fetchone():
        return None
    sql = f"SELECT year, country, votes, {', '.join(CELLS)} FROM uv_focal_cells"
    if countries is not None:
        sql += " WHERE list_contains(?, country)"
    cur = store.con.execute(sql, [list(countries)] if countries is not None else [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def cell_metrics(c: dict[str, Any]) -> dict[str, Any]:
    """Agreement, votes, S and kappa from a 3 × 3 table of vote pairs (``c11`` ... ``c33``
    and ``votes``): the arithmetic of :func:`pair_metrics`, step for step, so the figures are
    the same to the last bit."""
    n = float(c["votes"])
    same = c["c11"] + c["c22"] + c["c33"]
    dist = c["c12"] + c["c21"] + c["c23"] + c["c32"] + 2 * (c["c13"] + c["c31"])
    a = [c[f"c{i}1"] + c[f"c{i}2"] + c[f"c{i}3"] for i in (1, 2, 3)]
    b = [c[f"c1{k}"] + c[f"c2{k}"] + c[f"c3{k}"] for k in (1, 2, 3)]
    p_o = same / n
    p_e = (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (n * n)
    return {
        "agreement": p_o,
        "votes": int(c["votes"]),
        "s_score": 1.0 - dist / n,
        "kappa": (p_o - p_e) / (1.0 - p_e) if p_e < 1.0 else None,
    }


def median_alignment(votes: Any, focal: str = FOCAL) -> Any:
    """Per year, the focal state's agreement with the median member: on each roll call the
    vote of the member in the middle of the order yes < abstain < no (the lower middle when
    the count is even), then agreement, S and kappa as for a state."""
    per = votes.group_by("roll_call").aggregate(
        n=votes.count(), n1=_i(votes.x == 1).sum(), n2=_i(votes.x == 2).sum()
    )
    half = (per.n + 1) // 2
    med = per.select(
        rc_b=per.roll_call,
        xb=ibis.cases((per.n1 >= half, 1), (per.n1 + per.n2 >= half, 2), else_=3).cast("int8"),
    )
    a = votes.filter(votes.country == focal).select(rc_a="roll_call", xa="x", year="year")
    j = a.join(med, a.rc_a == med.rc_b)
    return pair_metrics(j, ["year"])


def _date(value: str | dt.date | None, end: bool, name: str) -> dt.date | None:
    try:
        return parse_query_date(value, end=end)
    except ValueError as exc:
        raise QueryError(f"--{name}: {exc}") from None


def _iso(code: str, name: str) -> str:
    iso = code.strip().upper()
    if len(iso) != 3 or not iso.isalpha():
        raise QueryError(f"{name} {code!r} is not an ISO 3166 alpha-3 code: use e.g. CHN")
    return iso


def _names() -> dict[str, str]:
    from nkwatch.sources.statecodes import states

    return {k: str(v["name"]) for k, v in states().items()}


def _round(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for r in rows:
        for k in ("agreement", "s_score", "kappa"):
            if r.get(k) is not None:
                r[k] = round(float(r[k]), 4)
    return rows


def alignment(
    store: Store,
    *,
    focal: str = FOCAL,
    partner: str | None = None,
    freq: str | None = None,
    date_from: str | dt.date | None = None,
    date_to: str | dt.date | None = None,
    min_votes: int = 1,
    issue: str | None = None,
) -> list[dict[str, Any]]:
    """The focal state's agreement with every state (highest first), or with ``partner``
    (per ``freq`` period, oldest first, when ``freq`` is given)."""
    focal = _iso(focal, "focal")
    if freq not in (None, *FREQS):
        raise QueryError(f"unknown frequency {freq!r}: use year")
    lo, hi = _date(date_from, False, "from"), _date(date_to, True, "to")
    if lo and hi and lo > hi:
        raise QueryError(f"the range is empty: from {date_from} is after to {date_to}")
    cells = _period_cells(store, focal, issue, lo, hi)
    if cells is not None:
        return _from_cells(cells, focal, partner, freq, min_votes)
    votes = votes_table(ibis_backend(store), date_from=lo, date_to=hi, issue=issue)
    names = _names()
    if partner is not None:
        iso = _iso(partner, "partner")
        if iso == focal:
            raise QueryError(f"the partner must be another state than {focal}")
        seats = [iso, *[k for k, v in SEATS.items() if v == iso]]
        expr = focal_alignment(votes, focal, partners=seats, by_year=freq == "year")
        rows = expr.to_pyarrow().to_pylist()
        if freq == "year":
            rows = [r for r in _merge_seats(rows, iso) if r["votes"] >= min_votes]
            rows.sort(key=lambda r: r["year"])
            return _round(
                [
                    {
                        "year": r["year"],
                        "agreement": r["agreement"],
                        "votes": r["votes"],
                        "s_score": r["s_score"],
                        "kappa": r["kappa"],
                    }
                    for r in rows
                ]
            )
        rows = [r for r in rows if r["votes"] >= min_votes]
    else:
        rows = focal_alignment(votes, focal).filter(lambda t: t.votes >= min_votes)
        rows = rows.to_pyarrow().to_pylist()
    return _ranked(rows, names)


def _ranked(rows: list[dict[str, Any]], names: dict[str, str]) -> list[dict[str, Any]]:
    """Partner rows with their names, closest first (ties: more votes, then the code)."""
    out = [
        {
            "country": r["country"],
            "name": names.get(r["country"], r["country"]),
            **{k: r[k] for k in ("agreement", "votes", "s_score", "kappa")},
        }
        for r in rows
    ]
    out.sort(key=lambda r: (-r["agreement"], -r["votes"], r["country"]))
    return _round(out)


def _period_cells(
    store: Store, focal: str, issue: str | None, lo: dt.date | None, hi: dt.date | None
) -> list[dict[str, Any]] | None:
    """The ingest's cells of the period's years (see :func:`stored_cells`) when they answer
    the question: the DPRK, every issue, a period of whole calendar years; else None."""
    if focal != FOCAL or issue is not None:
        return None
    if (lo and (lo.month, lo.day) != (1, 1)) or (hi and (hi.month, hi.day) != (12, 31)):
        return None
    cells = stored_cells(store)
    if cells is None:
        return None
    from nkwatch.sources.unvotes import MEDIAN

    first, last = (lo.year if lo else -1), (hi.year if hi else 10_000)
    return [c for c in cells if c["country"] != MEDIAN and first <= c["year"] <= last]


def _from_cells(
    cells: list[dict[str, Any]], focal: str, partner: str | None, freq: str | None, min_votes: int
) -> list[dict[str, Any]]:
    """:func:`alignment` from the period's cells: the same rows, the same order, the same
    figures (sums of the cells are the counts of the votes; a test holds them equal)."""
    names = _names()

    def summed(groups: dict[Any, list[dict[str, Any]]]) -> dict[Any, dict[str, Any]]:
        return {
            key: cell_metrics({k: sum(c[k] for c in cs) for k in ("votes", *CELLS)})
            for key, cs in groups.items()
        }

    if partner is not None:
        iso = _iso(partner, "partner")
        if iso == focal:
            raise QueryError(f"the partner must be another state than {focal}")
        seats = [iso, *[k for k, v in SEATS.items() if v == iso]]
        mine = [c for c in cells if c["country"] in seats]
        if freq == "year":
            by: dict[Any, list[dict[str, Any]]] = {}
            for c in mine:
                by.setdefault((c["country"], c["year"]), []).append(c)
            rows = [{"country": k[0], "year": k[1], **m} for k, m in summed(by).items()]
            rows = [r for r in _merge_seats(rows, iso) if r["votes"] >= min_votes]
            rows.sort(key=lambda r: r["year"])
            return _round([{k: r[k] for k in ("year", "agreement", "votes", "s_score",
                                              "kappa")} for r in rows])  # fmt: skip
    else:
        mine = cells
    by = {}
    for c in mine:
        by.setdefault(c["country"], []).append(c)
    rows = [{"country": k, **m} for k, m in summed(by).items() if m["votes"] >= min_votes]
    return _ranked(rows, names)


def _merge_seats(rows: list[dict[str, Any]], iso: str) -> list[dict[str, Any]]:
    """Per year, one row for a seat held by two states (the Soviet Union and Russia in 1991):
    the votes-weighted means (agreement and S are means over roll calls; kappa is recomputed
    only where one state held the seat, else left as the weighted mean)."""
    by: dict[int, list[dict[str, Any]]] = {}
    for r in rows:
        by.setdefault(r["year"], []).append(r)
    out = []
    for year, rs in by.items():
        if len(rs) == 1:
            out.append({**rs[0], "country": iso})
            continue
        n = sum(r["votes"] for r in rs)
        mean = {
            k: sum((r[k] or 0) * r["votes"] for r in rs) / n
            for k in ("agreement", "s_score", "kappa")
        }
        out.append({"country": iso, "year": year, "votes": n, **mean})
    return out


_ROK_ONLY = re.compile(
    r"(?<!people's )(?<!people’s )(?<!peoples )\b(the )?republic of korea\b", re.I
)
_DPRK = re.compile(
    r"democratic people\W{0,3}s republic of korea|\bnorth(ern)? korea|\bn\. korea|\bdprk\b"
    r"|\bkorea\b",
    re.I,
)
HUMAN_RIGHTS = re.compile(r"human rights", re.I)


def is_about_dprk(*texts: str | None) -> bool:
    """A roll call about the DPRK: its short title or description names the DPRK or Korea
    (the 'Korean question' of the 1940s-1970s included), a mention of the Republic of Korea
    alone (e.g. in a list of sponsors) excepted."""
    text = " ".join(t for t in texts if t)
    return bool(_DPRK.search(_ROK_ONLY.sub(" ", text)))


def _title(short: str | None, title: str | None) -> str | None:
    if title and " : resolution" in title:
        return title.split(" : resolution")[0].strip()
    if title and ": resolution" in title:
        return title.split(": resolution")[0].strip()
    return short or (title[:200] if title else None)


def votes_about(store: Store, about: str = FOCAL) -> list[dict[str, Any]]:
    """Every roll call about the DPRK, oldest first: date, resolution, title, the counts,
    the DPRK's vote (if it voted) and every state's vote ``{ISO3: vote}``."""
    if _iso(about, "about") != FOCAL:
        raise QueryError("--about: only PRK (the DPRK) is supported so far")
    con = store.con
    have = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if not {"uv_votes", "uv_roll_calls"} <= have:
        raise QueryError(NO_VOTES)
    cands = con.execute(
        "SELECT id, rcid, date, resolution, unres, short, title, amend, para FROM uv_roll_calls "
        "WHERE regexp_matches(coalesce(short, '') || ' ' || coalesce(title, ''), "
        "'(?i)korea|dprk') ORDER BY date, rcid, id"
    ).fetchall()
    picked = [c for c in cands if is_about_dprk(c[5], c[6])]
    if not picked:
        return []
    ids = [c[0] for c in picked]
    votes: dict[str, dict[str, str]] = {i: {} for i in ids}
    for rc, country, vote in con.execute(
        "SELECT roll_call, country, vote FROM uv_votes WHERE roll_call IN (SELECT unnest(?)) "
        "AND country IS NOT NULL ORDER BY country",
        [ids],
    ).fetchall():
        votes[rc][country] = vote
    out = []
    for rc, rcid, date, resolution, unres, short, title, amend, para in picked:
        v = votes[rc]
        counts = {k: sum(1 for x in v.values() if x == k) for k in ("yes", "no", "abstain")}
        text = f"{short or ''} {title or ''}"
        out.append(
            {
                "date": date.isoformat(),
                "roll_call": rc,
                "rcid": rcid,
                "resolution": resolution or unres,
                "title": _title(short, title),
                "human_rights": bool(HUMAN_RIGHTS.search(text)),
                "amendment": bool(amend),
                "paragraph": bool(para),
                **counts,
                "dprk_vote": v.get(FOCAL),
                "votes": v,
            }
        )
    return out
