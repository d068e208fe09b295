"""Pick a fixed random sample of event summaries to check against their sources (issue 11,
"Own words"), and measure how closely a summary follows a source text.

    PYTHONPATH=src python scripts/own_words_sample.py [KB_DIR]          # the sample
    PYTHONPATH=src python scripts/own_words_sample.py --compare ID FILE  # one summary vs FILE
    PYTHONPATH=src python scripts/own_words_sample.py --table DIR [REWRITTEN_ID ...] [--kb KB]

``--table`` writes the results table (CSV: id, source_found, url, longest_run, rewritten) for
the sample: DIR holds one ``<event id>.txt`` per event whose source text was found (first line:
the URL compared; the rest: the stored excerpt text); events without a file are recorded as not
found, with their first source URL. Measure against the record as it was before rewriting
(``--kb``), so the table shows the runs that were flagged.

The sample is 100 events drawn with ``random.Random(11)`` from all events sorted by id, so it
is the same on every run while the set of event ids is unchanged. For each event it prints the
id, the summary and the URLs of its sources.

:func:`longest_shared_run` gives the longest run of identical words two texts share, compared
case-insensitively with punctuation ignored. A summary sharing a run of 8 or more words with a
source (other than names, titles and quotations) was flagged and rewritten; the results are
in ``scripts/own_words_sample.csv``.
"""

from __future__ import annotations

import random
import re
import sys

from nkwatch.model import load_kb

SEED = 11
SAMPLE_SIZE = 100
FLAG_AT = 8

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


def words(text: str) -> list[str]:
    """The words of text, lower-cased, with punctuation dropped (apostrophes inside a word
    kept, typographic ones made plain)."""
    return [w.replace("\u2019", "'") for w in _WORD.findall(text.casefold())]


def longest_shared_run(a: str, b: str) -> int:
    """The length, in words, of the longest run of consecutive words that a and b share
    (case-insensitive, punctuation ignored)."""
    wa, wb = words(a), words(b)
    best = 0
    prev = [0] * (len(wb) + 1)
    for x in wa:
        cur = [0] * (len(wb) + 1)
        for j, y in enumerate(wb, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best = cur[j]
        prev = cur
    return best


def shared_run(a: str, b: str) -> str:
    """The longest run itself (the words of a), for reading a flagged match."""
    wa, wb = words(a), words(b)
    best, end = 0, 0
    prev = [0] * (len(wb) + 1)
    for i, x in enumerate(wa, 1):
        cur = [0] * (len(wb) + 1)
        for j, y in enumerate(wb, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best, end = cur[j], i
        prev = cur
    return " ".join(wa[end - best : end])


def sample(kb) -> list:
    events = sorted(kb.events.values(), key=lambda e: e.id)
    return random.Random(SEED).sample(events, SAMPLE_SIZE)


def table(kb, excerpt_dir: str, rewritten: set[str], out=sys.stdout) -> None:
    import csv
    import os

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "source_found", "url", "longest_run", "rewritten"])
    for event in sample(kb):
        path = os.path.join(excerpt_dir, f"{event.id}.txt")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                url, _, text = f.read().partition("\n")
            url = url.split(" ")[0]
            row = [event.id, "yes", url, longest_shared_run(event.summary, text)]
        else:
            row = [event.id, "no", kb.sources[event.sources[0]].url, ""]
        writer.writerow([*row, "yes" if event.id in rewritten else "no"])


def main(argv: list[str]) -> None:
    if argv[:1] == ["--table"]:
        args = argv[1:]
        kb_dir = None
        if "--kb" in args:
            i = args.index("--kb")
            kb_dir = args[i + 1]
            del args[i : i + 2]
        table(load_kb(kb_dir), args[0], set(args[1:]))
        return
    if argv[:1] == ["--compare"]:
        kb = load_kb(argv[3] if len(argv) > 3 else None)
        event = kb.events[argv[1]]
        with open(argv[2], encoding="utf-8") as f:
            text = f.read()
        run = longest_shared_run(event.summary, text)
        print(f"{event.id}\t{run}\t{shared_run(event.summary, text)}")
        return
    kb = load_kb(argv[0] if argv else None)
    for n, event in enumerate(sample(kb), 1):
        print(f"## {n} {event.id}")
        print(" ".join(event.summary.split()))
        for sid in event.sources:
            src = kb.sources[sid]
            print(f"  - {sid}: {src.url}  [{src.title}]")
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
