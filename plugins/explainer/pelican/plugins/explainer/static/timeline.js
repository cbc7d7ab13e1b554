/* The timeline's country filter. The page lists every event; this script shows the filter buttons (hidden
   without JavaScript) and, when one is pressed, hides the events whose data-countries do not name that
   country and the eras left empty, and shows the year beside the first event of each year left in view.
   The status line says how many events show. */
(function () {
  "use strict";
  var filter = document.getElementById("timeline-filter");
  if (!filter) { return; }
  var buttons = Array.prototype.slice.call(filter.querySelectorAll("button[data-country]"));
  var status = document.getElementById("timeline-filter-status");
  var events = Array.prototype.slice.call(document.querySelectorAll("ol.timeline > li"));
  var eras = Array.prototype.slice.call(document.querySelectorAll("section.era"));

  function show(country, name) {
    var shown = 0;
    events.forEach(function (event) {
      var countries = (event.getAttribute("data-countries") || "").split(" ");
      event.hidden = Boolean(country) && countries.indexOf(country) < 0;
      if (!event.hidden) { shown += 1; }
    });
    eras.forEach(function (era) {
      var years = {};
      era.querySelectorAll("ol.timeline > li:not([hidden]) > .event-year").forEach(function (marker) {
        marker.hidden = years[marker.textContent] === true;
        years[marker.textContent] = true;
      });
      era.hidden = !era.querySelector("ol.timeline > li:not([hidden])");
    });
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-country") === country));
    });
    status.textContent = country
      ? shown + " of " + events.length + " events involve " + name + "."
      : "All " + events.length + " events.";
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      var name = button.firstChild.textContent.trim();
      show(button.getAttribute("data-country"), name);
    });
  });
  filter.hidden = false;
})();
