// The timeline: every event on a zoomable time axis, the curated record above the axis and
// the event-data layers below it. Events that fall in one column are stacked; a column with
// more than fit becomes a cluster showing its count (click it to zoom in). Wheel or +/- zoom,
// drag or arrow keys pan. The table under the axis follows the zoomed window, a page at a
// time (/api/timeline/window). Drawing touches only the columns in view, so a step costs the
// same with 500 or 50,000 events.
(function () {
  "use strict";
  var svg = document.getElementById("timeline");
  if (!svg) return;
  var NS = "http://www.w3.org/2000/svg", DAY = 864e5, YEAR = 365.25 * DAY;
  var withLayer = svg.classList.contains("with-layer");
  var H = withLayer ? 270 : 160, PAD = 24, COL = 14, STACK = 8, STEP = 11;
  var AXIS = withLayer ? 142 : 138, W = 1000, PAGE = 50;
  var ids = [], titles = [], dates = [], layers = [], quads = [], t0 = [], t1 = [], spans = [];
  var lo = Date.UTC(1945, 0, 1), hi = Date.UTC(new Date().getUTCFullYear() + 1, 0, 1);
  var view = { a: lo, b: hi }, timer = null, pending = null;

  function toTime(d, end) {
    var p = d.split("-"), y = +p[0], m = p[1] ? +p[1] - 1 : (end ? 11 : 0);
    var day = p[2] ? +p[2] : (end ? new Date(Date.UTC(y, m + 1, 0)).getUTCDate() : 1);
    return Date.UTC(y, m, day);
  }
  function iso(t) { return new Date(t).toISOString().slice(0, 10); }
  function x(t) { return PAD + (W - 2 * PAD) * (t - view.a) / (view.b - view.a); }
  function el(name, attrs, parent) {
    var n = document.createElementNS(NS, name);
    for (var k in attrs) n.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(n);
    return n;
  }
  function first(t) { // the first event starting at or after t (events are sorted by start)
    var a = 0, b = t0.length;
    while (a < b) { var m = (a + b) >> 1; if (t0[m] < t) a = m + 1; else b = m; }
    return a;
  }
  function ticks() {
    var years = (view.b - view.a) / YEAR, most = Math.max(3, Math.floor(W / 75)), out = [];
    if (years < 3) {
      var step = 1;
      [1, 2, 3, 6].some(function (s) { step = s; return years * 12 / s <= most; });
      var d = new Date(view.a), y = d.getUTCFullYear(), m = Math.ceil(d.getUTCMonth() / step) * step;
      for (var t = Date.UTC(y, m, 1); t <= view.b; m += step, t = Date.UTC(y, m, 1)) {
        out.push({ t: t, label: m % 12 === 0 ? String(new Date(t).getUTCFullYear()) : iso(t).slice(0, 7) });
      }
      return out;
    }
    var ystep = 1;
    [1, 2, 5, 10, 20, 50].some(function (s) { ystep = s; return years / s <= most; });
    var y0 = new Date(view.a).getUTCFullYear(), y1 = new Date(view.b).getUTCFullYear();
    for (var yy = Math.ceil(y0 / ystep) * ystep; yy <= y1; yy += ystep) out.push({ t: Date.UTC(yy, 0, 1), label: String(yy) });
    return out;
  }
  function short(n) { return n >= 10000 ? Math.round(n / 1000) + "k" : n >= 1000 ? (n / 1000).toFixed(1) + "k" : String(n); }

  function draw() {
    var started = performance.now();
    var frag = document.createDocumentFragment();
    ticks().forEach(function (k) {
      var tx = x(k.t);
      if (tx < PAD - 1 || tx > W - PAD + 1) return;
      el("line", { x1: tx, x2: tx, y1: 18, y2: H - 4, "class": "grid" }, frag);
      el("text", { x: tx + 3, y: 13, "class": "tick" }, frag).textContent = k.label;
    });
    el("line", { x1: PAD, x2: W - PAD, y1: AXIS, y2: AXIS, "class": "axis" }, frag);
    var ncol = Math.ceil((W - 2 * PAD) / COL) + 1, cols = [[], []], shown = 0, dots = 0, clusters = 0;
    for (var c = 0; c < ncol; c++) { cols[0].push([]); cols[1].push([]); }
    function place(i) {
      var col = Math.floor((Math.max(x(t0[i]), PAD) - PAD) / COL);
      if (col < 0 || col >= ncol) return;
      cols[layers[i] ? 1 : 0][col].push(i); shown++;
    }
    spans.forEach(function (i) { if (t0[i] < view.a && t1[i] >= view.a) place(i); });
    for (var i = first(view.a), n = t0.length; i < n && t0[i] <= view.b; i++) place(i);
    [0, 1].forEach(function (band) {
      var up = band === 0;
      cols[band].forEach(function (list, col) {
        if (!list.length) return;
        var left = PAD + col * COL;
        if (list.length <= STACK) {
          list.forEach(function (i, k) {
            var cx = Math.max(x(t0[i]), PAD), cy = up ? AXIS - 9 - k * STEP : AXIS + 11 + k * STEP;
            var a = el("a", { href: "/record/" + encodeURIComponent(ids[i]) }, frag);
            if (t1[i]) el("line", { x1: cx, x2: Math.min(Math.max(x(t1[i]), cx + 2), W - PAD), y1: cy, y2: cy, "class": "span q" + quads[i] }, a);
            var dot = el("circle", { cx: cx, cy: cy, r: 4, "class": "ev q" + quads[i] + (layers[i] ? " data " + layers[i] : ""), "data-id": ids[i] }, a);
            el("title", {}, dot).textContent = dates[i] + " " + titles[i];
            dots++;
          });
          return;
        }
        var h = Math.min(STACK * STEP, 16 + Math.log(list.length) / Math.LN2 * 8);
        var y = up ? AXIS - 4 - h : AXIS + 4;
        var g = el("g", { "class": "cluster" + (band ? " data" : ""), tabindex: "0", role: "button",
          "data-a": t0[list[0]], "data-b": t0[list[list.length - 1]], "data-n": list.length }, frag);
        el("rect", { x: left + 1, y: y, width: COL - 2, height: h, rx: 2 }, g);
        el("text", { x: left + COL / 2, y: up ? y - 3 : y + h + 10, "class": "count" }, g).textContent = short(list.length);
        el("title", {}, g).textContent = list.length + " events, " + dates[list[0]] + " to " + dates[list[list.length - 1]] + ": click to zoom in";
        clusters++;
      });
    });
    svg.replaceChildren(frag);
    svg.setAttribute("data-shown", shown);
    svg.setAttribute("data-dots", dots);
    svg.setAttribute("data-clusters", clusters);
    svg.setAttribute("data-view", iso(view.a) + "/" + iso(view.b));
    svg.setAttribute("data-draw-ms", (performance.now() - started).toFixed(1));
    var r = document.getElementById("zoom-range");
    if (r) r.textContent = iso(view.a) + " to " + iso(view.b) + " · " + shown + " events in view";
  }

  function changed() { draw(); clearTimeout(timer); timer = setTimeout(function () { loadWindow(0); }, 250); }
  function zoom(f, at) {
    var c = at === undefined ? (view.a + view.b) / 2 : at;
    var a = c - (c - view.a) * f, b = c + (view.b - c) * f;
    if (b - a < 20 * DAY) { a = c - 10 * DAY; b = c + 10 * DAY; }
    view.a = Math.max(a, lo - 5 * YEAR); view.b = Math.min(b, hi + 5 * YEAR); changed();
  }
  function pan(frac) { var d = (view.b - view.a) * frac; view.a += d; view.b += d; changed(); }
  function timeAt(clientX) {
    var box = svg.getBoundingClientRect(), px = (clientX - box.left) / box.width * W;
    return view.a + (px - PAD) / (W - 2 * PAD) * (view.b - view.a);
  }
  function zoomCluster(g) {
    var a = +g.getAttribute("data-a"), b = +g.getAttribute("data-b"), span = Math.max(b - a, 20 * DAY);
    view.a = a - span * 0.6; view.b = b + span * 0.6; changed();
  }

  // -- the table under the axis: the events of the window, a page at a time --------------
  function cell(tr, cls) { var td = document.createElement("td"); if (cls) td.className = cls; tr.appendChild(td); return td; }
  function link(parent, href, text, cls) {
    var a = document.createElement("a"); a.href = href; a.textContent = text; if (cls) a.className = cls;
    parent.appendChild(a); return a;
  }
  function tag(parent, text) { var s = document.createElement("span"); s.className = "tag"; s.textContent = text; parent.appendChild(document.createTextNode(" ")); parent.appendChild(s); }
  function row(e) {
    var tr = document.createElement("tr");
    tr.className = "q" + e.quad_class + (e.layer ? " layer" : "");
    cell(tr, "date").textContent = e.date + (e.end_date ? "–" + e.end_date : "");
    var what = cell(tr), strong = document.createElement("strong");
    strong.textContent = e.title;
    var a = link(what, "/record/" + encodeURIComponent(e.id), ""); a.appendChild(strong);
    var who = cell(tr), src = cell(tr, e.layer ? "src" : "");
    if (e.layer) {
      if (e.reports > 1) { var m = document.createElement("span"); m.className = "muted"; m.textContent = " (" + e.reports + " reports)"; what.appendChild(m); }
      tag(what, e.dataset);
      var a1 = (e.actor1_name || e.actor1 || "").replace(/_/g, " "), a2 = (e.actor2_name || e.actor2 || "").replace(/_/g, " ");
      who.textContent = a1 + (a2 ? " → " + a2 : "");
      src.textContent = e.dataset;
    } else {
      what.appendChild(document.createElement("br"));
      var s = document.createElement("span"); s.className = "summary"; s.textContent = e.summary || ""; what.appendChild(s);
      tag(what, e.type);
      (e.actors || []).forEach(function (p, k) { if (k) who.appendChild(document.createTextNode(", ")); link(who, "/actor/" + encodeURIComponent(p.id), p.name); });
      (e.sources || []).forEach(function (p, k) { if (k) src.appendChild(document.createTextNode("; ")); var l = link(src, p.url, p.title, "src"); l.rel = "noopener"; });
    }
    return tr;
  }
  function pagerNav(doc) {
    var box = document.getElementById("window-pager");
    if (!box) return;
    box.replaceChildren();
    if (doc.total <= doc.limit) return;
    var nav = document.createElement("nav"); nav.className = "pager"; nav.setAttribute("aria-label", "Pages of events");
    function btn(label, offset) {
      var b = document.createElement("button"); b.type = "button"; b.textContent = label;
      if (offset === null) b.disabled = true; else b.addEventListener("click", function () { loadWindow(offset); });
      nav.appendChild(b);
    }
    btn("← Previous", doc.offset > 0 ? Math.max(0, doc.offset - doc.limit) : null);
    var at = document.createElement("span"); at.className = "pager-at";
    at.textContent = (doc.offset + 1) + "–" + Math.min(doc.offset + doc.limit, doc.total) + " of " + doc.total +
      " (page " + (Math.floor(doc.offset / doc.limit) + 1) + " of " + Math.ceil(doc.total / doc.limit) + ")";
    nav.appendChild(at);
    btn("Next →", doc.offset + doc.limit < doc.total ? doc.offset + doc.limit : null);
    box.appendChild(nav);
  }
  function loadWindow(offset) {
    var base = svg.getAttribute("data-window-url");
    if (!base) return;
    if (pending) pending.abort();
    pending = new AbortController();
    var url = base + (base.indexOf("?") < 0 ? "?" : "&") + "start=" + iso(Math.max(view.a, Date.UTC(1000, 0, 1))) +
      "&end=" + iso(view.b) + "&offset=" + offset + "&limit=" + PAGE;
    var table = document.getElementById("event-table");
    if (table) table.setAttribute("aria-busy", "true");
    fetch(url, { signal: pending.signal }).then(function (r) { return r.json(); }).then(function (doc) {
      if (!doc.ok) return;
      var body = document.getElementById("window-rows"), frag = document.createDocumentFragment();
      doc.rows.forEach(function (e) { frag.appendChild(row(e)); });
      body.replaceChildren(frag);
      var cap = document.getElementById("window-caption");
      if (cap) cap.textContent = doc.total ? "Events " + (doc.offset + 1) + "–" + Math.min(doc.offset + doc.limit, doc.total) + " of " + doc.total : "No events";
      var lab = document.getElementById("window-label");
      if (lab) lab.textContent = (doc.from || "…") + " to " + (doc.to || "…");
      pagerNav(doc);
      if (table) { table.removeAttribute("aria-busy"); table.setAttribute("data-window", (doc.from || "") + "/" + (doc.to || "") + "/" + doc.offset); }
    }).catch(function (err) { if (err.name !== "AbortError" && table) table.removeAttribute("aria-busy"); });
  }

  function size() {
    var w = Math.round(svg.getBoundingClientRect().width) || 1000;
    W = Math.max(320, Math.min(w, 1400));
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
  }
  function add(rows) {
    for (var i = 0; i < rows.length; i++) {
      var e = rows[i];
      ids.push(e[0]); dates.push(e[1]); quads.push(e[3]); layers.push(e[4]); titles.push(e[5]);
      t0.push(toTime(e[1], false)); t1.push(e[2] ? toTime(e[2], true) : 0);
    }
    // sorted by start time (a partial date, "1975-08", starts on its first day)
    var order = t0.map(function (_, k) { return k; }).sort(function (p, q) { return t0[p] - t0[q]; });
    [ids, dates, quads, layers, titles, t0, t1].forEach(function (arr) {
      var copy = arr.slice(); order.forEach(function (k, j) { arr[j] = copy[k]; });
    });
    spans = []; t1.forEach(function (v, k) { if (v) spans.push(k); });
    var whole = view.a === lo && view.b === hi;
    if (t0.length) {
      var last = Math.max(t0[t0.length - 1], Math.max.apply(null, spans.map(function (k) { return t1[k]; }).concat([0])));
      lo = t0[0] - YEAR; hi = last + YEAR;
    }
    if (whole) { view.a = lo; view.b = hi; }  // a view the reader chose is kept
  }
  function load(url) {
    return fetch(url).then(function (r) { return r.json(); }).then(function (doc) {
      if (!doc.ok) throw new Error(doc.error || "error");
      return doc.events;
    });
  }
  // the curated record first (small: drawn at once), then the event-data layers, if any
  var layerUrl = svg.getAttribute("data-layer-url");
  var layerRows = layerUrl ? load(layerUrl) : null;
  load(svg.getAttribute("data-points-url")).then(function (rows) {
    add(rows); size(); draw();
    svg.setAttribute("data-curated-ready", "1");
    if (!layerRows) { ready(); return; }
    return layerRows.then(function (more) { add(more); draw(); ready(); });
  }).catch(function (err) { svg.setAttribute("data-error", String(err.message || err)); ready(); });
  function ready() {  // charts-later.js waits for this before it loads the chart libraries
    svg.setAttribute("data-ready", "1");
    document.dispatchEvent(new Event("timeline-ready"));
  }

  svg.addEventListener("wheel", function (ev) { ev.preventDefault(); zoom(ev.deltaY < 0 ? 0.8 : 1.25, timeAt(ev.clientX)); }, { passive: false });
  var drag = null;
  svg.addEventListener("pointerdown", function (ev) { if (!ev.target.closest("a, .cluster")) drag = { x: ev.clientX, a: view.a, b: view.b }; });
  window.addEventListener("pointerup", function () { drag = null; });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var box = svg.getBoundingClientRect(), d = (drag.x - ev.clientX) / box.width * (drag.b - drag.a);
    view.a = drag.a + d; view.b = drag.b + d; changed();
  });
  svg.addEventListener("click", function (ev) { var g = ev.target.closest(".cluster"); if (g) zoomCluster(g); });
  svg.addEventListener("keydown", function (ev) {
    var g = ev.target.closest && ev.target.closest(".cluster");
    if (g && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); zoomCluster(g); return; }
    if (ev.key === "ArrowLeft") pan(-0.1); else if (ev.key === "ArrowRight") pan(0.1);
    else if (ev.key === "+" || ev.key === "=") zoom(0.8); else if (ev.key === "-") zoom(1.25);
  });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.6); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1 / 0.6); });
  document.getElementById("zoom-reset").addEventListener("click", function () { view.a = lo; view.b = hi; changed(); });
  var pagerBox = document.getElementById("window-pager");
  if (pagerBox) pagerBox.addEventListener("click", function (ev) {
    var a = ev.target.closest("a[data-page]");
    if (!a) return;
    ev.preventDefault();
    loadWindow((+a.getAttribute("data-page") - 1) * PAGE);
  });
  var resizing = null;
  window.addEventListener("resize", function () { clearTimeout(resizing); resizing = setTimeout(function () { size(); draw(); }, 100); });
})();
