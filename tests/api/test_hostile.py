"""Every GET route and parameter against hostile strings (tests/api/hostile.py): no server
error, the one error shape. Before the fixes, 4 of 5,099 probes gave 500 (forged cursors
with offsets 2**63, 2**64+5 and 1e400; a Hangul partner in /api/dyads.csv)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .hostile import check, probes


def test_no_hostile_get_is_a_server_error(app):
    found = probes(app)
    assert len(found) > 3000
    failures = []
    with TestClient(app, raise_server_exceptions=False) as client:
        for probe in found:
            r = client.get(probe.path)
            problem = check(r.status_code, r.headers.get("content-type", ""), r.content, probe.path)
            if problem:
                failures.append(f"{probe.label[:100]}: {problem[:160]}")
    assert not failures, f"{len(failures)} of {len(found)} probes failed:\n" + "\n".join(failures)
