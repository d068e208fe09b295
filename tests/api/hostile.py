"""Hostile strings for every GET route and parameter (issue 10): huge, negative and non-finite
numbers, unicode, NUL and control characters, SQL, path traversal, very long values,
%-encodings, repeated parameters, forged cursors. No answer may be a server error; every API
error has the one error shape.

Used by ``test_hostile.py`` (in process), and against a running server::

    python tests/api/hostile.py http://127.0.0.1:8000
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

#: Values given raw (percent-encoded by :func:`quote`)
VALUES: list[str] = [
    "",
    " ",
    "0",
    "-1",
    "1.5",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "1" * 40,
    "1e308",
    "1e999",
    "NaN",
    "inf",
    "-inf",
    "true",
    "null",
    "김정은",
    "𝕏𝕐",
    "\u202eevil",
    "e\u0301",
    "\ufeffUSA",
    "\x00",
    "a\x00b",
    "\n",
    "\r\nX-Injected: 1",
    "\t",
    "' OR 1=1 --",
    '"; DROP TABLE events; --',
    "%",
    "_",
    "\\",
    "../../etc/passwd",
    "/",
    "a" * 201,
    "a" * 5000,
    "2020-02-30",
    "0000",
    "9999-99-99",
    "-2020",
    "2020-13",
    "+2020",
    "USA",
    "usa",
    "ZZZ",
    "{}",
    "[1]",
    "<script>alert(1)</script>",
]

#: Query strings sent as they are (malformed %-encodings and the like)
RAW_SUFFIXES: list[str] = ["%00", "%ff", "%zz", "%", "%25", "%c0%ae%c0%ae", "%e2%80%ae", "a+b"]


def _fingerprint(filters: dict[str, Any]) -> str:
    raw = json.dumps(filters, sort_keys=True, default=str).encode()
    return hashlib.sha256(raw).hexdigest()[:12]


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def forged_cursors() -> list[str]:
    """Cursors a client could forge: the fingerprint of the unfiltered event listing is
    public knowledge (the code is open), the offset is not checked by a signature."""
    f = _fingerprint(
        {"actor": None, "type": None, "topic": None, "date_from": None, "date_to": None,
         "text": None}
    )  # fmt: skip
    docs = [
        f'{{"o": {2**63}, "f": "{f}"}}',
        f'{{"o": {2**64 + 5}, "f": "{f}"}}',
        f'{{"o": 1e400, "f": "{f}"}}',
        f'{{"o": NaN, "f": "{f}"}}',
        f'{{"o": -1, "f": "{f}"}}',
        f'{{"o": "12", "f": "{f}"}}',
        f'{{"o": [1], "f": "{f}"}}',
        f'{{"o": 1.5, "f": "{f}"}}',
        f'{{"o": true, "f": "{f}"}}',
        f'{{"o": {"9" * 5000}, "f": "{f}"}}',
        f'{{"o": 1, "f": ["{f}"]}}',
        '{"o": 1}',
        "[]",
        '"x"',
        "1",
    ]
    out = [_b64(d.encode()) for d in docs]
    out += [_b64(b"\xff\xfe\x00"), "!!!!", "a", "====", "eyJv"]
    return out


@dataclass(frozen=True)
class Probe:
    path: str  # with the query string, already encoded
    label: str


def quote(value: str) -> str:
    return urllib.parse.quote(value, safe="")


def routes(app: Any) -> Iterator[tuple[str, list[str], list[str], dict[str, str]]]:
    """(path template, path params, query params, sample values) of every GET route."""
    from fastapi.routing import APIRoute

    def walk(items: list[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
        for r in items:
            inner = getattr(r, "original_router", None)  # FastAPI >= 0.160 keeps routers
            if inner is not None:
                yield from walk(inner.routes, prefix + r.include_context.prefix)
            else:
                yield prefix, r

    for prefix, route in walk(app.routes):
        if not isinstance(route, APIRoute) or "GET" not in route.methods:
            continue
        path_params: dict[str, None] = {}
        query_params: dict[str, None] = {}
        todo = [route.dependant]
        while todo:
            dep = todo.pop()
            path_params.update(dict.fromkeys(p.alias for p in dep.path_params))
            query_params.update(dict.fromkeys(p.alias for p in dep.query_params))
            todo.extend(dep.dependencies)
        yield prefix + route.path, list(path_params), list(query_params), SAMPLES


#: A valid value for parameters a route requires
SAMPLES = {
    "partner": "USA",
    "q": "kim",
    "iso3": "SWE",
    "event_id": "x",
    "actor_id": "PRK",
    "topic_id": "x",
    "record_id": "x",
}


def _fill(template: str, values: dict[str, str]) -> str:
    out = template
    for k, v in values.items():
        out = out.replace("{" + k + "}", v)
    return out


def probes(app: Any) -> list[Probe]:
    found: list[Probe] = []
    for template, path_params, query_params, samples in routes(app):
        base_path = {p: quote(samples.get(p, "x")) for p in path_params}
        required = "&".join(f"{p}={samples[p]}" for p in query_params if p in ("partner", "q"))

        def url(
            path_values: dict[str, str], query: str, _t: str = template, _r: str = required
        ) -> str:
            p = _fill(_t, path_values)
            q = "&".join(x for x in (_r, query) if x)
            return p + ("?" + q if q else "")

        for p in path_params:
            for v in VALUES:
                if v in ("", "/"):
                    continue  # another route, not this parameter
                found.append(Probe(url({**base_path, p: quote(v)}, ""), f"{template} {p}={v!r}"))
            for raw in RAW_SUFFIXES:
                found.append(Probe(url({**base_path, p: raw}, ""), f"{template} {p}=raw {raw}"))
        for p in query_params:
            values = VALUES + (forged_cursors() if p == "cursor" else [])
            for v in values:
                found.append(Probe(url(base_path, f"{p}={quote(v)}"), f"{template} {p}={v[:40]!r}"))
            for raw in RAW_SUFFIXES:
                found.append(Probe(url(base_path, f"{p}={raw}"), f"{template} {p}=raw {raw}"))
            found.append(Probe(url(base_path, f"{p}=a&{p}=b&{p}=USA"), f"{template} {p} repeated"))
            found.append(Probe(url(base_path, f"{p}"), f"{template} {p} without '='"))
        found.append(Probe(url(base_path, "unknown=1&&=&==&%00=1"), f"{template} junk query"))
    return found


def check(status: int, content_type: str, body: bytes, path: str) -> str | None:
    """What is wrong with an answer, or None."""
    if status >= 500:
        return f"{status}: {body[:200]!r}"
    api = path.startswith(("/api/", "/match/"))
    if api and status >= 400 and content_type.startswith("application/json"):
        doc = json.loads(body)
        if set(doc) != {"ok", "error", "status"} or doc["status"] != status:
            return f"{status} without the error shape: {body[:200]!r}"
    return None


def run_http(base: str) -> list[tuple[Probe, str]]:  # pragma: no cover (a manual tool)
    import http.client

    from nkwatch.api.app import create_app

    parts = urllib.parse.urlsplit(base)
    app = create_app(prepare=False, cache=False)  # only for the route table
    failures = []
    all_probes = probes(app)
    for probe in all_probes:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        try:
            conn.request("GET", probe.path)
            r = conn.getresponse()
            problem = check(r.status, r.getheader("content-type") or "", r.read(), probe.path)
        except Exception as exc:  # a reset connection is a failure too
            problem = f"no answer: {type(exc).__name__}: {exc}"
        finally:
            conn.close()
        if problem:
            failures.append((probe, problem))
    print(f"{len(all_probes)} probes, {len(failures)} failed")
    for probe, problem in failures:
        print(f"  {probe.label[:100]}: {problem[:200]}")
    return failures


if __name__ == "__main__":  # pragma: no cover
    sys.exit(1 if run_http(sys.argv[1]) else 0)
