/* 适老化 controls (text size, high contrast; saved in localStorage for every page) and the
   enhancements of the listing filters and the search page. Everything works without this file. */
(function () {
  "use strict";
  var root = document.documentElement;

  function save(key, value) {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    } catch (e) { /* private mode: the setting lasts for this page only */ }
  }

  function setSize(step) {
    if (step === "0") root.removeAttribute("data-gk-size");
    else root.setAttribute("data-gk-size", step);
    save("gk-size", step === "0" ? null : step);
    sync();
  }

  function setContrast(high) {
    if (high) root.setAttribute("data-gk-contrast", "high");
    else root.removeAttribute("data-gk-contrast");
    save("gk-contrast", high ? "high" : null);
    sync();
  }

  function sync() {
    var size = root.getAttribute("data-gk-size") || "0";
    document.querySelectorAll("button[data-gk-size]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-gk-size") === size));
    });
    var high = root.getAttribute("data-gk-contrast") === "high";
    document.querySelectorAll("button[data-gk-contrast]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(high));
    });
  }

  document.querySelectorAll("[data-gk-a11y]").forEach(function (el) { el.hidden = false; });
  document.addEventListener("click", function (ev) {
    var b = ev.target.closest ? ev.target.closest("button") : null;
    if (!b) return;
    if (b.hasAttribute("data-gk-size")) setSize(b.getAttribute("data-gk-size"));
    else if (b.hasAttribute("data-gk-contrast")) setContrast(root.getAttribute("data-gk-contrast") !== "high");
  });
  sync();

  /* Listing filters: the static filter links work without JavaScript; with it, the year and
     validity selects hide rows in place. */
  document.querySelectorAll("[data-gk-filter]").forEach(function (form) {
    form.hidden = false;
    var article = form.closest("article") || document;
    function apply() {
      var year = form.querySelector("[name=year]").value;
      var status = form.querySelector("[name=status]");
      status = status ? status.value : "";
      article.querySelectorAll("h2[id$='年']").forEach(function (h) {
        var table = h.nextElementSibling;
        while (table && table.tagName !== "TABLE" && !(table.querySelector && table.querySelector("table"))) table = table.nextElementSibling;
        var show = !year || h.id === year + "年";
        var visible = 0;
        if (table) table.querySelectorAll("tbody tr").forEach(function (tr) {
          var cells = tr.querySelectorAll("td");
          var ok = show && (!status || (cells.length > 3 && cells[cells.length - 1].textContent.trim() === status));
          tr.hidden = !ok;
          if (ok) visible++;
        });
        h.hidden = !visible;
        if (table) table.hidden = !visible;
      });
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (ev) { ev.preventDefault(); apply(); });
  });
})();
