// The screening box: POST /api/screen, one name, and the matches with their reasons.
(function () {
  "use strict";
  var form = document.getElementById("screen-form");
  if (!form) return;
  var status = document.getElementById("screen-status"), body = document.getElementById("screen-results");
  var wrap = document.getElementById("screen-wrap");
  function cell(tr, text) { var td = document.createElement("td"); td.textContent = text; tr.appendChild(td); return td; }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var item = { name: document.getElementById("screen-name").value.trim() };
    var dob = document.getElementById("screen-dob").value.trim();
    if (dob) item.birth_date = dob;
    status.textContent = "Screening…";
    fetch("/api/screen", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ queries: [item] }) })
      .then(function (r) { return r.json(); })
      .then(function (res) {
        while (body.firstChild) body.removeChild(body.firstChild);
        if (res.ok === false) { status.textContent = res.error; wrap.hidden = true; return; }
        var matches = (res.data && res.data[0] && res.data[0].matches) || [];
        status.textContent = matches.length ? matches.length + " match(es) for “" + item.name + "”." : "No match for “" + item.name + "” at the default threshold.";
        matches.forEach(function (m) {
          var tr = document.createElement("tr");
          cell(tr, m.list); cell(tr, m.id); cell(tr, m.name);
          cell(tr, (+m.score).toFixed(2)).className = "score";
          cell(tr, Array.isArray(m.explanation) ? m.explanation.join("; ") : m.explanation);
          body.appendChild(tr);
        });
        wrap.hidden = matches.length === 0;
      })
      .catch(function (e) { status.textContent = "Screening failed: " + e; });
  });
})();
