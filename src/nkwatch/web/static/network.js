// The network's labels are drawn at 13 units; where the graph is drawn so small that they
// would be under 12 px, hide them and show the rings alone, larger (the lists under the
// graph name every partner).
(function () {
  "use strict";
  var svg = document.getElementById("network");
  if (!svg) return;
  var size = +svg.getAttribute("data-size"), font = +svg.getAttribute("data-font");
  var c = +svg.getAttribute("data-centre"), r = +svg.getAttribute("data-r") + 8;
  var full = "0 0 " + size + " " + size, rings = (c - r) + " " + (c - r) + " " + 2 * r + " " + 2 * r;
  function fit() {
    var px = font * svg.getBoundingClientRect().width / size;
    var hide = px < 11.95;
    svg.classList.toggle("labels-hidden", hide);
    svg.setAttribute("viewBox", hide ? rings : full);
    svg.setAttribute("data-label-px", hide ? "0" : px.toFixed(1));
  }
  window.addEventListener("resize", fit);
  fit();
})();
