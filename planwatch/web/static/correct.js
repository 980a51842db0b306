// Correct a fact: fix, confirm or reject through the API with the token in a header (no cookies: no CSRF).
"use strict";
(function () {
  var form = document.getElementById("correct-form");
  if (!form) return;
  var out = document.getElementById("correct-result");
  function send(action) {
    var body = {}, id = form.dataset.fact;
    if (action === "fix") {
      ["value", "indicator", "kind", "period", "region"].forEach(function (k) {
        var v = form.elements[k].value.trim();
        if (v) body[k] = k === "value" ? Number(v) : v;
      });
    }
    var note = form.elements.note.value.trim();
    if (note) body.note = note;
    fetch("/api/facts/" + encodeURIComponent(id) + "/" + action, {
      method: "POST", headers: { "Content-Type": "application/json", "X-Planwatch-Token": planwatch.token(form) },
      body: JSON.stringify(body), credentials: "omit"
    }).then(function (r) {
      return r.json().then(function (j) { return { ok: r.ok, status: r.status, body: j }; });
    }).then(function (res) {
      if (res.ok) { out.textContent = "✓"; out.className = "ok"; window.location.reload(); }
      else { out.textContent = res.status + ": " + (res.body.detail || ""); out.className = "error"; }
    });
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); send("fix"); });
  form.querySelectorAll("button[type=button]").forEach(function (b) {
    b.addEventListener("click", function () { send(b.dataset.action); });
  });
})();
