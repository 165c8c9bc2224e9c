// Report page: click (or Enter on) a highlighted figure to see what was extracted from it.
// Every value shown comes from data-* attributes and is written with textContent, never as HTML.
(function () {
  "use strict";
  var text = document.getElementById("report-text");
  var body = document.getElementById("details-body");
  if (!text || !body) { return; }

  var FACT_FIELDS = [["indicator", "Indicator id"], ["period", "Period"], ["year", "Year"], ["measure", "Measure"],
    ["qualifier", "Qualifier"], ["value-text", "Written as"]];
  var COMMITMENT_FIELDS = [["action", "Action"], ["subject", "Subject"], ["qualifier", "Qualifier"],
    ["section", "Section"]];

  function pieces(mark) {  // a span may be split in pieces where another span crosses it
    var kind = mark.classList.contains("fact") ? "fact" : "commitment";
    return text.querySelectorAll("mark." + kind + '[data-n="' + mark.dataset.n + '"]');
  }
  function evidence(mark) {
    return Array.prototype.map.call(pieces(mark), function (m) { return m.textContent; }).join("");
  }
  function row(dl, label, value) {
    if (value === undefined || value === null || value === "") { return; }
    var dt = document.createElement("dt"); dt.textContent = label;
    var dd = document.createElement("dd"); dd.textContent = value;
    dl.appendChild(dt); dl.appendChild(dd);
  }
  function card(mark) {
    var d = mark.dataset, isFact = mark.classList.contains("fact");
    var div = document.createElement("div");
    div.className = "card " + (isFact ? "fact " + (d.period || "") : "commitment");
    var h = document.createElement("h3");
    var value = (d.value || "") + (d.valueHigh ? "–" + d.valueHigh : "") + (d.unit ? " " + d.unit : "");
    h.textContent = (isFact ? d.name : (d.action || "") + " " + (d.subject || "")) + (value ? " · " + value : "");
    div.appendChild(h);
    var dl = document.createElement("dl");
    row(dl, "Kind", isFact ? "fact" : "commitment");
    row(dl, "Value", value);
    if (!isFact && d.valueText) { row(dl, "Written as", d.valueText); }
    (isFact ? FACT_FIELDS : COMMITMENT_FIELDS).forEach(function (f) {
      var key = f[0].replace(/-([a-z])/g, function (_, c) { return c.toUpperCase(); });
      var v = d[key];
      if (f[0] === "value-text" && d.unitText) { v = (v || "") + d.unitText; }
      row(dl, f[1], v);
    });
    row(dl, "Evidence", evidence(mark));
    div.appendChild(dl);
    return div;
  }
  function select(target) {
    text.querySelectorAll("mark.selected").forEach(function (m) { m.classList.remove("selected"); });
    var chain = [], seen = {}, el = target;
    while (el && el !== text) {  // the clicked span and the spans around it, innermost first
      if (el.matches && el.matches("mark.fact, mark.commitment")) {
        var key = (el.classList.contains("fact") ? "f" : "c") + el.dataset.n;
        if (!seen[key]) { seen[key] = true; chain.push(el); }
      }
      el = el.parentElement;
    }
    if (!chain.length) { return; }
    chain.forEach(function (m) { pieces(m).forEach(function (p) { p.classList.add("selected"); }); });
    body.replaceChildren.apply(body, chain.map(card));
  }

  text.querySelectorAll("mark.fact, mark.commitment").forEach(function (m) {
    m.tabIndex = 0;
    m.setAttribute("role", "button");
  });
  text.addEventListener("click", function (ev) {
    var m = ev.target.closest && ev.target.closest("mark.fact, mark.commitment");
    if (m) { select(m); }
  });
  text.addEventListener("keydown", function (ev) {
    if ((ev.key === "Enter" || ev.key === " ") && ev.target.matches("mark.fact, mark.commitment")) {
      ev.preventDefault(); select(ev.target);
    }
  });
  document.querySelectorAll("[data-jump]").forEach(function (a) {
    a.addEventListener("click", function () {
      var m = document.getElementById(a.dataset.jump);
      if (m) { select(m); m.focus({ preventScroll: true }); }
    });
  });
  var target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && target.matches("mark.fact, mark.commitment")) { select(target); }
})();
