// The document page: a click on a highlighted figure shows its fact(s) and why, beside the text.
"use strict";
(function () {
  var data = planwatch.data("facts-data");
  if (!data) return;
  var L = data.labels, panel = document.getElementById("fact-detail");
  function show(mark) {
    document.querySelectorAll("mark.fact.selected").forEach(function (m) { m.classList.remove("selected"); });
    mark.classList.add("selected");
    panel.replaceChildren();
    mark.dataset.facts.split(" ").forEach(function (id) {
      var f = data.facts[id];
      if (!f) return;
      var box = document.createElement("div");
      box.className = "one-fact";
      box.appendChild(planwatch.text("h2", f.indicator + " · " + (f.kind === "target" ? L.target : L.actual)));
      var dl = document.createElement("dl");
      [["surface", f.surface], ["value", f.value === null ? "" : String(f.value) + (f.unit || "")],
       ["qualifier", f.qualifier], ["region", f.region || ""], ["period", f.period || ""],
       ["status", f.status + (f.duplicate ? " · " + L.duplicate : "")], ["why", f.why || ""]].forEach(function (kv) {
        dl.appendChild(planwatch.text("dt", L[kv[0]]));
        dl.appendChild(planwatch.text("dd", kv[1], "f-" + kv[0]));
      });
      box.appendChild(dl);
      var a = planwatch.text("a", L.open);
      a.href = "/facts/" + encodeURIComponent(f.id);
      box.appendChild(a);
      panel.appendChild(box);
    });
    panel.hidden = false;
  }
  document.querySelectorAll("mark.fact").forEach(function (m) {
    m.addEventListener("click", function () { show(m); });
    m.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); show(m); } });
  });
  var target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && target.classList.contains("fact")) { show(target); target.scrollIntoView({ block: "center" }); }
})();
