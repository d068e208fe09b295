// The map: the outlines come from /map/outlines.json (the same every day, cached by the
// browser under its version), the day's classes from the page (#map-data) and, when the year
// slider or the date box changes the day, from /map/data.json?date= (graphics.map_data: the
// state holding each outline that day, a former state on its successors' outlines).
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var svg = document.getElementById("worldmap"), slider = document.getElementById("map-year");
  var input = document.getElementById("map-date"), label = document.getElementById("map-date-label");
  var counts = document.getElementById("map-counts"), wait = document.getElementById("map-wait");
  var day = JSON.parse(document.getElementById("map-data").textContent);
  var outlines = [];  // [path, name of the outline]
  var asked = 0;  // the latest day asked for: an earlier answer arriving late is dropped

  function paint() {
    outlines.forEach(function (o) {
      var p = o[0], s = day.shapes[p.id.slice(2)], name = s ? s[2] : o[1];
      p.setAttribute("class", s ? s[0] : "none");
      p.setAttribute("aria-label", name);
      p.firstChild.textContent = name;
      if (s) {
        p.setAttribute("data-href", "/country/" + s[1]);
        p.setAttribute("tabindex", "0");
        p.setAttribute("role", "link");
      } else {
        p.removeAttribute("data-href");
        p.removeAttribute("tabindex");
        p.removeAttribute("role");
      }
    });
    svg.setAttribute("data-date", day.date);
  }

  function draw(file) {
    var frag = document.createDocumentFragment();
    file.outlines.forEach(function (o) {
      var p = document.createElementNS(NS, "path"), title = document.createElementNS(NS, "title");
      p.id = "c-" + o[0];
      p.setAttribute("d", o[2]);
      p.appendChild(title);
      frag.appendChild(p);
      outlines.push([p, o[1]]);
    });
    paint();
    svg.appendChild(frag);
    svg.setAttribute("data-drawn", "1");
    if (wait) wait.remove();
  }

  fetch(svg.getAttribute("data-outlines"))
    .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then(draw)
    .catch(function (err) {
      svg.setAttribute("data-drawn", "error");
      if (wait) wait.firstChild.textContent = "The map's outlines could not be loaded (" + err.message + "): the sentence above counts the states, and the table of countries lists every one.";
    });

  function show(date) {
    var n = ++asked;
    fetch("/map/data.json?date=" + encodeURIComponent(date), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (body) {
        if (n !== asked) return;
        if (!body.ok) { counts.textContent = body.error; return; }
        day = body;
        paint();
        label.textContent = date; input.value = date;
        counts.textContent = body.text;
        history.replaceState(null, "", "/map?date=" + date);
      });
  }
  slider.addEventListener("input", function () { show(slider.value + "-12-31"); });
  input.addEventListener("change", function () { if (input.value) { slider.value = input.value.slice(0, 4); show(input.value); } });
  document.getElementById("map-form").addEventListener("submit", function (ev) { ev.preventDefault(); if (input.value) show(input.value); });
  function go(p) { var h = p.getAttribute("data-href"); if (h) window.location.href = h; }
  svg.addEventListener("click", function (ev) { if (ev.target.tagName === "path") go(ev.target); });
  svg.addEventListener("keydown", function (ev) { if (ev.key === "Enter" && ev.target.tagName === "path") go(ev.target); });
})();
