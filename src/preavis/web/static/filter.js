// Préavis public site: the filter above the services table. Served by Préavis itself at
// /static/filter.js (the pages' Content-Security-Policy allows scripts from 'self' only).
// Without JavaScript the field stays hidden and every service is listed.
(function () {
  "use strict";
  var field = document.getElementById("service-filter");
  var box = document.getElementById("service-filter-box");
  var count = document.getElementById("service-filter-count");
  if (!field || !box || !count) { return; }
  var fold = function (text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };
  var rules = new Intl.PluralRules(document.documentElement.lang || "fr-CA");
  var tables = Array.prototype.slice.call(document.querySelectorAll("#services-list table"));
  box.hidden = false;
  field.addEventListener("input", function () {
    var wanted = fold(field.value.trim());
    var shown = 0;
    tables.forEach(function (table) {
      var visible = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var match = !wanted || fold(row.textContent).indexOf(wanted) !== -1;
        row.hidden = !match;
        if (match) { visible += 1; }
      });
      table.hidden = visible === 0;
      shown += visible;
    });
    var form = rules.select(shown) === "one" ? count.dataset.one : count.dataset.other;
    count.textContent = wanted ? form.replace("{n}", String(shown)) : "";
  });
}());

// A page of another moment is the page of its phase (nothing changes within it, see
// preavis/web/phases.py): its picker shows the phase's first minute. Set it to the moment the
// address asked for, in the zone the picker shows. Without JavaScript the phase's stays.
(function () {
  "use strict";
  var field = document.getElementById("when");
  var zone = document.getElementById("tz");
  if (!field || !zone || !window.URLSearchParams || !window.Intl) { return; }
  var query = new URLSearchParams(window.location.search);
  var when = query.get("when");
  if (when && /^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(when)) {
    field.value = when;
    return;
  }
  var instant = new Date(query.get("at") || "");
  if (isNaN(instant.getTime())) { return; }
  var parts = {};
  try {
    new Intl.DateTimeFormat("en-CA", {
      timeZone: zone.value, hourCycle: "h23", year: "numeric", month: "2-digit",
      day: "2-digit", hour: "2-digit", minute: "2-digit"
    }).formatToParts(instant).forEach(function (part) { parts[part.type] = part.value; });
  } catch (error) {
    return; // a zone this browser does not know: the phase's first minute stays
  }
  field.value = parts.year + "-" + parts.month + "-" + parts.day + "T" + parts.hour + ":" +
    parts.minute;
}());
