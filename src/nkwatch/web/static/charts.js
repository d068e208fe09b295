// The explorer's charts: each figure.vchart holds a Vega-Lite spec (built on the server, see
// nkwatch.web.specs) that vega-embed draws as SVG. No eval (ast + Vega's interpreter), so the
// Content-Security-Policy needs no 'unsafe-eval'. PNG and SVG downloads come from the view.
(function () {
  "use strict";
  if (!window.vegaEmbed) return;
  var OPTIONS = {
    renderer: "svg", actions: false, ast: true, defaultStyle: false,
    tooltip: { disableDefaultStyle: true }
  };

  // A vconcat of panels cannot take width "container": give each panel the figure's width
  // less its axes (``shrink``: what the first drawing overflowed by), so that nothing is
  // scaled down and text stays at its size.
  function fit(spec, view, shrink) {
    if (!spec.vconcat) return spec;
    var width = Math.max(120, view.clientWidth - 70 - shrink);
    spec.vconcat.forEach(function (panel) { panel.width = width; });
    return spec;
  }

  function download(url, name) {
    var a = document.createElement("a");
    a.href = url; a.download = name; a.hidden = true;
    document.body.appendChild(a); a.click(); document.body.removeChild(a);
  }

  function draw(figure, shrink) {
    var view = figure.querySelector(".vchart-view");
    var text = figure.querySelector("script.vchart-spec").textContent;
    var spec = fit(JSON.parse(text), view, shrink || 0);
    return vegaEmbed(view, spec, OPTIONS).then(function (result) {
      var svg = view.querySelector("svg");
      var over = svg ? +svg.getAttribute("width") - view.clientWidth : 0;
      if (spec.vconcat && over > 1 && !shrink) {  // once: draw again, narrower
        result.finalize();
        return draw(figure, Math.ceil(over) + 2);
      }
      figure.setAttribute("data-drawn", "1");
      figure.querySelectorAll("button[data-export]").forEach(function (b) {
        b.disabled = false;
        b.onclick = function () {
          var kind = b.getAttribute("data-export");
          result.view.toImageURL(kind, kind === "png" ? 2 : 1).then(function (url) {
            download(url, figure.id + "." + kind);
          });
        };
      });
      return result;
    }).catch(function (err) {
      figure.setAttribute("data-drawn", "error");
      view.textContent = "The chart could not be drawn (" + err + "); the table below holds every value.";
    });
  }

  var figures = Array.prototype.slice.call(document.querySelectorAll("figure.vchart"));
  var results = figures.map(draw);
  // panels of a vconcat are sized in pixels: draw again when the width changes
  var last = window.innerWidth, timer = null;
  window.addEventListener("resize", function () {
    if (window.innerWidth === last) return;
    last = window.innerWidth;
    clearTimeout(timer);
    timer = setTimeout(function () {
      figures.forEach(function (f, i) {
        if (!f.querySelector("script.vchart-spec").textContent.includes('"vconcat"')) return;
        Promise.resolve(results[i]).then(function (r) { if (r) r.finalize(); results[i] = draw(f); });
      });
    }, 200);
  });
})();
