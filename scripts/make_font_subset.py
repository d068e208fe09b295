"""Make the explorer's Korean font: Noto Sans KR cut to the Hangul that nkwatch shows.

The pages show Hangul from the curated record (names of people and organizations), the
romanization tables of nkwatch.names (the syllables the screener explains: "Chul = Chol (both
철)") and the jamo of its explanations. The browser takes these glyphs from the subset and any
other Hangul (a name a user types) from the system's fonts: the @font-face in explorer.css
limits the subset to the Hangul ranges with unicode-range, so nothing else changes.

Input: the static TTFs of the npm package @expo-google-fonts/noto-sans-kr (OFL-1.1, the
Google Fonts build of Noto Sans KR): ``npm pack @expo-google-fonts/noto-sans-kr@0.4.3 &&
tar xzf expo-google-fonts-noto-sans-kr-0.4.3.tgz``. Needs fonttools and brotli (build time
only: ``pip install fonttools brotli``).

    python scripts/make_font_subset.py package/
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "nkwatch" / "web" / "static" / "vendor" / "noto-sans-kr"
HANGUL = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
SUFFIXES = {".yaml", ".csv", ".py", ".html", ".js", ".json", ".txt"}
WEIGHTS = {"400": "400Regular/NotoSansKR_400Regular.ttf", "700": "700Bold/NotoSansKR_700Bold.ttf"}


def hangul_in_package() -> str:
    chars: set[str] = set()
    for path in sorted((REPO / "src" / "nkwatch").rglob("*")):
        if path.is_file() and path.suffix in SUFFIXES and "vendor" not in path.parts:
            chars |= set(HANGUL.findall(path.read_text("utf-8", errors="ignore")))
    chars |= {chr(c) for c in range(0x3131, 0x3164)}  # the compatibility jamo ㄱ…ㅣ
    return "".join(sorted(chars))


def main(package: str) -> None:
    src = Path(package)
    text = hangul_in_package()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "characters.txt").write_text(text + "\n", "utf-8")
    for weight, rel in WEIGHTS.items():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "fontTools.subset",
                str(src / rel),
                f"--text-file={OUT / 'characters.txt'}",
                "--flavor=woff2",
                "--layout-features=*",
                "--no-hinting",
                "--desubroutinize",
                f"--output-file={OUT / f'NotoSansKR-subset-{weight}.woff2'}",
            ],  # fmt: skip
            check=True,
        )
    shutil.copy(src / "LICENSE_FONT", OUT / "OFL.txt")
    print(f"{len(text)} characters -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
