// The map: a year slider and a date box recolour the states from /api/countries?as_of=.
(function () {
  "use strict";
  var svg = document.getElementById("worldmap"), slider = document.getElementById("map-year");
  var input = document.getElementById("map-date"), label = document.getElementById("map-date-label");
  var counts = document.getElementById("map-counts");
  function cls(c) {
    if (c.relations && c.embassy_in_pyongyang) return "embassy";
    if (c.relations) return "relations";
    if (c.status !== "never" && c.status !== "not yet") return "broken";
    return "none";
  }
  function show(date) {
    fetch("/api/countries?as_of=" + encodeURIComponent(date)).then(function (r) { return r.json(); }).then(function (body) {
      if (!body.ok) { counts.textContent = body.error; return; }
      var seen = {};
      body.data.forEach(function (c) {
        seen[c.id] = 1;
        var p = document.getElementById("c-" + c.id);
        if (p) p.setAttribute("class", cls(c));
      });
      svg.querySelectorAll("path").forEach(function (p) {
        var id = p.id.slice(2);
        if (id !== "PRK" && !seen[id]) p.setAttribute("class", "none");
      });
      label.textContent = date; input.value = date;
      var k = body.counts;
      counts.textContent = k.un_members_with_relations + " of " + k.un_members + " UN member states had relations; " + k.embassies_in_pyongyang + " had a resident embassy in Pyongyang.";
      svg.setAttribute("data-date", date);
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
