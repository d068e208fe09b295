"""Every explorer page in headless Chromium, with the full curated record and the real data
sets ingested: HTML bytes, time to the load event, time to the first chart (median and worst
of RUNS loads, each in a fresh browser context), and the timeline's zoom with 10,000+ events.

    python benchmarks/pages/run.py [--runs 5] [--work /tmp/nkbench/pages] [--cache] \
        [--only /isolation --only /charts]

The store holds the bundled record and, from $NKWATCH_SHARED_DATA: ICEWS14 and ICEWS18
(valid and test splits), the CNS missile tests, the CSIS provocations, both UN Consolidated
List copies, both OFAC SDN copies, the UN General Assembly votes (unvotes) and the Correlates
of War data (COW). A second store adds generated ICEWS triples for the
scale test: 8,000 of the real DPRK triples again on random days of 1995-2023 (new dates, so
new ids), so that the timeline with its layers holds 12,000+ events. The server is uvicorn on
loopback with the response cache off (``--cache`` turns it on: each page after its first
load is then served from memory), so every load runs the page's queries.

Targets (issue 12): every page under 200 KB of HTML and under 500 ms to the load event; the
timeline with 10,000 events answers each zoom step within 100 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from shared_data import require

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
#: the first chart of each page, as a CSS selector (None: the page draws none)
CHART = {
    "timeline": "#timeline circle, #timeline .cluster",
    "map": "#worldmap path",
    "country": "#dyad-chart .vchart-view svg",  # the series, fetched after the page
    "network": "svg.network circle",
    "charts": "main svg path",
    "isolation": "main svg path",
    "missiles": "#site-map circle.site",
}
FILES = [
    "icews14-tkg/valid.txt", "icews14-tkg/test.txt", "icews18-tkg/valid.txt",
    "icews18-tkg/test.txt", "cns-nk-missile-tests/north_korea_missile_test_database.csv",
    "csis-nk-provocations/north_korea_provocations_1958_present.csv",
    "un-sc-consolidated/consolidated-20221021.xml", "un-sc-consolidated/consolidated-202303.xml",
    "ofac-sdn/sdn.csv", "ofac-sdn-2021/sdn.csv", "ofac-sdn-2021/alt.csv", "ofac-sdn-2021/add.csv",
]  # fmt: skip
#: the UN General Assembly votes and the Correlates of War data (the isolation page's series,
#: its map and partners, the country pages' UN agreement): folders, ingested whole
DATASETS = {"unvotes": ["unvotes/un_votes.csv.gz", "unvotes/un_roll_calls.csv"],
            "cow": ["cow/MIDA 4.3.csv", "cow/MIDB 4.3.csv"]}  # fmt: skip


def build(db: Path, data: Path, extra: Path | None = None) -> None:
    from nkwatch.lists import ingest as ingest_list
    from nkwatch.sources.ingest import ingest
    from nkwatch.store import Store

    if db.exists():
        if extra is None:
            datasets(db, data)
        return
    Store.open(db).close()
    ingest(db, "icews", [data / f for f in FILES[:4]] + ([extra] if extra else []))
    ingest(db, "cns-missiles", [data / FILES[4]])
    ingest(db, "csis-provocations", [data / FILES[5]])
    for f in FILES[6:8]:
        ingest_list(db, "un-sanctions", [data / f])
    # the OFAC copies carry no date of their own: the days they were published (data README)
    ingest_list(
        db, "ofac-sdn", [data / FILES[9], data / FILES[10], data / FILES[11]], date="2021-04-25"
    )
    ingest_list(db, "ofac-sdn", [data / FILES[8]], date="2024-05-03")
    if extra is None:  # the scale store serves the timeline only
        datasets(db, data)


def datasets(db: Path, data: Path) -> None:
    """The UN votes and COW into the store, unless they are there (a store built before the
    benchmark read them gets them added)."""
    import duckdb

    from nkwatch.sources.datasets import ingest_dataset

    with duckdb.connect(str(db), read_only=True) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        done = set()
        if "ds_files" in tables:
            done = {r[0] for r in con.execute("SELECT DISTINCT dataset FROM ds_files").fetchall()}
    for name in DATASETS:
        if name not in done:
            ingest_dataset(db, name, [data / name])


def scale_file(data: Path, out: Path, target: int = 8_000) -> Path:
    """Real DPRK triples repeated over 1995-2023 with shifted dates: a layer of 10,000+."""
    if out.exists():
        return out
    rows = []
    for f in FILES[:4]:
        for line in (data / f).read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 4 and ("North_Korea" in parts[0] or "North_Korea" in parts[2]):
                rows.append(parts)
    rng = random.Random(12)
    start = dt.date(1995, 1, 1).toordinal()
    span = dt.date(2023, 12, 31).toordinal() - start
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for i in range(target):
            s, rel, o, _ = rows[i % len(rows)]
            day = dt.date.fromordinal(start + rng.randrange(span))
            fh.write(f"{s}\t{rel}\t{o}\t{day.isoformat()}\n")  # a new date: a new id
    return out


SERVE = """
import sys, uvicorn
from nkwatch.api.app import create_app
app = create_app(sys.argv[1], prepare=False, cache=sys.argv[3] == "cache")
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def serve(db: Path, cache: bool) -> tuple[str, subprocess.Popen]:
    """The explorer in a process of its own (not sharing this one's interpreter with the
    browser driver), on a free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(db), str(port), "cache" if cache else "no-cache"]
    )
    for _ in range(600):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return f"http://127.0.0.1:{port}", proc


def pages(db: Path) -> list[tuple[str, str]]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    icews = con.execute("SELECT id FROM ev_reports_icews WHERE actor1 = 'PRK' LIMIT 1").fetchone()
    ofac = con.execute("SELECT list_id FROM sl_entities WHERE list = 'ofac' AND dprk AND imo <> [] "
                       "LIMIT 1").fetchone()  # fmt: skip
    con.close()
    return [
        ("overview", "/"),
        ("timeline", "/timeline"),
        ("timeline", "/timeline?layer=icews&layer=cns&layer=csis"),
        ("timeline", "/timeline?country=USA&layer=icews"),
        ("timeline", "/timeline?page=5"),
        ("missiles", "/missiles"),
        ("missiles", "/missiles?missing=any&source=csis&page=3"),
        ("event", "/record/ev-2006-10-09-first-nuclear-test"),
        ("report", "/record/cns:111"),
        ("report", f"/record/{icews[0]}"),
        ("list-entity", "/list-entity/un/KPe.001"),
        ("list-entity", f"/list-entity/ofac/{ofac[0]}"),
        ("list-entities", "/list-entities"),
        ("search", "/search?q=kim"),
        ("search", "/search?q=japan&kind=reports&page=3"),
        ("map", "/map"),
        ("network", "/network"),
        ("countries", "/countries"),
        ("country", "/country/USA"),
        ("actors", "/actors"),
        ("actor", "/actor/kim-jong-un"),
        ("topics", "/topics"),
        ("topic", "/topic/nuclear"),
        ("sanctions", "/sanctions"),
        ("charts", "/charts"),
        ("isolation", "/isolation"),
        ("media", "/media"),
    ]


FIRST_CHART = """
(sel) => { window.__chart = null; window.__ready = null; if (!sel) return;
  const look = () => {
    if (window.__chart === null && document.querySelector(sel)) window.__chart = performance.now();
    if (document.querySelector("#timeline[data-ready='1']")) window.__ready = performance.now();
    if (window.__chart === null || (document.getElementById('timeline') && window.__ready === null))
      requestAnimationFrame(look); };
  document.addEventListener('DOMContentLoaded', look); }
