"""Agreement of nkwatch.names' McCune–Reischauer ("mr") romanization with the Library of
Congress ScriptShifter reference pairs (ALA-LC romanization of Hangul).

    python benchmarks/loc_agreement.py [--sample N] [--system mr]

Reads ``$NKWATCH_SHARED_DATA/loc-scriptshifter-korean/korean.csv`` (default: ``../shared/data``
beside the repository). Prints the agreement overall and per table (korean_names,
korean_nonames, and unlabelled text with personal names), the disagreements counted by
cause, and a sample of them.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from shared_data import require  # benchmarks/shared_data.py (this script's folder)

REPO = Path(__file__).resolve().parents[1]
try:
    from nkwatch.names.agreement import MIXED, NAMES, NONAMES, compare, read_pairs
except ImportError:  # run from a checkout without the package installed
    sys.path.insert(0, str(REPO / "src"))
    from nkwatch.names.agreement import MIXED, NAMES, NONAMES, compare, read_pairs


PAIRS = "loc-scriptshifter-korean/korean.csv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=3, help="disagreements shown per cause")
    parser.add_argument("--system", default="mr", help="romanization system (default mr)")
    args = parser.parse_args(argv)
    path = require(PAIRS) / PAIRS
    pairs = read_pairs(path)
    result = compare(pairs, args.system)
    print(f"LoC ScriptShifter Korean pairs: {path}")
    print(f"Hangul rows compared (Hanja rows left out): {len(pairs)}; system {args.system!r}\n")
    print(f"{'table':<18} {'agree':>6} {'rows':>6} {'agreement':>10}")
    for table in (NAMES, NONAMES, MIXED, None):
        agree = sum(result.agree.values()) if table is None else result.agree[table]
        total = sum(result.total.values()) if table is None else result.total[table]
        print(f"{table or 'overall':<18} {agree:>6} {total:>6} {result.rate(table):>10.1%}")
    causes = Counter(d.cause for d in result.disagreements)
    print(f"\nDisagreements by cause ({len(result.disagreements)}):")
    for cause, count in causes.most_common():
        print(f"  {count:>4}  {cause}")
    print("\nSample of disagreements (source | expected | ours):")
    for cause, _ in causes.most_common():
        sample = [d for d in result.disagreements if d.cause == cause][: args.sample]
        print(f"  [{cause}]")
        for d in sample:
            print(f"    {d.source} | {d.expected} | {d.got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
