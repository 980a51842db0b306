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

// A link to a passage (/documents/ID#at=START-END, offsets into the text as stored) marks it and
// scrolls to it: the follow-up board and a project's timeline link to their sources this way.
(function () {
  var m = /^#at=(\d+)-(\d+)$/.exec(window.location.hash);
  var article = document.getElementById("doc-text");
  if (!m || !article) return;
  var start = +m[1], end = +m[2];
  if (!(end > start)) return;
  var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT), node, pos = 0, range = document.createRange();
  var begun = false, done = false;
  while ((node = walker.nextNode())) {
    var len = node.nodeValue.length;
    if (!begun && start < pos + len) { range.setStart(node, start - pos); begun = true; }
    if (begun && end <= pos + len) { range.setEnd(node, end - pos); done = true; break; }
    pos += len;
  }
  if (!done) return;
  var mark = document.createElement("mark");
  mark.className = "passage";
  mark.id = "passage";
  mark.appendChild(range.extractContents());
  range.insertNode(mark);
  mark.scrollIntoView({block: "center"});
})();
