// The screening box: POST /api/screen with one name (and a date of birth), then each match
// with what tells listed entities apart (type, programme, date of birth, nationality, DPRK
// flag) and why it matched. A blank name or a date that is no date is refused in words.
(function () {
  "use strict";
  var form = document.getElementById("screen-form");
  if (!form) return;
  var status = document.getElementById("screen-status"), body = document.getElementById("screen-results");
  var wrap = document.getElementById("screen-wrap"), problem = document.getElementById("screen-error");
  var nameBox = document.getElementById("screen-name"), dobBox = document.getElementById("screen-dob");
  var heads = Array.prototype.map.call(wrap.querySelectorAll("thead th"), function (th) { return th.textContent; });
  var TYPES = { Person: "person", Organization: "organization", Vessel: "vessel", LegalEntity: "entity" };

  function cell(tr, text) {
    var td = document.createElement("td");
    td.setAttribute("data-label", heads[tr.children.length]);
    if (text !== undefined) td.textContent = text;
    tr.appendChild(td); return td;
  }
  function refuse(message, box) {
    problem.textContent = message; problem.hidden = false;
    if (box) { box.setAttribute("aria-invalid", "true"); box.focus(); }
    wrap.hidden = true;
  }
  function clear() {
    problem.hidden = true; problem.textContent = "";
    nameBox.removeAttribute("aria-invalid"); dobBox.removeAttribute("aria-invalid");
  }
  // YYYY, YYYY-MM or YYYY-MM-DD, and a real day of a real month
  function dateProblem(s) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
    var text = "“" + s + "” is not a date of birth: write the year, the year and month, or the full date (1962, 1962-02 or 1962-02-18).";
    if (!m) return text;
    var y = +m[1], mo = m[2] ? +m[2] : 1, d = m[3] ? +m[3] : 1;
    if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return text;
    if (y < 1850 || new Date(Date.UTC(y, mo - 1, d)) > new Date()) return "“" + s + "” is not a plausible date of birth: check the year.";
    return null;
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    clear();
    var name = nameBox.value.trim(), dob = dobBox.value.trim();
    if (!name) { refuse("Type a name to screen: the box is empty.", nameBox); return; }
    var bad = dob && dateProblem(dob);
    if (bad) { refuse(bad, dobBox); return; }
    var item = { name: name };
    if (dob) item.birth_date = dob;
    status.textContent = "Screening…";
    form.setAttribute("aria-busy", "true");
    fetch("/api/screen", { method: "POST", headers: { "Content-Type": "application/json", "Accept": "application/json" }, body: JSON.stringify({ queries: [item] }) })
      .then(function (r) { return r.json(); })
      .then(function (res) {
        form.removeAttribute("aria-busy");
        while (body.firstChild) body.removeChild(body.firstChild);
        if (res.ok === false) { status.textContent = ""; refuse(res.error); return; }
        var matches = (res.data && res.data[0] && res.data[0].matches) || [];
        var who = "“" + name + "”" + (dob ? " born " + dob : "");
        status.textContent = matches.length ? matches.length + " match" + (matches.length > 1 ? "es" : "") + " for " + who + "." : "No match for " + who + " at the default threshold.";
        matches.forEach(function (m) {
          var tr = document.createElement("tr");
          tr.className = "match" + (m.dprk ? " dprk" : "");
          tr.setAttribute("data-key", m.key || (m.list + ":" + m.id));
          cell(tr, (+m.score).toFixed(2)).className = "score";
          var n = cell(tr); var strong = document.createElement("strong"); strong.textContent = m.entity || m.name; n.appendChild(strong);
          if (m.name && m.entity && m.name !== m.entity) n.appendChild(document.createTextNode(" (as “" + m.name + "”)"));
          cell(tr, m.list.toUpperCase() + " " + m.id);
          cell(tr, TYPES[m.schema] || m.schema || "");
          cell(tr, (m.programs || []).join(", "));
          cell(tr, (m.birth_dates || []).join(", ") || "not listed").className = "born";
          cell(tr, (m.nationalities || []).join(", ") || "not listed");
          cell(tr, m.dprk ? "yes" : "no").className = m.dprk ? "flag-dprk" : "";
          var why = cell(tr), ul = document.createElement("ul");
          String(m.explanation || "").split("; ").forEach(function (part) {
            if (!part) return;
            var li = document.createElement("li"); li.textContent = part; ul.appendChild(li);
          });
          why.appendChild(ul); why.className = "why";
          body.appendChild(tr);
        });
        wrap.hidden = matches.length === 0;
      })
      .catch(function (e) { form.removeAttribute("aria-busy"); status.textContent = ""; refuse("Screening failed: " + e); });
  });
})();
