// The chart libraries after the page: once the load event has fired (on the timeline, once its
// events are drawn, and its cooperation-conflict series, if the page has a slot for it, has
// been fetched and put in), load Vega, Vega-Lite, vega-embed and charts.js in order; charts.js then draws every
// figure.vchart on the page. The page, its table and its timeline are usable meanwhile, and
// each chart's table holds its values. The list is chart_scripts.html's (a test checks).
(function () {
  "use strict";
  var LIBS = ["/static/vendor/vega/vega.min.js", "/static/vendor/vega-lite/vega-lite.min.js",
              "/static/vendor/vega-embed/vega-embed.min.js", "/static/charts.js"];
  function libraries() {
    LIBS.forEach(function (src) {
      var s = document.createElement("script");
      s.src = src; s.async = false;  // in order, each after the one before
      document.body.appendChild(s);
    });
  }
  function start() {
    var slot = document.getElementById("dyad-slot");
    if (!slot) { libraries(); return; }
    fetch(slot.getAttribute("data-src"))
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) { slot.innerHTML = html; slot.setAttribute("data-loaded", "1"); })
      .catch(function () { slot.setAttribute("data-loaded", "error"); })
      .then(libraries);
  }
  // on the timeline, after its events are drawn (parsing the libraries would hold them up)
  function afterTimeline() {
    var tl = document.getElementById("timeline");
    if (!tl || tl.getAttribute("data-ready")) { start(); return; }
    var done = false;
    function once() { if (!done) { done = true; start(); } }
    document.addEventListener("timeline-ready", once);
    setTimeout(once, 3000);  // the timeline's data failed or is slow: draw the charts anyway
  }
  if (document.readyState === "complete") afterTimeline();
  else window.addEventListener("load", afterTimeline);
})();
