"""Hostile and generated input files for the hardening tests, written in the test's own
temporary folder (never real data): GDELT rows, zip bombs, billion laughs, XXE, huge lines."""

from __future__ import annotations

import zipfile
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
#: a real-shaped GDELT 2.0 line of our own fixture (61 fields), its id replaced per row
GDELT2_LINE = (FIXTURES / "events" / "gdelt2-small.export.CSV").read_text().splitlines()[0]
_REST = GDELT2_LINE.split("\t", 1)[1]


def gdelt2_rows(n: int, first: int = 700_000_001, *, dprk_every: int = 1) -> str:
    """``n`` GDELT 2.0 rows with consecutive ids from ``first`` (the shape of an export)."""
    return "".join(f"{first + i}\t{_REST}\n" for i in range(n))


def write_gdelt2(path: Path, n: int, first: int = 700_000_001) -> Path:
    with path.open("w") as fh:
        step = 50_000
        for start in range(0, n, step):
            fh.write(gdelt2_rows(min(step, n - start), first + start))
    return path


def zip_bomb(path: Path, member: str, size: int, byte: bytes = b"\t") -> Path:
    """A zip holding one member of ``size`` identical bytes (a few KB per 10 MB)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf, zf.open(member, "w") as fh:
        chunk = byte * (1 << 20)
        left = size
        while left > 0:
            fh.write(chunk[: min(left, len(chunk))])
            left -= len(chunk)
    return path


def lying_zip(path: Path, member: str, real: bytes, claimed: int) -> Path:
    """A zip whose header claims ``claimed`` bytes for a member that holds ``real``."""
    zip_path = path
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(member, real)
    data = bytearray(zip_path.read_bytes())
    size = len(real).to_bytes(4, "little")
    fake = min(claimed, 0xFFFFFFFF).to_bytes(4, "little")
    # local header (offset 22) and central directory (offset 24 from its signature)
    data[22:26] = fake
    cd = data.rfind(b"PK\x01\x02")
    if data[cd + 24 : cd + 28] == size:
        data[cd + 24 : cd + 28] = fake
    zip_path.write_bytes(bytes(data))
    return zip_path


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<ROOT>&lol9;</ROOT>
"""


def billion_laughs(root: str, wrap: str) -> bytes:
    """The billion laughs, with the list's root element and the entity inside ``wrap``
    (e.g. ``<INDIVIDUAL><FIRST_NAME>{}</FIRST_NAME></INDIVIDUAL>``)."""
    head, _ = BILLION_LAUGHS.split(b"<ROOT>")
    return head + f"<{root}>{wrap.format('&lol9;')}</{root}>\n".encode()


def xxe(root: str, wrap: str, target: Path) -> bytes:
    """An external entity reading ``target`` into a field."""
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file://{target}">]>\n'
        f"<{root}>{wrap.format('&xxe;')}</{root}>\n"
    ).encode()
