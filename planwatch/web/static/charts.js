// Charts with plotly.js served by this server (/vendor/plotly.min.js): nothing from the internet.
"use strict";
(function () {
  if (typeof Plotly === "undefined") return;
  var config = { displaylogo: false, responsive: true, displayModeBar: false };
  var card = planwatch.data("chart-data");
  if (card && card.rows.length) {
    var names = card.rows.map(function (r) { return r.indicator + (r.unit ? " (" + r.unit + ")" : ""); });
    Plotly.newPlot("chart", [
      { type: "bar", name: card.target, x: names, y: card.rows.map(function (r) { return r.target; }), marker: { color: "#e6b422" } },
      { type: "bar", name: card.actual, x: names, y: card.rows.map(function (r) { return r.actual; }), marker: { color: "#3b8fd0" } }
    ], { barmode: "group", margin: { t: 20, b: 120 }, legend: { orientation: "h" } }, config);
  }
  var series = planwatch.data("series-data");
  if (series && series.points.length) {
    var groups = {};
    series.points.forEach(function (p) {
      var key = p.kind + "|" + (p.region || "");
      (groups[key] = groups[key] || []).push(p);
    });
    var traces = [];
    Object.keys(groups).sort().forEach(function (key) {
      var pts = groups[key], kind = key.split("|")[0], region = key.split("|")[1];
      var label = (kind === "target" ? series.target : series.actual) + " " + region;
      var x = pts.map(function (p) { return p.period; }), y = pts.map(function (p) { return p.value; });
      var links = pts.map(function (p) { return "/documents/" + p.document_id + "#f-" + p.id; });
      var text = pts.map(function (p) { return p.surface + " · " + p.doc; });
      if (kind === "target") {
        // a 左右 (about) target: a band of ± its tolerance around the line
        var about = pts.filter(function (p) { return p.qualifier === "about"; });
        if (about.length) {
          var bx = about.map(function (p) { return p.period; });
          var width = function (p) { return p.unit === "%" ? 0.5 : Math.abs(p.value) * 0.02; };
          traces.push({ x: bx, y: about.map(function (p) { return p.value + width(p); }), mode: "lines", line: { width: 0 }, showlegend: false, hoverinfo: "skip" });
          traces.push({ x: bx, y: about.map(function (p) { return p.value - width(p); }), mode: "lines", line: { width: 0 }, fill: "tonexty", fillcolor: "rgba(230,180,34,0.25)", name: label + " ±", hoverinfo: "skip" });
        }
        traces.push({ x: x, y: y, mode: "lines+markers", name: label, text: text, customdata: links, line: { color: "#e6b422" } });
      } else {
        traces.push({ x: x, y: y, mode: "markers", name: label, text: text, customdata: links, marker: { size: 10, color: "#3b8fd0", symbol: "diamond" } });
      }
    });
    var el = document.getElementById("series-chart");
    Plotly.newPlot(el, traces, { margin: { t: 20 }, xaxis: { type: "category" }, legend: { orientation: "h" } }, config);
    el.on("plotly_click", function (ev) {
      var link = ev.points && ev.points[0] && ev.points[0].customdata;
      if (link) window.location.href = link;
    });
  }
})();
