// "Copy" next to a citation: copies the citation's text (the text stays selectable without it).
(function () {
  "use strict";
  document.addEventListener("click", function (ev) {
    var b = ev.target.closest && ev.target.closest("button.copy");
    if (!b) return;
    var src = document.getElementById(b.getAttribute("data-copy"));
    if (!src || !navigator.clipboard) return;
    navigator.clipboard.writeText(src.textContent).then(function () { b.textContent = "Copied"; });
  });
})();
