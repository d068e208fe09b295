"""List events and claims whose sources are all Wikipedia pages (issue 11).

    PYTHONPATH=src python scripts/wikipedia_only.py [KB_DIR] [--list]
"""

from __future__ import annotations

import sys
from urllib.parse import urlparse

from nkwatch.model import load_kb


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    kb = load_kb(args[0] if args else None)

    def wiki(sid: str) -> bool:
        return urlparse(kb.sources[sid].url).netloc.endswith("wikipedia.org")

    for kind in ("events", "claims"):
        records = getattr(kb, kind)
        only = sorted(
            (r for r in records.values() if r.sources and all(wiki(s) for s in r.sources)),
            key=lambda r: r.id,
        )
        share = 100 * len(only) / len(records) if records else 0.0
        print(f"{kind}: {len(only)}/{len(records)} = {share:.1f}% Wikipedia-only")
        if "--list" in argv:
            for r in only:
                print(f"  {r.id}  {', '.join(r.sources)}")


if __name__ == "__main__":
    main(sys.argv[1:])