"""


def measure(browser, base: str, kind: str, path: str, runs: int) -> dict:
    """RUNS loads of one page in one tab with the browser's cache off (every file is fetched
    again, as on a first visit), after a first load that is not counted: the tab's renderer
    process is started once, as in a browser a reader already has open."""
    loads, charts, firsts, ready, size = [], [], [], [], 0
    sel = CHART.get(kind)
    # the explorer's Content-Security-Policy forbids eval, which Playwright's waits use
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, bypass_csp=True)
    page = ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    page.add_init_script(script=f"({FIRST_CHART})({json.dumps(sel)})")
    for i in range(runs + 1):
        resp = page.goto(base + path, wait_until="load", timeout=60_000)
        assert resp is not None and resp.ok, (path, resp and resp.status)
        size = len(resp.body())
        nav = page.evaluate("performance.getEntriesByType('navigation')[0].toJSON()")
        if sel:
            page.wait_for_function("window.__chart !== null", timeout=30_000)
        if kind == "timeline":
            page.wait_for_function("window.__ready !== null", timeout=60_000)
        # what the page fetches after its load event (the timeline's points, its layers, its
        # series) ends before the next load, so that no load waits on the one before
        page.wait_for_load_state("networkidle", timeout=60_000)
        if i == 0:
            continue
        loads.append(nav["loadEventEnd"] - nav["startTime"])
        firsts.append(nav["responseStart"] - nav["startTime"])
        if sel:
            charts.append(page.evaluate("window.__chart"))
        if kind == "timeline":
            ready.append(page.evaluate("window.__ready"))
    ctx.close()
    return {
        "page": path,
        "html_kb": size / 1024,
        "first_byte": statistics.median(firsts),
        "load_med": statistics.median(loads),
        "load_max": max(loads),
        "chart_med": statistics.median(charts) if charts else None,
        "chart_max": max(charts) if charts else None,
        "ready_med": statistics.median(ready) if ready else None,
    }


ZOOM_STEP = """
async (id) => { const t = performance.now(); document.getElementById(id).click();
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return [performance.now() - t, +document.getElementById('timeline').dataset.drawMs,
          +document.getElementById('timeline').dataset.shown]; }
