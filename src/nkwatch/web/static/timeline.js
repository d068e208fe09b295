// The timeline: every event on a zoomable time axis. Wheel or +/- zoom, drag or arrow keys pan.
(function () {
  "use strict";
  var svg = document.getElementById("timeline");
  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  if (!svg) return;
  var NS = "http://www.w3.org/2000/svg", W = 1000, H = 170, PAD = 30, AXIS = 140;
  function toTime(d, end) {
    var p = d.split("-"), y = +p[0], m = p[1] ? +p[1] - 1 : (end ? 11 : 0);
    var day = p[2] ? +p[2] : (end ? new Date(Date.UTC(y, m + 1, 0)).getUTCDate() : 1);
    return Date.UTC(y, m, day);
  }
  var evs = data.map(function (e) {
    return { e: e, t0: toTime(e.date, false), t1: e.end ? toTime(e.end, true) : null };
  });
  var lo = Date.UTC(1945, 0, 1), hi = Date.UTC(new Date().getUTCFullYear() + 1, 0, 1);
  if (evs.length) {
    lo = Math.min.apply(null, evs.map(function (x) { return x.t0; })) - 365 * 864e5;
    hi = Math.max.apply(null, evs.map(function (x) { return x.t1 || x.t0; })) + 365 * 864e5;
  }
  var view = { a: lo, b: hi };
  function x(t) { return PAD + (W - 2 * PAD) * (t - view.a) / (view.b - view.a); }
  function el(name, attrs, parent) {
    var n = document.createElementNS(NS, name);
    for (var k in attrs) n.setAttribute(k, attrs[k]);
    (parent || svg).appendChild(n); return n;
  }
  function ticks() {
    var years = (view.b - view.a) / (365.25 * 864e5), step = 1;
    [1, 2, 5, 10, 20, 50].some(function (s) { step = s; return years / s <= 12; });
    var out = [], y0 = new Date(view.a).getUTCFullYear(), y1 = new Date(view.b).getUTCFullYear();
    for (var y = Math.ceil(y0 / step) * step; y <= y1; y += step) out.push(y);
    return out;
  }
  function draw() {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    el("line", { x1: PAD, x2: W - PAD, y1: AXIS, y2: AXIS, "class": "axis" });
    ticks().forEach(function (y) {
      var tx = x(Date.UTC(y, 0, 1));
      el("line", { x1: tx, x2: tx, y1: AXIS, y2: AXIS + 5, "class": "axis" });
      el("text", { x: tx - 14, y: AXIS + 20 }).textContent = y;
    });
    var lanes = [];
    var shown = 0;
    evs.forEach(function (v) {
      var end = v.t1 || v.t0;
      if (end < view.a || v.t0 > view.b) return;
      var cx = x(v.t0), lane = 0;
      while (lanes[lane] !== undefined && cx - lanes[lane] < 7 && lane < 11) lane++;
      lanes[lane] = cx;
      var cy = AXIS - 10 - lane * 10;
      var a = el("a", { href: "#" + v.e.id });
      if (v.t1) el("line", { x1: cx, x2: Math.max(x(v.t1), cx + 2), y1: cy, y2: cy, "class": "span q" + v.e.quad }, a);
      var c = el("circle", { cx: cx, cy: cy, r: 4, "class": "ev q" + v.e.quad, "data-id": v.e.id }, a);
      el("title", {}, c).textContent = v.e.date + " " + v.e.title;
      shown++;
    });
    svg.setAttribute("data-shown", shown);
    var r = document.getElementById("zoom-range");
    if (r) r.textContent = new Date(view.a).getUTCFullYear() + "–" + new Date(view.b).getUTCFullYear() + " · " + shown + " events in view";
  }
  function zoom(f, at) {
    var c = at === undefined ? (view.a + view.b) / 2 : at;
    var a = c - (c - view.a) * f, b = c + (view.b - c) * f;
    if (b - a < 20 * 864e5) return;
    view.a = Math.max(a, lo - 5 * 365 * 864e5); view.b = Math.min(b, hi + 5 * 365 * 864e5); draw();
  }
  function pan(frac) { var d = (view.b - view.a) * frac; view.a += d; view.b += d; draw(); }
  function timeAt(clientX) {
    var box = svg.getBoundingClientRect(), px = (clientX - box.left) / box.width * W;
    return view.a + (px - PAD) / (W - 2 * PAD) * (view.b - view.a);
  }
  svg.addEventListener("wheel", function (ev) { ev.preventDefault(); zoom(ev.deltaY < 0 ? 0.8 : 1.25, timeAt(ev.clientX)); }, { passive: false });
  var drag = null;
  svg.addEventListener("pointerdown", function (ev) { drag = { x: ev.clientX, a: view.a, b: view.b }; });
  window.addEventListener("pointerup", function () { drag = null; });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var box = svg.getBoundingClientRect(), d = (drag.x - ev.clientX) / box.width * (drag.b - drag.a);
    view.a = drag.a + d; view.b = drag.b + d; draw();
  });
  svg.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowLeft") pan(-0.1); else if (ev.key === "ArrowRight") pan(0.1);
    else if (ev.key === "+" || ev.key === "=") zoom(0.8); else if (ev.key === "-") zoom(1.25);
  });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.6); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1 / 0.6); });
  document.getElementById("zoom-reset").addEventListener("click", function () { view.a = lo; view.b = hi; draw(); });
  draw();
})();
