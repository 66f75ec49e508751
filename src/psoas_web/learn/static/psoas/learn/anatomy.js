/* The anatomy figure: selecting a muscle highlights it and shows only its panel.
   Without this script every panel is shown and the parts are plain links to them. */
(function () {
  "use strict";
  var root = document.querySelector("[data-anatomy]");
  if (!root) { return; }
  var panels = Array.prototype.slice.call(root.querySelectorAll("[data-panel]"));
  var links = Array.prototype.slice.call(root.querySelectorAll("[data-part]"));
  var labels = Array.prototype.slice.call(root.querySelectorAll("[data-label]"));
  var status = root.querySelector("[data-status]");
  var ids = panels.map(function (panel) { return panel.getAttribute("data-panel"); });
  if (!ids.length) { return; }

  function select(id, announce) {
    panels.forEach(function (panel) {
      panel.hidden = panel.getAttribute("data-panel") !== id;
    });
    links.forEach(function (link) {
      if (link.getAttribute("data-part") === id) {
        link.setAttribute("aria-current", "true");
      } else {
        link.removeAttribute("aria-current");
      }
    });
    /* the iliopsoas is the unit: show its two main muscles with its tendon */
    root.classList.toggle("show-unit", id === "iliopsoas");
    labels.forEach(function (label) {
      label.classList.toggle("selected", label.getAttribute("data-label") === id);
    });
    if (announce && status) {
      var heading = document.getElementById(id + "-h");
      status.textContent = "Showing " + (heading ? heading.textContent : id);
    }
  }

  root.classList.add("js");
  links.forEach(function (link) {
    link.addEventListener("click", function (event) {
      var id = link.getAttribute("data-part");
      if (ids.indexOf(id) < 0) { return; }
      event.preventDefault();
      select(id, true);
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", "#" + id);
      }
      var panel = document.getElementById(id);
      if (panel && panel.getBoundingClientRect().top > window.innerHeight * 0.85) {
        var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
        panel.scrollIntoView({ behavior: still ? "auto" : "smooth", block: "nearest" });
      }
    });
  });

  var start = window.location.hash.slice(1);
  select(ids.indexOf(start) >= 0 ? start : ids[0], false);
})();
