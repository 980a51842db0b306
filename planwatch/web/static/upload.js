// Upload: each file is sent on its own (a line per file: progress, then stored / failed and why).
"use strict";
(function () {
  var form = document.getElementById("upload-form");
  if (!form) return;
  var list = document.getElementById("upload-results"), L = planwatch.data("upload-labels");
  function one(file, token) {
    var li = planwatch.text("li", file.name + " …");
    list.appendChild(li);
    return new Promise(function (resolve) {
      var fd = new FormData();
      fd.append("file", file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/documents");
      xhr.setRequestHeader("X-Planwatch-Token", token);
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) li.textContent = file.name + " " + Math.round(100 * e.loaded / e.total) + "%";
      };
      xhr.onload = function () {
        var body = {};
        try { body = JSON.parse(xhr.responseText); } catch (err) { body = {}; }
        li.replaceChildren();
        var r = body.results && body.results[0];
        if (xhr.status === 200 && r && r.ok) {
          li.className = "ok";
          li.appendChild(planwatch.text("span", file.name + ": " + (r.status === "skipped" ? L.skipped : L.ok) + " (" + r.facts + ") "));
          if (r.document_id) { var a = planwatch.text("a", "→"); a.href = "/documents/" + r.document_id; li.appendChild(a); }
        } else {
          li.className = "failed";
          li.textContent = file.name + ": " + L.failed + " — " + (r ? r.error : (xhr.status + " " + (body.detail || "")));
        }
        resolve();
      };
      xhr.onerror = function () { li.className = "failed"; li.textContent = file.name + ": " + L.failed; resolve(); };
      xhr.send(fd);
    });
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var token = planwatch.token(form), files = Array.from(document.getElementById("upload-files").files);
    list.replaceChildren();
    files.reduce(function (p, f) { return p.then(function () { return one(f, token); }); }, Promise.resolve());
  });
})();
