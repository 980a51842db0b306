// Shared by the pages: the write token (kept in this browser's sessionStorage) and JSON data blocks.
"use strict";
var planwatch = {
  data: function (id) { var el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; },
  token: function (form) {
    var input = form && form.querySelector(".token-input");
    var t = input && input.value.trim();
    if (t) { sessionStorage.setItem("planwatch-token", t); return t; }
    return sessionStorage.getItem("planwatch-token") || "";
  },
  fillToken: function () {
    var t = sessionStorage.getItem("planwatch-token");
    document.querySelectorAll(".token-input").forEach(function (i) { if (t && !i.value) i.value = t; });
  },
  text: function (tag, text, cls) { var el = document.createElement(tag); el.textContent = text; if (cls) el.className = cls; return el; }
};
document.addEventListener("DOMContentLoaded", planwatch.fillToken);
