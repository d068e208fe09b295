"""nomenklatura's logic-v1 and logic-v2 on the screening benchmark's queries.

Runs in the benchmark's own environment (nomenklatura and followthemoney are not nkwatch
dependencies):

    make bench-screening-nomenklatura     # after make bench-screening; or by hand:
    python3.11 -m venv /tmp/nkbench/nomenklatura-venv
    /tmp/nkbench/nomenklatura-venv/bin/pip install nomenklatura==4.17.4 rapidfuzz==3.14.6
    /tmp/nkbench/nomenklatura-venv/bin/python benchmarks/screening/nomenk.py /tmp/nkbench/screening

nomenklatura scores pairs; like yente, it needs a search step to find candidates. Here the
candidates are the 30 listed names closest by rapidfuzz token-sort ratio (held-out names
left out), grouped by entity; each entity carries all its (remaining) names and dates of
birth. A match is a score of at least 0.7, yente's default threshold.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from followthemoney import model
from nomenklatura.matching import get_algorithm
from nomenklatura.matching.types import ScoringConfig
from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parent))
from metrics import load, words

THRESHOLD = 0.7
CANDIDATES = 30
SCHEMA = {"Person": "Person", "Vessel": "Vessel"}


def run(
    work: Path,
    algorithm: str,
    use_dob: bool,
    queries: list[dict[str, Any]],
    targets: list[dict[str, Any]],
    oracle: bool = False,
) -> tuple[list, float]:
    matcher = get_algorithm(algorithm)
    assert matcher is not None, algorithm
    config = ScoringConfig(weights={}, config={k: v.default for k, v in matcher.CONFIG.items()})
    by_key = {t["key"]: t for t in targets}
    keys, names, folded = [], [], []
    for t in targets:
        for n in t["names"]:
            keys.append(t["key"])
            names.append(n)
            folded.append(words(n))
    out = []
    started = time.process_time()  # CPU seconds of this process: the machine may be shared
    for qi, q in enumerate(queries):
        hold = {(k, n) for k, n in q["hold"]}
        candidates: list[str] = []
        for _, _, i in process.extract(
            words(q["query"]), folded, scorer=fuzz.token_sort_ratio, limit=CANDIDATES + len(hold)
        ):
            if (keys[i], names[i]) not in hold and keys[i] not in candidates:
                candidates.append(keys[i])
        query = model.make_entity("Person")
        query.id = f"q{qi}-{algorithm}-{use_dob}"
        query.add("name", q["query"])
        if use_dob and q["dob"]:
            query.add("birthDate", q["dob"])
        found = []
        if oracle:  # the right entities always among the candidates: the matcher alone
            candidates = candidates[:CANDIDATES] + [k for k in q["answer"] if k not in candidates]
        for key in candidates[: CANDIDATES + (len(q["answer"]) if oracle else 0)]:
            t = by_key[key]
            entity = model.make_entity(SCHEMA.get(t["schema"], "LegalEntity"))
            entity.id = f"t{qi}-{key}-{algorithm}-{use_dob}"
            entity.add("name", [n for n in t["names"] if (key, n) not in hold])
            if t["schema"] == "Person":
                entity.add("birthDate", t["dobs"], quiet=True)
            result = matcher.compare(query, entity, config)
            if result.score >= THRESHOLD:
                found.append([key, round(result.score, 4)])
        out.append(found)
    return out, time.process_time() - started


def main() -> None:
    work = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/nkwatch-screening-bench")
    queries, targets = load(work)
    if "--oracle" in sys.argv:
        # positives only, with the right entities forced among the candidates
        results = {}
        for algorithm in ("logic-v1", "logic-v2"):
            for use_dob in (True, False):
                setting = "name+dob" if use_dob else "name"
                positives = [
                    q if q["set"].startswith("P") else {**q, "set": "skip"} for q in queries
                ]
                chosen = [q for q in positives if q["set"] != "skip"]
                matches, secs = run(work, algorithm, use_dob, chosen, targets, oracle=True)
                it = iter(matches)
                full = [next(it) if q["set"] != "skip" else [] for q in positives]
                results[f"nomenklatura {algorithm} (right entity forced in)|{setting}"] = {
                    "matches": full,
                    "seconds": secs,
                }
                print(f"{algorithm} {setting} oracle done", flush=True)
        (work / "results-nomenklatura-oracle.json").write_text(json.dumps(results))
        return
    algorithms = _arg("--algorithms", "logic-v1,logic-v2").split(",")
    sets = _arg("--sets", "")
    chosen = [q for q in queries if not sets or q["set"] in sets.split(",")]
    saved = work / "results-nomenklatura.json"
    results = json.loads(saved.read_text()) if saved.exists() and sets else {}
    for algorithm in algorithms:
        for use_dob in (True, False):
            setting = "name+dob" if use_dob else "name"
            matches, secs = run(work, algorithm, use_dob, chosen, targets)
            it = iter(matches)
            # queries of the sets not run are None: the report shows n/a for them
            full = [next(it) if q in chosen else None for q in queries] if sets else matches
            results[f"nomenklatura {algorithm}|{setting}"] = {
                "matches": full,
                "seconds": secs,
                "n": len(chosen),
            }
            print(f"{algorithm} {setting}: {len(chosen) / secs:.0f} names/s", flush=True)
    saved.write_text(json.dumps(results))


def _arg(flag: str, default: str) -> str:
    """``--flag value`` from the command line (run with --sets P3,P4 to run only those)."""
    if flag in sys.argv:
        return sys.argv[sys.argv.index(flag) + 1]
    return default


if __name__ == "__main__":
    main()