"""


def zoom(browser, base: str, path: str, steps: int = 8) -> dict:
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, bypass_csp=True)
    page = ctx.new_page()
    page.goto(base + path, wait_until="load")
    page.wait_for_selector("#timeline[data-ready='1']", timeout=60_000)
    total = int(page.get_attribute("#timeline", "data-count"))
    frame, draw = [], []
    for button in ["zoom-in"] * steps + ["zoom-out"] * steps + ["zoom-reset"]:
        f, d, _ = page.evaluate(ZOOM_STEP, button)
        frame.append(f)
        draw.append(d)
    ctx.close()
    return {
        "page": path,
        "events": total,
        "steps": len(frame),
        "frame_med": statistics.median(frame),
        "frame_max": max(frame),
        "draw_med": statistics.median(draw),
        "draw_max": max(draw),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work", type=Path, default=Path("/tmp/nkbench/pages"))
    ap.add_argument("--cache", action="store_true", help="serve with the response cache on")
    ap.add_argument("--only", action="append", default=[], metavar="TEXT",
                    help="measure only the pages whose path holds TEXT (repeatable); with it "
                    "the scale store and the zoom steps are left out")  # fmt: skip
    args = ap.parse_args()
    data = require(*FILES, *(f for files in DATASETS.values() for f in files))
    args.work.mkdir(parents=True, exist_ok=True)
    full, scale = args.work / "full.duckdb", args.work / "scale.duckdb"
    t = time.time()
    build(full, data)
    if not args.only:
        build(scale, data, scale_file(data, args.work / "icews-dprk-scale.txt"))
    print(f"stores built in {time.time() - t:.0f} s", file=sys.stderr)
    from playwright.sync_api import sync_playwright

    urls = pages(full)  # before the servers open the stores
    if args.only:
        urls = [(k, p) for k, p in urls if any(t in p for t in args.only)]
    base, server = serve(full, args.cache)
    scale_base, scale_server = serve(scale, args.cache) if not args.only else (None, None)
    layer = "/timeline?layer=icews&layer=cns&layer=csis"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        rows = [measure(browser, base, kind, path, args.runs) for kind, path in urls]
        zooms = []
        if scale_base:
            rows.append(measure(browser, scale_base, "timeline", layer, args.runs) |
                        {"page": layer + " (10,000+ events)"})  # fmt: skip
            zooms = [zoom(browser, base, layer), zoom(browser, scale_base, layer)]
        browser.close()
    # the server's own time, no browser running: GET of the page, whole answer read
    measured = [*urls, ("timeline", layer)] if scale_base else urls
    for r, (_, path) in zip(rows, measured, strict=True):
        r["server"] = server_time((scale_base if "10,000" in r["page"] else base) + path)
    server.terminate()
    if scale_server:
        scale_server.terminate()
    report(rows, zooms, args)


def server_time(url: str, runs: int = 5) -> float:
    import urllib.request

    times = []
    for _ in range(runs):
        t = time.perf_counter()
        with urllib.request.urlopen(url, timeout=60) as resp:
            resp.read()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def _ms(v: float | None) -> str:
    return "" if v is None else f"{v:.0f}"


def report(rows: list[dict], zooms: list[dict], args: argparse.Namespace) -> None:
    import os

    load = os.getloadavg()[0]
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [f"Pages, {when}, {args.runs} loads each, response cache "
           f"{'on' if args.cache else 'off'}, load average {load:.1f}:", "",
           "| page | HTML KB | server ms, no browser | first byte ms | load ms (median) "
           "| load ms (worst) | first chart ms (median) | first chart ms (worst) "
           "| every event drawn ms |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for r in rows:
        out.append(
            f"| `{r['page']}` | {r['html_kb']:.0f} | {_ms(r['server'])} | {_ms(r['first_byte'])} "
            f"| {_ms(r['load_med'])} "
            f"| {_ms(r['load_max'])} "
            f"| {_ms(r['chart_med'])} | {_ms(r['chart_max'])} | {_ms(r['ready_med'])} |"
        )
    over = [r["page"] for r in rows if r["html_kb"] >= 200 or r["load_med"] >= 500]
    out += ["", f"Over a target (200 KB, 500 ms median): {', '.join(over) or 'none'}."]
    if args.only:  # some pages only: printed, RESULTS.md (the whole run) left as it is
        print("\n".join(out) + "\n")
        return
    out += ["", "| timeline zoom | events | steps | frame ms (median) | frame ms (worst) "
            "| draw ms (median) | draw ms (worst) |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for z in zooms:
        out.append(
            f"| `{z['page']}` | {z['events']} | {z['steps']} | {z['frame_med']:.0f} "
            f"| {z['frame_max']:.0f} | {z['draw_med']:.1f} | {z['draw_max']:.1f} |"
        )
    text = "\n".join(out) + "\n"
    print(text)
    (Path(__file__).parent / "RESULTS.md").write_text(text, "utf-8")


if __name__ == "__main__":
    main()
