// Parts of a page fetched once it has loaded (the isolation page's world map: the outlines of
// every state are most of its weight): each element with data-later-src gets the HTML
// fragment at that URL in place of its text, which links to the part on a page of its own
// for readers without JavaScript. data-loaded says when it is in ("1") or failed ("error").
(function () {
  "use strict";
  function fill() {
    document.querySelectorAll("[data-later-src]").forEach(function (slot) {
      fetch(slot.getAttribute("data-later-src"))
        .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.text(); })
        .then(function (html) { slot.innerHTML = html; slot.setAttribute("data-loaded", "1"); })
        .catch(function () { slot.setAttribute("data-loaded", "error"); });
    });
  }
  if (document.readyState === "complete") fill();
  else window.addEventListener("load", fill);
})();
