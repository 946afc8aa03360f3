/* 明镜 review report: filters, jumps between findings and highlights. No network, no libraries. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  // The sticky filter bar wraps on narrow windows: keep the sidebar and jump targets below it.
  var filterbar = document.querySelector(".filterbar");
  function syncBar() {
    if (filterbar) { document.documentElement.style.setProperty("--bar-h", filterbar.offsetHeight + "px"); }
  }
  syncBar();
  window.addEventListener("resize", syncBar);
  var RANK = { error: 0, warning: 1, info: 2 };
  var findings = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.hl, a.pin"));
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  var shown = document.querySelector(".shown");
  var template = document.getElementById("shown-template");
  var byId = {};
  findings.forEach(function (li) { byId[li.getAttribute("data-id")] = li; });

  function ids(el) { return (el.getAttribute("data-f") || "").split(" ").filter(Boolean); }

  function apply() {
    var sev = {}, cat = {};
    boxes.forEach(function (b) { if (b.checked) { (b.getAttribute("data-filter") === "sev" ? sev : cat)[b.value] = true; } });
    var visible = 0;
    findings.forEach(function (li) {
      var on = !!(sev[li.getAttribute("data-sev")] && cat[li.getAttribute("data-cat")]);
      li.hidden = !on;
      if (on) { visible += 1; }
    });
    marks.forEach(function (m) {
      var best = null;
      ids(m).forEach(function (id) {
        var li = byId[id];
        if (li && !li.hidden) {
          var s = li.getAttribute("data-sev");
          if (best === null || RANK[s] < RANK[best]) { best = s; }
        }
      });
      m.classList.toggle("off", best === null);
      if (best !== null) {
        m.classList.remove("sev-error", "sev-warning", "sev-info");
        m.classList.add("sev-" + best);
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll(".group"), function (g) {
      g.hidden = !g.querySelector("li.finding:not([hidden])");
    });
    if (shown && template) {
      shown.textContent = template.innerHTML.replace("%s", visible).replace("%t", shown.getAttribute("data-total"));
    }
  }

  function flash(el) {
    if (!el) { return; }
    el.classList.remove("flash");
    void el.offsetWidth; // restart the animation
    el.classList.add("flash");
  }

  function showFinding(id) {
    marks.forEach(function (m) { if (ids(m).indexOf(id) >= 0) { flash(m); } });
  }

  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  var reset = document.querySelector("button.reset");
  if (reset) {
    reset.addEventListener("click", function () { boxes.forEach(function (b) { b.checked = true; }); apply(); });
  }
  var print = document.querySelector("button.print");
  if (print) { print.addEventListener("click", function () { window.print(); }); }

  // From a highlight to its entry in the findings list.
  marks.forEach(function (m) {
    m.addEventListener("click", function (ev) {
      var target = null;
      ids(m).some(function (id) { var li = byId[id]; if (li && !li.hidden) { target = li; return true; } return false; });
      if (!target) { return; }
      ev.preventDefault();
      reveal(target);
      target.scrollIntoView({ behavior: "smooth", block: "center" });
      flash(target);
    });
  });

  // From a list entry (or any link to a finding) to its highlight.
  function onHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (byId[id]) { showFinding(id); }
  }
  window.addEventListener("hashchange", onHash);
  findings.forEach(function (li) {
    var a = li.querySelector("a.jump");
    if (a) { a.addEventListener("click", function () { showFinding(li.getAttribute("data-id")); }); }
  });
  // Side tabs: the findings list or the outline.
  Array.prototype.forEach.call(document.querySelectorAll(".side"), function (side) {
    var tabs = side.querySelectorAll(".tab");
    function select(name) {
      Array.prototype.forEach.call(tabs, function (t) { t.classList.toggle("on", t.getAttribute("data-tab") === name); });
      Array.prototype.forEach.call(side.querySelectorAll("[data-panel]"), function (p) { p.hidden = p.getAttribute("data-panel") !== name; });
    }
    Array.prototype.forEach.call(tabs, function (t) { t.addEventListener("click", function () { select(t.getAttribute("data-tab")); }); });
    select("findings");
  });
  // Selecting a finding shows the findings tab of its material.
  function reveal(li) {
    var side = li.closest(".side");
    var tab = side && side.querySelector('.tab[data-tab="findings"]');
    if (tab && !tab.classList.contains("on")) { tab.click(); }
  }

  apply();
  onHash();
})();
